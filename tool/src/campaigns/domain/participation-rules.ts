import { parisCalendarDaysBetween } from '../../evaluation/domain/paris-calendar.ts';

/** The participation lifecycle (§4.3): STARTED → TO_SHARE (assessment completed) → SHARED. */
export type ParticipationStatus = 'STARTED' | 'TO_SHARE' | 'SHARED';

/** `dayBeforeRetrying`: a shared participation can be retried 4 days after sharing. */
export const DAYS_BEFORE_RETRYING = 4;

export interface ParticipationFacts {
  status: ParticipationStatus;
  sharedAt: Date | null;
  masteryRate: number | null;
  deletedAt: Date | null;
}

export interface CampaignFacts {
  type: 'ASSESSMENT' | 'PROFILES_COLLECTION';
  multipleSendings: boolean;
  archivedAt: Date | null;
}

export type ShareRefusal = 'ALREADY_SHARED' | 'NOT_FINISHED' | 'ARCHIVED' | 'DELETED';

/** Why sharing is refused, or null when allowed. */
export function shareRefusal(participation: ParticipationFacts, campaign: CampaignFacts): ShareRefusal | null {
  if (participation.deletedAt) return 'DELETED';
  if (participation.status === 'SHARED') return 'ALREADY_SHARED';
  if (campaign.archivedAt) return 'ARCHIVED';
  if (campaign.type === 'ASSESSMENT' && participation.status !== 'TO_SHARE') return 'NOT_FINISHED';
  return null;
}

/**
 * Retry ("Repasser mon parcours"): multiple sendings on, shared, mastery below 100 % (any result for a
 * profiles collection), campaign not archived, 4 days after sharing.
 */
export function retryState(participation: ParticipationFacts, campaign: CampaignFacts, now: Date): { canRetry: boolean; eligible: boolean; remainingDays: number } {
  const eligible =
    campaign.multipleSendings &&
    !campaign.archivedAt &&
    !participation.deletedAt &&
    participation.status === 'SHARED' &&
    participation.sharedAt !== null &&
    (campaign.type === 'PROFILES_COLLECTION' || (participation.masteryRate ?? 0) < 1);
  if (!eligible || !participation.sharedAt) return { canRetry: false, eligible: false, remainingDays: 0 };
  // Calendar days in Europe/Paris, like the other delays (evaluation/domain/paris-calendar.ts).
  const remainingDays = Math.max(0, DAYS_BEFORE_RETRYING - parisCalendarDaysBetween(participation.sharedAt, now));
  return { canRetry: remainingDays === 0, eligible: true, remainingDays };
}

/** Progress shown to teachers: 100 % once the assessment is over, otherwise tested / targeted skills. */
export function participationProgress(status: ParticipationStatus, testedSkillsCount: number, targetedSkillsCount: number): number {
  if (status !== 'STARTED') return 1;
  if (targetedSkillsCount === 0) return 0;
  return Math.min(0.99, testedSkillsCount / targetedSkillsCount);
}
