/**
 * From a CRCN competence level (0–8, the scorecard's) to the LSU cycle 3 positioning (1–3).
 *
 * Default table (docs/livret-scolaire.md): the LSU block positions cycle 3 pupils on the first CRCN levels, so
 * CRCN levels 1, 2 and 3 are written as they are and every higher level as 3. Level 0 — never evaluated, or
 * not yet a first level — is left out of the block ("non positionné") rather than written as 1: the file would
 * otherwise claim a level the pupil has not shown. Schools that must fill all 16 codes set `0:1`.
 *
 * Written as `level:value` pairs, comma separated, `-` for "left out": "0:-,1:1,2:2,3:3,4:3,5:3,6:3,7:3,8:3".
 */
export type LsuNiveau = 1 | 2 | 3;
export type LsuLevelMapping = ReadonlyArray<LsuNiveau | null>;

export const DEFAULT_LSU_LEVEL_MAPPING: LsuLevelMapping = [null, 1, 2, 3, 3, 3, 3, 3, 3];

export const MAX_CRCN_LEVEL = 8;

/** Parses the written form; every level 0–8 must be given exactly once. */
export function parseLsuLevelMapping(text: string): LsuLevelMapping {
  const table = new Array<LsuNiveau | null | undefined>(MAX_CRCN_LEVEL + 1).fill(undefined);
  for (const pair of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([0-8])\s*:\s*([1-3]|-)$/.exec(pair);
    if (!match) throw new Error(`Table de correspondance LSU invalide : « ${pair} » (attendu niveau:1|2|3|-).`);
    const level = Number(match[1]);
    if (table[level] !== undefined) throw new Error(`Table de correspondance LSU : niveau ${level} donné deux fois.`);
    table[level] = match[2] === '-' ? null : (Number(match[2]) as LsuNiveau);
  }
  const missing = table.flatMap((value, level) => (value === undefined ? [level] : []));
  if (missing.length) throw new Error(`Table de correspondance LSU incomplète : niveaux ${missing.join(', ')} absents.`);
  return table as Array<LsuNiveau | null>;
}

export function formatLsuLevelMapping(mapping: LsuLevelMapping): string {
  return mapping.map((value, level) => `${level}:${value ?? '-'}`).join(',');
}

export function mapToLsuNiveau(level: number, mapping: LsuLevelMapping): LsuNiveau | null {
  const clamped = Math.max(0, Math.min(MAX_CRCN_LEVEL, Math.floor(level)));
  return mapping[clamped] ?? null;
}
