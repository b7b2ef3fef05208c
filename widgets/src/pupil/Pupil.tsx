import { Component } from 'preact';
import type {
  AnswerRequest,
  AnswerResponse,
  AssessmentView,
  ChallengeView,
  CheckpointView,
  ResultsView,
} from '../../../tool/src/shared/api-contract/evaluation.ts';
import { ApiError, createApiClient, type ApiClient, type HttpMethod } from '../kit/api.ts';
import { BootErrorView } from '../kit/components/BootErrorView.tsx';
import { createTranslator, type Translator } from '../kit/messages.ts';
import type { WidgetProps } from '../kit/mount.tsx';
import { readAnswer } from './answer-forms/answerValue.ts';
import { ErrorAlert } from './components/ErrorAlert.tsx';
import { Title } from './components/Title.tsx';
import { readPupilData, type PupilData } from './pupilData.ts';
import type { PupilState, View } from './pupilState.ts';
import { ChallengeScreen } from './screens/ChallengeScreen.tsx';
import { ProfileScreen } from './screens/ProfileScreen.tsx';
import { toolUrl } from './toolUrl.ts';
import './pupil.css';

type Later = typeof import('./screens/later.tsx');

/** askedAt older than this: the challenge was on screen before (reload, resume), its countdown goes on. */
export const RESUMED_AFTER_MS = 5000;

/** The "time nearly up" announcement is made once, at this many seconds left. */
export const WARN_AT_SECONDS = 10;

function resumedDeadline({ timer, askedAt }: ChallengeView): number | null {
  const asked = Date.parse(askedAt);
  return timer !== undefined && Date.now() - asked > RESUMED_AFTER_MS ? asked + timer * 1000 : null;
}

/** The challenge screen of an assessment, when it has one to answer now (no checkpoint due, not over). */
function challengeView(assessment: AssessmentView, focus: boolean): View | null {
  const { challenge } = assessment;
  return challenge && !assessment.checkpointDue && assessment.state === 'started'
    ? { screen: 'assessment', assessment, challenge, focus }
    : null;
}

/** A screen with a fresh draft; a resumed timed challenge goes on counting from askedAt. */
function enter(view: View, resumed?: boolean) {
  const deadline = view.screen === 'assessment' && resumed ? resumedDeadline(view.challenge) : null;
  return { view, picked: [], texts: {}, deadline, warnedAt: null, focusedOut: false, confirming: null, settled: null };
}

/**
 * The pupil's space: profile → challenges → checkpoints → results, navigated without reloading
 * (the session token lives only in the API client's memory). One stateful class and stateless
 * screens: preact/hooks alone would take a tenth of the 12 kB budget.
 */
export class Pupil extends Component<WidgetProps, PupilState> {
  // `declare`, assigned in the constructor: class fields would compile into helpers for es2020.
  declare api: ApiClient;
  declare first: PupilData | null;
  /** Synchronous guard against double submit: a second click can come before `busy` re-renders. */
  declare pending: boolean;
  declare ticker: ReturnType<typeof setInterval> | undefined;
  declare leave: (event: Event) => void;
  /** What comes after the first screen (checkpoint, results, reset confirmation…), once loaded. */
  declare later: Later;
  declare loading: Promise<Later> | undefined;

  constructor(props: WidgetProps) {
    super(props);
    const { boot } = props;
    this.api = createApiClient({ apiBase: boot.apiBase, token: boot.token });
    const first = (this.first = readPupilData(boot.data));
    this.pending = false;
    this.leave = (event) => {
      const { view, deadline } = this.state;
      const watching = view.screen === 'assessment' && view.challenge.focused && !noticeDue(view.challenge, deadline);
      // Focus moving into the challenge's own embed blurs the window too: that is not leaving.
      const left = event.type === 'blur' ? document.activeElement?.tagName !== 'IFRAME' : document.hidden;
      if (watching && left) this.setState({ focusedOut: true });
    };
    // The first screen renders from boot data alone, unless the assessment is at a checkpoint or over.
    const view = first?.screen === 'profile' ? first : (first && challengeView(first.assessment, false)) || { screen: 'loading' };
    this.state = { busy: false, failure: null, levelUp: '', ...enter(view, true) };
  }

