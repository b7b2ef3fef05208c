import type { SkillCandidate, SmartRandomTube } from './skill-candidates.ts';

/** Upstream constants (api/src/shared/constants.js). */
export const MAX_LEVEL_TO_BE_AN_EASY_TUBE = 3;
export const DEFAULT_LEVEL_FOR_FIRST_CHALLENGE = 2;
export const MAX_DIFF_BETWEEN_USER_LEVEL_AND_SKILL_LEVEL = 2;

/** 1. Acquis that still have an épreuve. */
export function keepPlayable(candidates: readonly SkillCandidate[]): SkillCandidate[] {
  return candidates.filter((c) => c.isPlayable);
}

/** 2. Acquis without a knowledge element. */
export function dropTested(candidates: readonly SkillCandidate[], testedSkillIds: ReadonlySet<string>): SkillCandidate[] {
  return candidates.filter((c) => !testedSkillIds.has(c.skill.id));
}

/** 3. "Easy tubes first": while an acquis of a tube whose hardest level is ≤ 3 remains, only those. */
export function keepEasyTubesFirst(
  candidates: readonly SkillCandidate[],
  tubes: ReadonlyMap<string, SmartRandomTube>,
): SkillCandidate[] {
  const easy = candidates.filter((c) => {
    const tube = tubes.get(c.skill.tubeName);
    return tube !== undefined && tube.maxLevel <= MAX_LEVEL_TO_BE_AN_EASY_TUBE;
  });
  return easy.length > 0 ? easy : [...candidates];
}

/** 4. No timed acquis when asked to (first épreuve, or the previous one was timed), unless only timed ones remain. */
export function dropTimedIfNeeded(candidates: readonly SkillCandidate[], avoidTimed: boolean): SkillCandidate[] {
  if (!avoidTimed) return [...candidates];
  const untimed = candidates.filter((c) => !c.timed);
  return untimed.length > 0 ? untimed : [...candidates];
}

/** 5a. First épreuve: the easiest acquis, level 2 counting as lower than anything. */
export function focusOnDefaultLevel(candidates: readonly SkillCandidate[]): SkillCandidate[] {
  const rank = (level: number) => (level === DEFAULT_LEVEL_FOR_FIRST_CHALLENGE ? -Infinity : level);
  let best = Infinity;
  for (const c of candidates) best = Math.min(best, rank(c.skill.level));
  return candidates.filter((c) => rank(c.skill.level) === best);
}

/** 5b. Next épreuves: nothing more than 2 levels above the predicted level. */
export function dropTooDifficult(candidates: readonly SkillCandidate[], predictedLevel: number): SkillCandidate[] {
  return candidates.filter((c) => c.skill.level - predictedLevel <= MAX_DIFF_BETWEEN_USER_LEVEL_AND_SKILL_LEVEL);
}
