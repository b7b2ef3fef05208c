import type { CampaignGradebook } from '../campaigns/application/campaigns-deps.ts';
import type { LtiDeps } from './application/lti-deps.ts';
import { listCampaignNotStarted, readCampaignGradeSync, resendCampaignGrades } from './application/usecases/campaign-grade-sync.ts';

/** LTI behind the campaigns' gradebook port: sync state from the outbox, resend, NRPS members not started. */
export function campaignGradebook(deps: LtiDeps, wakeWorker: () => void): CampaignGradebook {
  return {
    syncState: (input) => readCampaignGradeSync({ deps, ...input }),
    async resend(input) {
      const queued = await resendCampaignGrades({ deps, ...input });
      if (queued > 0) wakeWorker();
      return queued;
    },
    notStarted: (input) => listCampaignNotStarted({ deps, ...input }),
  };
}
