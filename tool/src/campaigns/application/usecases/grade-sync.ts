import type { GradeSyncView, NotStartedView } from '../../../shared/api-contract/campaigns.ts';
import { campaignErrors } from '../../domain/campaign-errors.ts';
import { createParticipationRepository } from '../../infrastructure/participation-repository.ts';
import { loadTeacherCampaign } from '../access.ts';
import type { CampaignActor, CampaignsDeps, GradebookScore } from '../campaigns-deps.ts';

const WORST: ReadonlyArray<GradebookScore['state']> = ['failed', 'pending', 'sent'];

/**
 * Where each participation's grades stand in the LMS gradebooks (teachers of the campaign's organization only,
 * else 404): pending, sent (when), or failed with the platform's message; and the notice when per-competence
 * columns cannot be created on a platform.
 */
export async function getGradeSync(deps: CampaignsDeps, actor: CampaignActor, campaignId: string): Promise<GradeSyncView> {
  const { campaign } = await loadTeacherCampaign(deps, deps.db, actor, campaignId);
  const participations = await createParticipationRepository(deps.db).listForCampaign(campaign.id, campaign.organizationId, false);
  const userIds = participations.flatMap((p) => (p.userId ? [p.userId] : []));
  const sync = deps.gradebook
    ? await deps.gradebook.syncState({ organizationId: campaign.organizationId, code: campaign.code, userIds })
    : { linked: false, lineItemScopeMissing: false, scores: new Map<string, GradebookScore[]>() };
  return {
    linked: sync.linked,
    notice: campaign.gradePerCompetence && sync.lineItemScopeMissing ? 'LINEITEM_SCOPE_MISSING' : null,
    participations: participations.map((p) => {
      // Scores of an earlier, improved attempt are not this participation's until it is shared.
      const scores = p.status === 'SHARED' && p.userId ? (sync.scores.get(p.userId) ?? []) : [];
      const state = WORST.find((s) => scores.some((score) => score.state === s)) ?? 'none';
      const sentAt = scores.reduce<Date | null>((latest, score) => (score.sentAt && (!latest || score.sentAt > latest) ? score.sentAt : latest), null);
      return {
        participationId: p.id,
        firstName: p.firstName,
        lastName: p.lastName,
        state,
        sentAt: state === 'sent' && sentAt ? sentAt.toISOString() : null,
        error: scores.find((score) => score.state === state && score.error)?.error ?? null,
        scores: scores.map((score) => ({ lineItem: score.lineItem, state: score.state, sentAt: score.sentAt?.toISOString() ?? null, error: score.error })),
      };
    }),
  };
}

/** "Renvoyer": queues again the newest grades of a shared participation (a participation of this campaign only). */
export async function resendGrades(deps: CampaignsDeps, actor: CampaignActor, campaignId: string, participationId: string): Promise<{ queued: number }> {
  const { campaign } = await loadTeacherCampaign(deps, deps.db, actor, campaignId);
  const participation = await createParticipationRepository(deps.db).findById(participationId);
  if (!participation || participation.campaignId !== campaign.id || participation.deletedAt || !participation.userId) throw campaignErrors.participationNotFound();
  if (participation.status !== 'SHARED') throw campaignErrors.notShared();
  const queued = deps.gradebook ? await deps.gradebook.resend({ organizationId: campaign.organizationId, code: campaign.code, userId: participation.userId }) : 0;
  if (queued === 0) throw campaignErrors.nothingToResend();
  return { queued };
}

/** LMS course members (NRPS learners) of the campaign's LTI links who have no participation. */
export async function getNotStarted(deps: CampaignsDeps, actor: CampaignActor, campaignId: string): Promise<NotStartedView> {
  const { campaign } = await loadTeacherCampaign(deps, deps.db, actor, campaignId);
  if (!deps.gradebook) return { courses: [] };
  const participations = await createParticipationRepository(deps.db).listForCampaign(campaign.id, campaign.organizationId, false);
  const participantUserIds = new Set(participations.flatMap((p) => (p.userId ? [p.userId] : [])));
  return { courses: await deps.gradebook.notStarted({ organizationId: campaign.organizationId, code: campaign.code, participantUserIds }) };
}
