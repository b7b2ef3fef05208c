import type { Referential } from '../../referential/domain/referential.ts';

/** A target profile (profil cible): capped tubes, i.e. for each tube its skills up to a level (§4.2). */
export interface CappedTube {
  tubeName: string;
  level: number;
}

export type TargetProfileCategory = 'BACK_TO_SCHOOL' | 'COMPETENCES' | 'CUSTOM';

export interface TargetProfile {
  /** `catalogue:<key>` for the shipped ones, the row id for custom ones. */
  id: string;
  name: string;
  description: string;
  category: TargetProfileCategory;
  tubes: CappedTube[];
}

/** A catalogue line: a whole area, a whole competence, or one tube, up to a level. */
export type CatalogueSelector = { area: string; level: number } | { competence: string; level: number } | { tube: string; level: number };

/**
 * Catalogue lines → capped tubes. A narrower line wins over a wider one (tube over competence over area);
 * tubes unknown to the referential are reported, not silently kept.
 */
export function resolveSelectors(selectors: readonly CatalogueSelector[], referential: Referential): { tubes: CappedTube[]; unknown: string[] } {
  const levels = new Map<string, { level: number; rank: number }>();
  const unknown: string[] = [];
  const set = (tubeName: string, level: number, rank: number) => {
    const current = levels.get(tubeName);
    if (!current || current.rank < rank || (current.rank === rank && current.level < level)) levels.set(tubeName, { level, rank });
  };
  const competenceTubes = (index: string) => referential.competences.get(index)?.tubeNames ?? null;
  for (const selector of selectors) {
    if ('tube' in selector) {
      if (referential.tubes.has(selector.tube)) set(selector.tube, selector.level, 3);
      else unknown.push(`tube ${selector.tube}`);
    } else if ('competence' in selector) {
      const tubes = competenceTubes(selector.competence);
      if (tubes) tubes.forEach((tube) => set(tube, selector.level, 2));
      else unknown.push(`competence ${selector.competence}`);
    } else {
      const area = referential.areas.find((a) => a.code === selector.area);
      if (area) area.competenceIndexes.forEach((index) => (competenceTubes(index) ?? []).forEach((tube) => set(tube, selector.level, 1)));
      else unknown.push(`area ${selector.area}`);
    }
  }
  const order = [...referential.tubes.keys()];
  const tubes = [...levels.entries()]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([tubeName, { level }]) => ({ tubeName, level }));
  return { tubes, unknown };
}

/**
 * The skills a campaign freezes at creation: for each capped tube, the tube's skills of difficulty ≤ level
 * that have a playable épreuve (a skill nobody can be asked would cap everyone's mastery below 100 %).
 */
export function campaignSkillIds(tubes: readonly CappedTube[], referential: Referential): string[] {
  return tubes.flatMap(({ tubeName, level }) =>
    (referential.skillsByTube.get(tubeName) ?? [])
      .filter((skill) => skill.level <= level && (referential.playableChallengesBySkill.get(skill.id)?.length ?? 0) > 0)
      .map((skill) => skill.id),
  );
}
