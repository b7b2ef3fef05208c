import { and, eq } from 'drizzle-orm';
import type { CampaignAssessmentHooks } from '../../evaluation/application/evaluation-deps.ts';
import { campaignParticipations, campaigns } from '../infrastructure/campaigns-schema.ts';

/**
 * What the evaluation context asks of campaigns about a campaign assessment: the skills it measures (the
 * campaign's frozen skills) and, when it completes, STARTED → TO_SHARE, in the answer's transaction.
 */
export const campaignAssessmentHooks: CampaignAssessmentHooks = {
  async targetSkillIds(db, campaignParticipationId) {
    const [row] = await db
      .select({ skillIds: campaigns.skillIds })
      .from(campaignParticipations)
      .innerJoin(campaigns, eq(campaigns.id, campaignParticipations.campaignId))
      .where(eq(campaignParticipations.id, campaignParticipationId));
    return row?.skillIds ?? [];
  },
  async completed({ db, campaignParticipationId }) {
    await db
      .update(campaignParticipations)
      .set({ status: 'TO_SHARE' })
      .where(and(eq(campaignParticipations.id, campaignParticipationId), eq(campaignParticipations.status, 'STARTED')));
  },
};
