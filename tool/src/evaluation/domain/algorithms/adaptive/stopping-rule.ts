import type { AdaptiveConfig } from './adaptive-config.ts';

/**
 * Stop a competence at the maximum length, when nothing is left to ask, or — past the minimum length — once the
 * estimate is precise (posterior sd) or every untested acquis is already settled.
 */
export function shouldStop({
  answeredCount,
  sd,
  allSettled,
  levelProbability,
  lastShift,
  hasEligibleChallenge,
  config,
}: {
  answeredCount: number;
  sd: number;
  allSettled: boolean;
  levelProbability: number;
  lastShift: number;
  hasEligibleChallenge: boolean;
  config: Pick<AdaptiveConfig, 'minLength' | 'maxLength' | 'stopSd' | 'stopLevelProbability' | 'stopMaxShift'>;
}): boolean {
  if (!hasEligibleChallenge || answeredCount >= config.maxLength) return true;
  return answeredCount >= config.minLength && lastShift <= config.stopMaxShift && (sd <= config.stopSd || allSettled || levelProbability >= config.stopLevelProbability);
}