  override componentDidMount(): void {
    addEventListener('blur', this.leave);
    document.addEventListener('visibilitychange', this.leave);
    const { first, state } = this;
    if (state.deadline !== null) this.count(state.deadline);
    if (state.view.screen === 'loading' && first?.screen === 'assessment') this.act(() => this.show(first.assessment, true, false));
    // Fetched now that the first screen is up; where it is needed it is awaited (a failure shows there).
    this.load().catch(() => undefined);
  }

  load(): Promise<Later> {
    return (this.loading ??= import('./screens/later.tsx').then((later) => (this.later = later)));
  }

  override componentWillUnmount(): void {
    removeEventListener('blur', this.leave);
    document.removeEventListener('visibilitychange', this.leave);
    clearInterval(this.ticker);
  }

  get t(): Translator {
    return createTranslator(this.props.boot.messages);
  }

  url(path: string): string {
    return toolUrl(path, this.props.boot.apiBase);
  }

  /** Where a link to `path` goes; null in GAR "text" mode for an address outside the tool, then shown as text. */
  href(path: string): string | null {
    const href = this.url(path);
    return this.first?.outboundLinks !== 'text' || href.startsWith(this.url('/')) ? href : null;
  }

  /**
   * Server HTML (sanitised there); in "text" mode its external links become "label (address)". The server's
   * Markdown writes every link as `<a href="…" …>label</a>`, never nested, the address already escaped.
   */
  html(html: string): { __html: string } {
    return {
      __html: this.first?.outboundLinks === 'text' ? html.replace(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/gs, (link, address: string, label: string) => (this.href(address) ? link : `${label} (${address})`)) : html,
    };
  }

  /** The screen's h1, focused when reached by navigation (for the screens of the lazy chunk). */
  title(text: string) {
    return <Title focus={this.state.view.focus}>{text}</Title>;
  }

