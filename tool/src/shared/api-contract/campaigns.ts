/**
 * The JSON the campaigns API sends to the widgets (teacher space, pupil campaign page). Widgets import these
 * with `import type` only.
 */

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
