import type { Referential } from '../../referential/domain/referential.ts';
import type { ParticipationStatus } from './participation-rules.ts';

export interface DashboardInputRow {
  status: ParticipationStatus;
  results: { competences: Record<string, { targeted: number; validated: number }>; tubes: Record<string, { targeted: number; validated: number }> } | null;
}

export interface ClassAggregate {
  counts: Record<ParticipationStatus, number>;
  /** Shared participations only (the others' results belong to the pupils until they share). */
  sharedCount: number;
  averageMasteryRate: number | null;
  /** Per competence with targeted skills: class mastery = Σ validated / Σ targeted over shared participations. */
  competences: Array<{ index: string; masteryRate: number | null }>;
  /** The tubes the class masters least (at most `limit`), with their tutorials. */
  weakestTubes: Array<{ tubeName: string; competenceIndex: string; masteryRate: number; tutorialIds: string[] }>;
}

/**
 * The class at a glance, from the results frozen at share time: one pass over the participations.
 * `sums`: per competence and per tube, Σ over the shared participations when the database keeps them (the
 * campaign's shared totals); otherwise the rows' own results are summed here.
 */
export function aggregateClass(
  rows: readonly (DashboardInputRow & { masteryRate: number | null })[],
  sums: { competences: Record<string, { targeted: number; validated: number }>; tubes: Record<string, { targeted: number; validated: number }> } | null,
  skillIds: readonly string[],
  referential: Referential,
  limit = 5,
): ClassAggregate {
  const counts: Record<ParticipationStatus, number> = { STARTED: 0, TO_SHARE: 0, SHARED: 0 };
  const competences = new Map<string, { targeted: number; validated: number }>();
  const tubes = new Map<string, { targeted: number; validated: number }>();
  let masterySum = 0;
  let sharedCount = 0;
  for (const row of rows) {
    counts[row.status]++;
    if (row.status !== 'SHARED') continue;
    sharedCount++;
    masterySum += row.masteryRate ?? 0;
    if (!sums && row.results) {
      add(competences, row.results.competences);
      add(tubes, row.results.tubes);
    }
  }
  if (sums) {
    add(competences, sums.competences);
    add(tubes, sums.tubes);
  }
  const targetedCompetences = new Set<string>();
  const targetedTubes = new Set<string>();
  for (const id of skillIds) {
    const skill = referential.skills.get(id);
    if (!skill) continue;
    targetedCompetences.add(skill.competenceIndex);
    targetedTubes.add(skill.tubeName);
  }
  const rate = (c: { targeted: number; validated: number } | undefined) => (c && c.targeted > 0 ? c.validated / c.targeted : null);
  const weakestTubes = sharedCount
    ? [...targetedTubes]
        .map((tubeName) => ({ tubeName, masteryRate: rate(tubes.get(tubeName)) ?? 0 }))
        .sort((a, b) => a.masteryRate - b.masteryRate)
        .slice(0, limit)
        .filter((t) => t.masteryRate < 1)
        .map((t) => {
          const skills = referential.skillsByTube.get(t.tubeName) ?? [];
          return {
            ...t,
            competenceIndex: referential.tubes.get(t.tubeName)?.competenceIndex ?? '',
            tutorialIds: [...new Set(skills.filter((s) => skillIds.includes(s.id)).flatMap((s) => s.tutorialIds))].slice(0, 3),
          };
        })
    : [];
  return {
    counts,
    sharedCount,
    averageMasteryRate: sharedCount ? masterySum / sharedCount : null,
    competences: [...referential.competences.keys()].filter((index) => targetedCompetences.has(index)).map((index) => ({ index, masteryRate: rate(competences.get(index)) })),
    weakestTubes,
  };
}

function add(into: Map<string, { targeted: number; validated: number }>, from: Record<string, { targeted: number; validated: number }>) {
  for (const [key, value] of Object.entries(from)) {
    const current = into.get(key);
    if (current) {
      current.targeted += value.targeted;
      current.validated += value.validated;
    } else into.set(key, { targeted: value.targeted, validated: value.validated });
  }
}
