/**
 * The JSON the campaigns API sends to the widgets (teacher space, pupil campaign page). Widgets import these
 * with `import type` only.
 */
import type { AnswerResult, ChallengeView, CheckpointAnswerView } from './evaluation.ts';

export type CampaignType = 'ASSESSMENT' | 'PROFILES_COLLECTION';
export type ParticipationStatus = 'STARTED' | 'TO_SHARE' | 'SHARED';

export interface StageView {
  threshold: number;
  title: string;
  message: string;
}

export interface TargetProfileView {
  id: string;
  name: string;
  description: string;
  category: 'BACK_TO_SCHOOL' | 'COMPETENCES' | 'CUSTOM';
  tubes: Array<{ tubeName: string; level: number }>;
  skillCount: number;
}

/** The tubes a teacher can pick from, grouped by competence. */
export interface TubeChoiceView {
  areaCode: string;
  areaName: string;
  competenceIndex: string;
  competenceName: string;
  tubes: Array<{ name: string; title: string; maxLevel: number }>;
}

export interface CampaignView {
  id: string;
  code: string;
  type: CampaignType;
  name: string;
  title: string | null;
  landingText: string | null;
  externalIdLabel: string | null;
  multipleSendings: boolean;
  openToAnyone: boolean;
  gradePerCompetence: boolean;
  targetProfile: { id: string | null; name: string | null };
  skillCount: number;
  stages: StageView[];
  createdAt: string;
  archivedAt: string | null;
  /** Direct link a pupil opens (`/campaigns/join?code=…`). */
  joinUrl: string;
  participantsCount: number;
  sharedCount: number;
}

export interface CampaignListView {
  campaigns: CampaignView[];
}

export interface CampaignInput {
  type: CampaignType;
  name: string;
  title?: string | null;
  landingText?: string | null;
  externalIdLabel?: string | null;
  multipleSendings?: boolean;
  openToAnyone?: boolean;
  gradePerCompetence?: boolean;
  targetProfileId?: string | null;
  stages?: StageView[];
}

export interface CompetenceResultView {
  index: string;
  name: string;
  areaCode: string;
  targeted: number;
  validated: number;
  /** 0–100. */
  masteryPercent: number;
}

export interface TutorialLinkView {
  id: string;
  title: string;
  url: string;
}

/** What the pupil sees of her participation. */
export interface ParticipationView {
  id: string;
  campaign: { code: string; name: string; title: string | null; landingText: string | null; type: CampaignType; externalIdLabel: string | null };
  status: ParticipationStatus;
  /** The campaign assessment to play (same endpoints as competence evaluations). */
  assessmentId: string | null;
  assessmentState: 'started' | 'completed' | null;
  /** She has answered at least one question of it: "Reprendre" rather than "Commencer". */
  assessmentAnswered: boolean;
  createdAt: string;
  sharedAt: string | null;
  canShare: boolean;
  canRetry: boolean;
  retryInDays: number | null;
  results: {
    /** 0–100, two significant digits as upstream. */
    masteryPercent: number;
    validatedSkillsCount: number;
    targetedSkillsCount: number;
    competences: CompetenceResultView[];
    stage: { reached: number; total: number; title: string; message: string } | null;
    tutorials: TutorialLinkView[];
  } | null;
}

/** What a pupil sees before joining (landing page). */
export interface CampaignLandingView {
  code: string;
  name: string;
  title: string | null;
  landingText: string | null;
  externalIdLabel: string | null;
  type: CampaignType;
  /** Her current participation in it, if any. */
  participationId: string | null;
}

export interface DashboardParticipantView {
  participationId: string;
  firstName: string;
  lastName: string;
  className: string | null;
  status: ParticipationStatus;
  /** 0–100. */
  progressPercent: number;
  /** 0–100, shared participations only. */
  masteryPercent: number | null;
  createdAt: string;
  sharedAt: string | null;
}

export interface DashboardView {
  campaign: CampaignView;
  counts: Record<ParticipationStatus, number>;
  averageMasteryPercent: number | null;
  competences: Array<{ index: string; name: string; masteryPercent: number | null }>;
  weakestTubes: Array<{ tubeName: string; title: string; competenceIndex: string; masteryPercent: number; tutorials: TutorialLinkView[] }>;
  participants: DashboardParticipantView[];
  /** Pupils of the organization's classes (or the LMS course's members) who have not started. */
  notStarted: Array<{ firstName: string; lastName: string; className: string | null }>;
}

/**
 * A teacher's pupil preview of a campaign (POST /campaigns/:id/preview…): nothing is stored, the state travels
 * in `token` (signed) and comes back with each step.
 */
export interface CampaignPreviewView {
  token: string;
  answeredCount: number;
  /** Result of the answer just sent. */
  lastResult: AnswerResult | null;
  /** The épreuve to answer now (no checkpoint due, not over). */
  challenge: ChallengeView | null;
  /** The series just answered, right or wrong with the expected answer. */
  checkpoint: CheckpointAnswerView[] | null;
  /** Once over and the last checkpoint seen: what the pupil would see before sending. */
  results: NonNullable<ParticipationView['results']> | null;
}

/** One gradebook score of a pupil (LMS via LTI). */
export interface GradeSyncScoreView {
  /** Null: the campaign's own column (mastery %); else a per-competence column's tag (`pix-competence-1.1`). */
  lineItem: string | null;
  state: 'pending' | 'sent' | 'failed';
  sentAt: string | null;
  /** The platform's message when it refused or failed. */
  error: string | null;
}

/** GET /campaigns/:id/grade-sync: where each participation's grades stand in the LMS gradebooks. */
export interface GradeSyncView {
  /** Some LMS activity (LTI link) opens the campaign. */
  linked: boolean;
  /** `LINEITEM_SCOPE_MISSING`: per-competence columns asked for, but a platform did not grant the `lineitem` scope. */
  notice: 'LINEITEM_SCOPE_MISSING' | null;
  participations: Array<{
    participationId: string;
    firstName: string;
    lastName: string;
    /** `none`: nothing queued (not shared, or never opened through the LMS); else the worst of its scores. */
    state: 'none' | 'pending' | 'sent' | 'failed';
    sentAt: string | null;
    error: string | null;
    scores: GradeSyncScoreView[];
  }>;
}

/** GET /campaigns/:id/not-started: per LMS course of a campaign link, roster learners without a participation. */
export interface NotStartedView {
  courses: Array<{ activity: string; rosterAvailable: boolean; learners: Array<{ name: string }> }>;
}
