import { fileURLToPath } from 'node:url';
import { randomInt } from 'node:crypto';
import type { Clock } from '../shared/domain/clock.ts';
import type { Database } from '../shared/infrastructure/db/database.ts';
import type { Referential } from '../referential/domain/referential.ts';
import type { EvaluationDeps } from '../evaluation/application/evaluation-deps.ts';
import type { MembershipRepository } from '../identity/infrastructure/membership-repository.ts';
import type { ActivityResult } from '../lti/domain/ags-score.ts';
import type { CampaignsDeps, ParticipationSharedEvent } from './application/campaigns-deps.ts';
import { campaignAssessmentHooks } from './application/campaign-assessment-hooks.ts';
import { loadTargetProfileCatalogue } from './infrastructure/target-profile-catalogue.ts';

export const TARGET_PROFILES_DIR = fileURLToPath(new URL('../../../referential/target-profiles', import.meta.url));

/**
 * Campaigns' part of the composition root: its deps, and the hooks the evaluation context calls for campaign
 * assessments (installed on `evaluation`).
 */
export function createCampaignsModule(input: {
  db: Database;
  referential: Referential;
  memberships: MembershipRepository;
  evaluation: EvaluationDeps;
  clock: Clock;
  publicUrl: string;
  random?: () => number;
  onParticipationShared?: CampaignsDeps['onParticipationShared'];
}): CampaignsDeps {
  input.evaluation.campaignAssessments = campaignAssessmentHooks;
  return {
    db: input.db,
    referential: () => input.referential,
    catalogue: loadTargetProfileCatalogue(TARGET_PROFILES_DIR, input.referential),
    memberships: input.memberships,
    evaluation: input.evaluation,
    clock: input.clock,
    random: input.random ?? (() => randomInt(0, 2 ** 32) / 2 ** 32),
    publicUrl: input.publicUrl,
    ...(input.onParticipationShared ? { onParticipationShared: input.onParticipationShared } : {}),
  };
}

/**
 * The gradebook score of a shared participation: mastery % out of 100, with the reached stage and the
 * competence levels in the comment (LTI AGS, through lti/application/usecases/report-activity-result.ts).
 */
export function campaignActivityResult(event: ParticipationSharedEvent): ActivityResult {
  const stage = event.stage ? `Palier ${event.stage.reached - 1}/${event.stage.total - 1} : ${event.stage.title}. ` : '';
  const levels = event.competenceLevels.map((c) => `${c.index} niveau ${c.level}`).join(', ');
  return {
    scoreGiven: event.masteryPercent,
    scoreMaximum: 100,
    comment: `${event.campaign.name} — maîtrise ${event.masteryPercent} %. ${stage}${levels ? `Compétences : ${levels}.` : ''}`.trim(),
    activityProgress: 'Completed',
    gradingProgress: 'FullyGraded',
  };
}
