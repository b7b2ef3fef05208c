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

/** One score of a learner in an LMS gradebook (LTI outbox), as the grade-sync view reads it. */
export interface GradebookScore {
  /** Null: the campaign's own column; else a per-competence column's tag (`pix-competence-1.1`). */
  lineItem: string | null;
  state: 'pending' | 'sent' | 'failed';
  sentAt: Date | null;
  error: string | null;
}

/** The LMS gradebooks as campaigns see them (adapter: lti/campaign-gradebook.ts), absent until wired. */
export interface CampaignGradebook {
  syncState(input: { organizationId: string; code: string; userIds: readonly string[] }): Promise<{ linked: boolean; lineItemScopeMissing: boolean; scores: Map<string, GradebookScore[]> }>;
  /** Queues again the newest scores of a learner; how many. */
  resend(input: { organizationId: string; code: string; userId: string }): Promise<number>;
  /** Per course of a campaign link: its roster's learners without a participation. */
  notStarted(input: { organizationId: string; code: string; participantUserIds: ReadonlySet<string> }): Promise<Array<{ activity: string; rosterAvailable: boolean; learners: Array<{ name: string }> }>>;
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
  /** Signs the teacher's pupil-preview tokens (the preview's only storage, preview-token.ts). */
  previewKey: Uint8Array;
  /** LTI: queue the grade for every resource link of this campaign the pupil launched. */
  onParticipationShared?: (event: ParticipationSharedEvent) => Promise<void>;
  /** LTI: grade sync state, resend, course members who have not started. */
  gradebook?: CampaignGradebook;
}

/** Who is asking (from the session token). */
export interface CampaignActor {
  userId: string;
  organizationId: string | null;
  role: 'ADMIN' | 'MEMBER' | 'PUPIL';
  locale: string;
}
