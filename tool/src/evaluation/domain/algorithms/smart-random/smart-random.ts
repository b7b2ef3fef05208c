import type { Challenge } from '../../../../referential/domain/referential.ts';
import type { SelectionContext } from '../selection-context.ts';
import { pickChallenge } from './pick-challenge.ts';
import { predictLevel } from './predicted-level.ts';
import { keepMaxRewarding, skillReward } from './reward.ts';
import { buildTubes, describeSkills, type SkillCandidate } from './skill-candidates.ts';
import {
  DEFAULT_LEVEL_FOR_FIRST_CHALLENGE,
  dropTested,
  dropTimedIfNeeded,
  dropTooDifficult,
  focusOnDefaultLevel,
  keepEasyTubesFirst,
  keepPlayable,
} from './skill-filters.ts';

export type SmartRandomOutcome =
  | { ended: false; challenge: Challenge; predictedLevel: number }
  | { ended: true; predictedLevel: number };

/**
 * Upstream Pix's smart random (pix-domain.md §3.1), kept faithfully as the baseline: filters in upstream order,
 * reward on the tube, deterministic pick from the seed. It ends when no acquis is left.
 */
export function selectWithSmartRandom(context: SelectionContext): SmartRandomOutcome {
  const candidates = describeSkills(context.targetSkills, context.remainingChallengesBySkill);
  const tubes = buildTubes(candidates);
  const untested = keepEasyTubesFirst(dropTested(keepPlayable(candidates), context.testedSkillIds), tubes);

  let possible: SkillCandidate[];
  let predictedLevel: number;
  if (context.lastAnswer === null) {
    possible = focusOnDefaultLevel(dropTimedIfNeeded(untested, true));
    predictedLevel = DEFAULT_LEVEL_FOR_FIRST_CHALLENGE;
  } else {
    const skills = context.referential.skills;
    predictedLevel = predictLevel({
      knowledgeElements: context.knowledgeElements,
      skillLevel: (id) => skills.get(id)?.level,
    });
    const available = dropTooDifficult(dropTimedIfNeeded(untested, context.lastAnswer.timed), predictedLevel);
    possible = keepMaxRewarding(available, (skill) =>
      skillReward({ skill, predictedLevel, tubes, testedSkillIds: context.testedSkillIds }),
    );
  }
  const challenge = pickChallenge({ candidates: possible, seed: context.seed, locales: context.locales });
  return challenge ? { ended: false, challenge, predictedLevel } : { ended: true, predictedLevel };
}
