import type { CampaignsDeps } from '../campaigns/application/campaigns-deps.ts';
import { sendCampaignPage } from '../campaigns/application/campaign-pages.ts';
import { listCampaignsForPicker } from '../campaigns/application/usecases/manage-campaigns.ts';
import type { CampaignsPort } from './application/lti-deps.ts';

/** The campaigns context behind LTI's port: the picker's list and the learner's landing on a campaign link. */
export function campaignsPort(campaigns: CampaignsDeps): CampaignsPort {
  return {
    listForPicker: (organizationId) => listCampaignsForPicker(campaigns, organizationId),
    sendLearnerPage: (pages, req, res, input) => sendCampaignPage(campaigns, pages, req, res, { token: input.token, actor: input.actor, code: input.code }),
  };
}
