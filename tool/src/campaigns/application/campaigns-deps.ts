import type { Clock } from '../../shared/domain/clock.ts';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import type { Referential } from '../../referential/domain/referential.ts';
import type { EvaluationDeps } from '../../evaluation/application/evaluation-deps.ts';
import type { MembershipRepository } from '../../identity/infrastructure/membership-repository.ts';
import type { TargetProfileCatalogue } from '../infrastructure/target-profile-catalogue.ts';

/** A participation was shared: what the gradebooks get (LTI outbox), inside the share's transaction. */
export interface ParticipationSharedEvent {
  db: Database;
  userId: string;
  campaign: { id: string; code: string; name: string; gradePerCompetence: boolean };
  /** 0–100. */
  masteryPercent: number;
  stage: { reached: number; total: number; title: string } | null;
  /** Competence levels reached (scorecard levels) for the competences the campaign assesses. */
  competenceLevels: Array<{ index: string; level: number }>;
  now: Date;
}

/** What the campaigns use cases need, wired once in the composition root. */
export interface CampaignsDeps {
  db: Database;
  referential: () => Referential;
  catalogue: TargetProfileCatalogue;
  memberships: MembershipRepository;
  evaluation: EvaluationDeps;
  clock: Clock;
  /** Uniform in [0, 1): campaign codes. */
  random: () => number;
  publicUrl: string;
  /** LTI: queue the grade for every resource link of this campaign the pupil launched. */
  onParticipationShared?: (event: ParticipationSharedEvent) => Promise<void>;
}

/** Who is asking (from the session token). */
export interface CampaignActor {
  userId: string;
  organizationId: string | null;
  role: 'ADMIN' | 'MEMBER' | 'PUPIL';
  locale: string;
}
