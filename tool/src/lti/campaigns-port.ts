import type { CampaignsDeps } from '../campaigns/application/campaigns-deps.ts';
import { sendCampaignPage, sendTeacherSpace } from '../campaigns/application/campaign-pages.ts';
import { listCampaignsForPicker } from '../campaigns/application/usecases/manage-campaigns.ts';
import type { CampaignsPort } from './application/lti-deps.ts';

/** The campaigns context behind LTI's port: the picker's list, and the learner's landing and the teacher's
 * dashboard on a campaign link. */
export function campaignsPort(campaigns: CampaignsDeps): CampaignsPort {
  return {
    listForPicker: (organizationId) => listCampaignsForPicker(campaigns, organizationId),
    sendLearnerPage: (pages, req, res, input) => sendCampaignPage(campaigns, pages, req, res, { token: input.token, actor: input.actor, code: input.code }),
    sendTeacherPage: (pages, req, res, input) => sendTeacherSpace(campaigns, pages, req, res, { token: input.token, actor: input.actor, focusCode: input.code }),
  };
}
