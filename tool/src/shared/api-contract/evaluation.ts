/**
 * The JSON the evaluation API sends to the widgets. Server presenters are typed against these interfaces and
 * the widgets import them with `import type`, so both sides change together. No solution field exists here:
 * an épreuve's expected answer only appears in `CheckpointAnswerView`, after the answer.
 */

export type Locale = 'fr' | 'en';
export type AnswerResult = 'ok' | 'ko' | 'aband' | 'timedout' | 'focusedOut';
export type ScorecardStatus = 'NOT_STARTED' | 'STARTED' | 'COMPLETED';

export interface CompetenceCardView {
  index: string;
  name: string;
  areaCode: string;
  status: ScorecardStatus;
  level: number;
  pix: number;
  /** Pix earned towards the next level (0–7) and as a percentage (0–100). */
  pixAheadOfNextLevel: number;
  percentToNextLevel: number;
  maxLevelReached: boolean;
  /** The assessment to resume when STARTED. */
  assessmentId: string | null;
  /** Improve after 4 days (completed, below max level); reset after 7 days. Days are Europe/Paris calendar days. */
  canImprove: boolean;
  daysBeforeImprove: number;
  canReset: boolean;
  daysBeforeReset: number;
}

export interface ProfileView {
  firstName: string;
  totalPix: number;
  maxReachableLevel: number;
  areas: Array<{ code: string; name: string; color: string; competences: CompetenceCardView[] }>;
}

export type ProposalSegmentView =
  | { kind: 'text'; text: string }
  | { kind: 'input'; key: string; placeholder?: string; ariaLabel: string }
  | { kind: 'select'; key: string; ariaLabel: string; options: string[] };

export interface ChallengeView {
  id: string;
  type: 'QCU' | 'QCM' | 'QROC' | 'QROCM-ind' | 'QROCM-dep';
  /** Language of the épreuve's text ("fr"): marked on it, so a screen reader reads it right under an English interface. */
  lang: string;
  /** Safe HTML rendered on the server. */
  instructionHtml: string;
  alternativeInstruction?: string;
  /** QCU/QCM: choices in the order this assessment shows them; the answer sends their `value`, the position shown (1-based), never the position in the referential (proposal-order.ts). */
  choices?: Array<{ value: number; html: string }>;
  /** QROC/QROCM: lines of text, inputs and selects. */
  lines?: ProposalSegmentView[][];
  /** Input hint, e.g. `nombre` → numeric keyboard. */
  format?: string;
  /** Signed, short-lived download links. */
  attachments: Array<{ name: string; url: string }>;
  illustration?: { url: string; alt: string };
  embed?: { url: string; title: string; height: number };
  /** Seconds allowed; absent when not timed. */
  timer?: number;
  /** The pupil must not leave the window: leaving is recorded. */
  focused: boolean;
  /** When this challenge was first shown (ISO): a resumed timer continues from there. */
  askedAt: string;
}

export interface AssessmentView {
  id: string;
  type: 'COMPETENCE_EVALUATION' | 'CAMPAIGN';
  state: 'started' | 'completed';
  competence: { index: string; name: string } | null;
  answeredCount: number;
  /** 1–5 inside the current series of 5; a checkpoint is shown after every 5 answers. */
  progressInSeries: number;
  checkpointDue: boolean;
  /** The challenge to answer now, absent when the assessment is completed or a checkpoint is due. */
  challenge: ChallengeView | null;
}

export interface AnswerRequest {
  challengeId: string;
  /** QCU: number; QCM: number[]; QROC: string; QROCM: { key: string }. Ignored when skipped. */
  value?: unknown;
  skipped?: boolean;
  timedOut?: boolean;
  focusedOut?: boolean;
}

export interface AnswerResponse {
  result: AnswerResult;
  /** Present when the pupil's level in the competence went up with this answer. */
  levelUp: { competenceIndex: string; competenceName: string; level: number } | null;
  assessment: AssessmentView;
}

export interface CheckpointAnswerView {
  challengeId: string;
  /** Language of the instruction and of both answers (see ChallengeView.lang). */
  lang: string;
  instructionHtml: string;
  result: AnswerResult;
  /** The pupil's answer and the expected one, as readable text. */
  givenAnswer: string;
  expectedAnswer: string;
}

export interface TutorialView {
  id: string;
  title: string;
  format: string;
  durationMinutes: number;
  source?: string;
  /** In-tool page (`/tutorials/:id`) or external resource. */
  url: string;
}

export interface CheckpointView {
  assessmentId: string;
  answers: CheckpointAnswerView[];
  tutorials: TutorialView[];
  /** True when the assessment is over: show results instead of "Continuer". */
  completed: boolean;
}

export interface ResultsView {
  assessmentId: string;
  competence: { index: string; name: string };
  level: number;
  pix: number;
  previousLevel: number;
  answeredCount: number;
  tutorials: TutorialView[];
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}
