import type { Skill } from '../../../../referential/domain/referential.ts';
import { probabilityOfSuccess } from './predicted-level.ts';
import type { SkillCandidate, SmartRandomTube } from './skill-candidates.ts';

/**
 * Expected number of acquis settled by asking `skill` (upstream `_computeReward`): a success validates the untested
 * acquis of its tube up to its level, a failure invalidates those from its level up — both counts include itself.
 */
export function skillReward({
  skill,
  predictedLevel,
  tubes,
  testedSkillIds,
}: {
  skill: Skill;
  predictedLevel: number;
  tubes: ReadonlyMap<string, SmartRandomTube>;
  testedSkillIds: ReadonlySet<string>;
}): number {
  const p = probabilityOfSuccess(predictedLevel, skill.level);
  const untested = (tubes.get(skill.tubeName)?.skills ?? []).filter((other) => !testedSkillIds.has(other.id));
  const ifSolved = untested.filter((other) => other.level <= skill.level).length;
  const ifFailed = untested.filter((other) => other.level >= skill.level).length;
  return p * ifSolved + (1 - p) * ifFailed;
}

/** The acquis of maximal reward, none of them worth 0. */
export function keepMaxRewarding(
  candidates: readonly SkillCandidate[],
  reward: (skill: Skill) => number,
): SkillCandidate[] {
  let best = -Infinity;
  let kept: SkillCandidate[] = [];
  for (const candidate of candidates) {
    const value = reward(candidate.skill);
    if (value > best) {
      best = value;
      kept = [candidate];
    } else if (value === best) kept.push(candidate);
  }
  return best === 0 ? [] : kept;
}
