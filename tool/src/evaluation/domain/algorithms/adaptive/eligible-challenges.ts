import type { Challenge } from '../../../../referential/domain/referential.ts';
import { isTimed, type SelectionContext } from '../selection-context.ts';
import type { AdaptiveConfig } from './adaptive-config.ts';
import type { CompetenceEstimate } from './competence-estimate.ts';

/**
 * The épreuves the engine may ask next in a competence: untested acquis only; never two timed épreuves in a row;
 * the first one non-timed (timed only if nothing else exists) at level 2, or the nearest level, the lower on a tie;
 * afterwards nothing more than 2 levels above the estimate.
 */
export function eligibleChallenges({
  context,
  estimate,
  config,
}: {
  context: SelectionContext;
  estimate: CompetenceEstimate;
  config: AdaptiveConfig;
}): Challenge[] {
  const untested: Challenge[] = [];
  for (const skill of context.targetSkills) {
    if (skill.competenceIndex !== estimate.competenceIndex || context.testedSkillIds.has(skill.id)) continue;
    untested.push(...(context.remainingChallengesBySkill.get(skill.id) ?? []));
  }
  const untimed = untested.filter((challenge) => !isTimed(challenge));
  if (estimate.answeredCount === 0) {
    const afterTimed = context.lastAnswer?.timed === true;
    return nearestToLevel(untimed.length > 0 || afterTimed ? untimed : untested, config.firstChallengeLevel);
  }
  const ceiling = estimate.level + config.maxLevelsAboveEstimate;
  return (context.lastAnswer?.timed === true ? untimed : untested).filter((challenge) => challenge.level <= ceiling);
}

function nearestToLevel(pool: readonly Challenge[], target: number): Challenge[] {
  let best: number | null = null;
  for (const { level } of pool) {
    const distance = Math.abs(level - target);
    const bestDistance = best === null ? Infinity : Math.abs(best - target);
    if (distance < bestDistance || (distance === bestDistance && best !== null && level < best)) best = level;
  }
  return pool.filter((challenge) => challenge.level === best);
}
