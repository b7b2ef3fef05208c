import { scoreEarnedPix } from '../../evaluation/domain/scoring/competence-score.ts';

/** A rostered pupil and her competence levels, as a school (and its livret) needs them. */
export interface PupilLevels {
  rosterId: string;
  ine: string;
  /** SIECLE ELEVE_ID, the LSU `id-be`; null when the roster came from a CSV without it. */
  siecleEleveId: string | null;
  lastName: string;
  firstName: string;
  birthdate: string;
  division: string;
  /** Reconciled account; null when the pupil never signed in. */
  userId: string | null;
  /** Every competence of the referential, in referential order. */
  levels: Array<{ competenceId: string; level: number }>;
  pixScore: number;
  lastChangedAt: Date | null;
}

/** Levels from per-competence sums of the current knowledge elements' pix (the read model sums them in SQL), by the
 * scoring rule of §2.3 (same rounding tolerance, same cap): the level keeps its single definition. */
export function levelsFromEarnedPix(input: {
  earnedPixByCompetence: ReadonlyMap<string, number>;
  competenceIndexes: readonly string[];
  maxReachableLevel: number;
}): { levels: Array<{ competenceId: string; level: number }>; pixScore: number } {
  let pixScore = 0;
  const levels = input.competenceIndexes.map((competenceIndex) => {
    const score = scoreEarnedPix(input.earnedPixByCompetence.get(competenceIndex) ?? 0, input.maxReachableLevel);
    pixScore += score.pixScore;
    return { competenceId: competenceIndex, level: score.level };
  });
  return { levels, pixScore };
}
