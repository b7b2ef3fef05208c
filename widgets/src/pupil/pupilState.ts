// State of the pupil widget: the screen on display and the current challenge's draft.
import type {
  AssessmentView,
  ChallengeView,
  CheckpointView,
  ProfileView,
  ResultsView,
} from '../../../tool/src/shared/api-contract/evaluation.ts';

/** The screen on display; `focus` when reached by navigation, not as the first screen of the page. */
export type View = { focus?: boolean } & (
  | { screen: 'loading' }
  | { screen: 'profile'; profile: ProfileView }
  | { screen: 'assessment'; assessment: AssessmentView; challenge: ChallengeView }
  | { screen: 'checkpoint'; checkpoint: CheckpointView }
  | { screen: 'results'; results: ResultsView }
);

export interface PupilState {
  view: View;
  /** A request is under way: actions are disabled. */
  busy: boolean;
  /** The last request failed: its ApiError code, and how to send it again. */
  failure: { code: string; retry(): void } | null;
  /** Level-up announcement (aria-live), kept until the next action. */
  levelUp: string;
  /** Current challenge: ticked choice values (QCU/QCM) and texts by block key (QROC/QROCM). */
  picked: number[];
  texts: Record<string, string>;
  /** End of a timed challenge (ms since epoch); null until it starts. */
  deadline: number | null;
  /** Seconds left when the "time nearly up" announcement was made. */
  warnedAt: number | null;
  /** The pupil left the window during a focused challenge. */
  focusedOut: boolean;
  /** Competence whose reset awaits confirmation; competence whose card heading gets focus back. */
  confirming: string | null;
  settled: string | null;
}
