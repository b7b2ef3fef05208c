import type { Clock } from '../../shared/domain/clock.ts';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import type { SignedUrls } from '../../identity/domain/signed-url.ts';
import type { Referential } from '../../referential/domain/referential.ts';
import type { AssessmentMethod } from '../domain/models/assessment.ts';

/** What the evaluation use cases need from the outside, wired once in the composition root. */
export interface EvaluationDeps {
  db: Database;
  referential: () => Referential;
  signedUrls: SignedUrls;
  clock: Clock;
  maxReachableLevel: number;
  /** Method of new assessments (adaptive; smart random is the measured baseline). */
  defaultMethod: AssessmentMethod;
  newSeed: () => string;
  /**
   * Called inside the answer's transaction (`db` is its handle) when a competence evaluation ends: the LTI
   * context queues the grade for the platforms' gradebooks (lti/application/usecases/report-activity-result.ts).
   */
  onCompetenceEvaluationCompleted?: (event: { db: Database; userId: string; competenceIndex: string; level: number; pix: number; now: Date }) => Promise<void>;
  /**
   * Campaign assessments (type CAMPAIGN): the campaigns context gives the skills they measure (the campaign's
   * frozen skills) and hears when one completes, inside the answer's transaction
   * (campaigns/application/campaign-assessment-hooks.ts).
   */
  campaignAssessments?: CampaignAssessmentHooks;
}

export interface CampaignAssessmentHooks {
  targetSkillIds(db: Database, campaignParticipationId: string): Promise<readonly string[]>;
  completed(event: { db: Database; campaignParticipationId: string; userId: string; now: Date }): Promise<void>;
}

/** Who is asking: only the owner of an assessment may read or answer it. */
export interface Actor {
  userId: string;
  organizationId: string | null;
  locale: string;
}
