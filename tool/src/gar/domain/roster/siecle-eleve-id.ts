import type { RosterLineError, RosterPupil } from './roster-pupil.ts';

/**
 * SIECLE's ELEVE_ID as a school types it in a CSV roster. The LSU import file knows a pupil by this id only
 * (`id-be`, an xs:positiveInteger), so a CSV-imported pupil needs it to get her levels in the livret.
 * SIECLE numbers pupils with a few digits; ten is far above any real id and below an INE typed by mistake.
 */
export const SIECLE_ELEVE_ID_MAX_DIGITS = 10;

/** "0042" and "42" are the same `id-be`: ids are compared, and stored from a CSV, without leading zeros. */
export function siecleIdKey(value: string): string {
  return value.trim().replace(/^0+(?=\d)/, '');
}

/** A typed ELEVE_ID (leading zeros dropped), or why it is refused. */
export function parseSiecleEleveId(raw: string): { value: string } | { reason: string } {
  const typed = raw.trim();
  if (!/^\d+$/.test(typed)) return { reason: `« ${typed} » : chiffres uniquement / digits only` };
  const value = siecleIdKey(typed);
  if (value === '0') return { reason: `« ${typed} » : doit être supérieur à 0 / must be above 0` };
  if (value.length > SIECLE_ELEVE_ID_MAX_DIGITS) {
    return { reason: `« ${typed} » : ${SIECLE_ELEVE_ID_MAX_DIGITS} chiffres au plus / ${SIECLE_ELEVE_ID_MAX_DIGITS} digits at most` };
  }
  return { value };
}

/**
 * One ELEVE_ID on two lines of a file: every line holding it is refused, since nothing tells which pupil it is
 * (keeping the first would risk writing one child's levels in another child's school report).
 */
export function rejectSharedSiecleIds(rows: Array<{ pupil: RosterPupil; line: number }>): {
  unique: Array<{ pupil: RosterPupil; line: number }>;
  errors: RosterLineError[];
  rejectedIne: string[];
} {
  const linesOf = new Map<string, number[]>();
  for (const row of rows) {
    if (!row.pupil.siecleEleveId) continue;
    const key = siecleIdKey(row.pupil.siecleEleveId);
    linesOf.set(key, [...(linesOf.get(key) ?? []), row.line]);
  }
  const unique: Array<{ pupil: RosterPupil; line: number }> = [];
  const errors: RosterLineError[] = [];
  const rejectedIne: string[] = [];
  for (const row of rows) {
    const lines = row.pupil.siecleEleveId ? linesOf.get(siecleIdKey(row.pupil.siecleEleveId))! : [row.line];
    if (lines.length === 1) unique.push(row);
    else {
      const others = lines.filter((l) => l !== row.line).join(', ');
      errors.push({ line: row.line, field: 'ELEVE_ID', reason: `« ${row.pupil.siecleEleveId} » en double (aussi ligne ${others}) / duplicated (also line ${others})` });
      rejectedIne.push(row.pupil.ine);
    }
  }
  return { unique, errors, rejectedIne };
}

export interface SiecleIdConflict {
  ine: string;
  siecleEleveId: string;
  /** The INE of the pupil of the school who holds that id. */
  heldByIne: string;
}

/**
 * CSV ids that, once the import applied, would give one ELEVE_ID to two active pupils of the school (a typo,
 * or an id already imported from SIECLE for someone else). Only lines that bring a new id are refused; a
 * refused line leaves its pupil as she was, which may free or keep another id, so it is recomputed until stable.
 */
export function findSiecleIdConflicts(input: {
  stored: ReadonlyArray<{ ine: string; siecleEleveId: string | null; active: boolean }>;
  pupils: ReadonlyArray<Pick<RosterPupil, 'ine' | 'siecleEleveId'>>;
  /** INEs of lines with errors: those pupils stay as they are. */
  keepIne: ReadonlySet<string>;
}): SiecleIdConflict[] {
  const storedByIne = new Map(input.stored.map((row) => [row.ine, row]));
  const inFile = new Set(input.pupils.map((p) => p.ine));
  const refused = new Map<string, SiecleIdConflict>();
  for (;;) {
    const holders = new Map<string, Array<{ ine: string; claim: string | null }>>();
    const hold = (ine: string, id: string | null, claim: string | null) => {
      if (!id) return;
      const key = siecleIdKey(id);
      holders.set(key, [...(holders.get(key) ?? []), { ine, claim }]);
    };
    for (const pupil of input.pupils) {
      const row = storedByIne.get(pupil.ine);
      if (refused.has(pupil.ine)) {
        if (row?.active) hold(pupil.ine, row.siecleEleveId, null);
        continue;
      }
      const isNew = pupil.siecleEleveId !== null && siecleIdKey(pupil.siecleEleveId) !== siecleIdKey(row?.siecleEleveId ?? '');
      // After the import she holds the line's id, or her stored one when the line gives none (csvLineOverStored).
      hold(pupil.ine, pupil.siecleEleveId ?? row?.siecleEleveId ?? null, isNew ? pupil.siecleEleveId : null);
    }
    for (const row of input.stored) if (row.active && !inFile.has(row.ine) && input.keepIne.has(row.ine)) hold(row.ine, row.siecleEleveId, null);
    let changed = false;
    for (const group of holders.values()) {
      if (group.length < 2) continue;
      for (const member of group) {
        if (member.claim === null) continue;
        const holder = group.find((other) => other.ine !== member.ine && other.claim === null) ?? group.find((other) => other.ine !== member.ine)!;
        refused.set(member.ine, { ine: member.ine, siecleEleveId: member.claim, heldByIne: holder.ine });
        changed = true;
      }
    }
    if (!changed) return [...refused.values()];
  }
}
