import type { AdaptiveConfig } from './adaptive-config.ts';

/**
 * Stop a competence at the maximum length or when nothing is left to ask; past the minimum length, once the
 * estimate is precise enough (posterior sd) or every untested acquis is already settled with confidence —
 * further épreuves would then change no knowledge element.
 */
export function shouldStop({
  answeredCount,
  sd,
  allSettled,
  hasEligibleChallenge,
  config,
}: {
  answeredCount: number;
  sd: number;
  allSettled: boolean;
  hasEligibleChallenge: boolean;
  config: Pick<AdaptiveConfig, 'minLength' | 'maxLength' | 'stopSd'>;
}): boolean {
  if (!hasEligibleChallenge || answeredCount >= config.maxLength) return true;
  return answeredCount >= config.minLength && (sd <= config.stopSd || allSettled);
}