  /** The server's presenters are typed against the same contract: responses are trusted, not re-validated. */
  call<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
    return this.api.request(method, path, body) as Promise<T>;
  }

  /** Runs one request (or chain) at a time; on failure, offers to run exactly the same task again. */
  act(task: () => Promise<void>): void {
    if (this.pending) return;
    this.pending = true;
    this.setState({ busy: true, failure: null, levelUp: '' });
    task()
      .catch((error: unknown) => {
        if (!(error instanceof ApiError)) console.error(error);
        this.setState({ failure: { code: error instanceof ApiError ? error.code : 'CLIENT_ERROR', retry: () => this.act(task) } });
      })
      .finally(() => {
        this.pending = false;
        this.setState({ busy: false });
      });
  }

  go(view: View, resumed?: boolean): void {
    clearInterval(this.ticker);
    const next = enter(view, resumed);
    this.setState(next);
    if (next.deadline !== null) this.count(next.deadline);
  }

  /** Re-renders the countdown a few times a second; at zero, sends whatever is there. */
  count(deadline: number): void {
    this.ticker = setInterval(() => {
      const left = Math.ceil((deadline - Date.now()) / 1000);
      if (left > 0) this.setState(({ warnedAt }) => ({ warnedAt: warnedAt ?? (left <= WARN_AT_SECONDS ? left : null) }));
      else {
        clearInterval(this.ticker);
        this.send(false, true);
      }
    }, 250);
  }

  /**
   * Where an assessment leads: its current challenge, its checkpoint, or its end — the results of a competence
   * evaluation, or for a campaign assessment the play page again, which then shows the campaign's results.
   */
  async show(assessment: AssessmentView, resumed: boolean, focus = true): Promise<void> {
    const { id, checkpointDue } = assessment;
    const view = challengeView(assessment, focus);
    if (view) return this.go(view, resumed);
    if (!checkpointDue && assessment.type === 'CAMPAIGN') return (await this.load()).postToTool(this.url('/campaigns/play'), this.api.token, id);
    // The lazy chunk (its screens) and the screen's data, fetched together.
    const [, data] = await Promise.all([this.load(), this.call<CheckpointView | ResultsView>('GET', `assessments/${id}/${checkpointDue ? 'checkpoint' : 'results'}`)]);
    this.go(checkpointDue ? { screen: 'checkpoint', checkpoint: data as CheckpointView, focus } : { screen: 'results', results: data as ResultsView, focus });
  }

  start(competenceIndex: string, improve: boolean): void {
    this.act(async () => {
      const body = improve ? { competenceIndex, improve } : { competenceIndex };
      await this.show(await this.call<AssessmentView>('POST', 'competence-evaluations', body), true);
    });
  }

  /** "Réinitialiser": asks for confirmation (its component is in the lazy chunk). */
  confirm(competenceIndex: string): void {
    this.act(async () => {
      await this.load();
      this.setState({ confirming: competenceIndex, settled: null });
    });
  }

  /** "Je commence" on a timed challenge's notice; focus then moves to the question (view.focus). */
  begin(seconds: number): void {
    const deadline = Date.now() + seconds * 1000;
    this.setState(({ view }) => ({ deadline, view: { ...view, focus: true } }));
    this.count(deadline);
  }

  /** Sends the current answer; a retry after an error re-sends this same request (the server dedupes). */
  send(skipped: boolean, timedOut?: boolean): void {
    const { view, picked, texts, focusedOut } = this.state;
    if (view.screen !== 'assessment') return;
    const { challenge, assessment } = view;
    const answer = readAnswer(challenge, picked, texts);
    const request: AnswerRequest = { challengeId: challenge.id };
    if (skipped || (timedOut && answer.empty)) request.skipped = true;
    else request.value = answer.value;
    if (timedOut) request.timedOut = true;
    if (focusedOut) request.focusedOut = true;
    this.act(async () => {
      const response = await this.call<AnswerResponse>('POST', `assessments/${assessment.id}/answers`, request);
      const up = response.levelUp;
      if (up) this.setState({ levelUp: this.t('pupil.levelUp', { level: up.level, name: up.competenceName }) });
      await this.show(response.assessment, false);
    });
  }

  override render({ boot }: WidgetProps, { view, failure, levelUp }: PupilState) {
    const t = this.t;
    if (this.first === null) {
      return <BootErrorView error={{ code: 'BOOT_SHAPE_INVALID', detail: 'pupil boot data', locale: boot.locale }} />;
    }
    return (
      <main class="pix-page">
        {failure && <ErrorAlert t={t} code={failure.code} onRetry={failure.retry} />}
        {/* Always in the page so that filling it is announced; outside the screens so it outlives them. */}
        <div aria-live="polite">{levelUp && <p class="pix-note">{levelUp}</p>}</div>
        {view.screen === 'loading' && <h1>{t('pupil.loading')}</h1>}
        {view.screen === 'profile' && <ProfileScreen app={this} profile={view.profile} />}
        {view.screen === 'assessment' && (
          <ChallengeScreen key={view.challenge.id} app={this} assessment={view.assessment} challenge={view.challenge} />
        )}
        {view.screen === 'checkpoint' && <this.later.CheckpointScreen app={this} checkpoint={view.checkpoint} />}
        {view.screen === 'results' && <this.later.ResultsScreen app={this} results={view.results} />}
      </main>
    );
  }
}

/** A timed challenge shows its notice ("Je commence") until its countdown starts. */
export function noticeDue(challenge: ChallengeView, deadline: number | null): boolean {
  return challenge.timer !== undefined && deadline === null;
}
