import { fileURLToPath } from 'node:url';
import { randomBytes, randomInt } from 'node:crypto';
import type { Clock } from '../shared/domain/clock.ts';
import type { Database } from '../shared/infrastructure/db/database.ts';
import type { Referential } from '../referential/domain/referential.ts';
import type { EvaluationDeps } from '../evaluation/application/evaluation-deps.ts';
import type { MembershipRepository } from '../identity/infrastructure/membership-repository.ts';
import type { ActivityResult } from '../lti/domain/ags-score.ts';
import { competenceTag, type ExtraLineItemResult } from '../lti/domain/extra-line-items.ts';
import { localize } from '../referential/infrastructure/framework-file.ts';
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
  /** Pupil-preview tokens' key; a per-process one when absent (previews then end with the process). */
  previewKey?: Uint8Array;
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
    previewKey: input.previewKey ?? randomBytes(32),
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

/**
 * Per-competence grades of a shared participation, when the campaign asks for them (`gradePerCompetence`): one
 * column per assessed competence, tagged `pix-competence-<index>`, labelled with the competence's name, the
 * level reached out of the configured maximum level.
 */
export function campaignCompetenceResults(event: ParticipationSharedEvent, referential: Referential, maxLevel: number): ExtraLineItemResult[] {
  if (!event.campaign.gradePerCompetence) return [];
  return event.competenceLevels.map(({ index, level }) => {
    const competence = referential.competences.get(index);
    const name = competence ? `${index} ${localize(competence.name, 'fr')}` : index;
    return {
      tag: competenceTag(index),
      label: `${name} (${event.campaign.name})`.slice(0, 255),
      result: {
        scoreGiven: Math.min(level, maxLevel),
        scoreMaximum: maxLevel,
        comment: `${event.campaign.name} — ${name} : niveau ${level}`,
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
      },
    };
  });
}
