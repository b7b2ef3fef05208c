import type { AnswerResponse, AssessmentView } from '../../shared/api-contract/evaluation.ts';
import type { Referential } from '../../referential/domain/referential.ts';
import { rightAnswer, wrongAnswer } from '../answer-values.ts';
import type { LoadClient } from '../load-client.ts';

/** A deterministic pseudo-random source (mulberry32), so two runs simulate the same pupils. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface StepOutcome {
  /** Wall time of the answer POST alone, in ms. */
  answerMs: number;
  ok: boolean;
}

/**
 * One pupil using the widget's endpoints: answers right up to her true level (with a little noise), then fetches
 * the next épreuve, goes past checkpoints and starts another competence when one is finished.
 */
export class HttpLearner {
  private assessment: AssessmentView | null = null;
  /** Competences not finished yet, in the order this learner takes them. */
  private readonly remaining: string[];

  constructor(
    private readonly client: LoadClient,
    private readonly token: string,
    private readonly referential: Referential,
    private readonly trueLevel: number,
    private readonly random: () => number,
    private readonly competences: readonly string[],
    /** Also GET the assessment after each answer, as a widget reloaded between two questions would. */
    private readonly reload = false,
  ) {
    const first = Math.floor(random() * competences.length);
    this.remaining = [...competences.slice(first), ...competences.slice(0, first)];
  }

  /** Every competence finished: this learner has nothing left to answer and leaves the benchmark. */
  get exhausted(): boolean {
    return this.remaining.length === 0;
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await this.client.call(method, path, { token: this.token, body });
    if (response.status !== 200) throw new Error(`${method} ${path}: HTTP ${response.status} ${response.body}`);
    return JSON.parse(response.body) as T;
  }

  /**
   * Gets to a state where an épreuve is waiting: continuing past a checkpoint, or starting the next competence
   * once one is finished (as a pupil does from her profile; finished competences are not asked for again).
   */
  async ready(): Promise<void> {
    for (let guard = 0; guard < 40; guard += 1) {
      const assessment = this.assessment;
      if (assessment?.state === 'started' && assessment.challenge) return;
      if (assessment?.checkpointDue) {
        this.assessment = await this.call<AssessmentView>('POST', `/api/assessments/${assessment.id}/continue`);
        continue;
      }
      if (assessment?.state === 'completed') this.finish(assessment);
      const competenceIndex = this.remaining[0];
      if (competenceIndex === undefined) throw new Error('learner has finished every competence');
      this.assessment = await this.call<AssessmentView>('POST', '/api/competence-evaluations', { competenceIndex });
    }
    throw new Error('learner could not reach an épreuve');
  }

  private finish(assessment: AssessmentView): void {
    const index = this.remaining.indexOf(assessment.competence?.index ?? '');
    if (index >= 0) this.remaining.splice(index, 1);
  }

  /**
   * One answer, timed. The next épreuve comes back in the answer's response, which is how the widget gets it (one
   * request per answer on a school network); with `reload`, it is fetched again as after a page reload.
   */
  async answerOnce(): Promise<StepOutcome> {
    await this.ready();
    const current = this.assessment!;
    const challenge = this.referential.challenges.get(current.challenge!.id)!;
    const knows = challenge.level <= this.trueLevel ? this.random() < 0.9 : this.random() < 0.1;
    const value = knows ? rightAnswer(challenge, current.challenge!) : wrongAnswer(challenge, current.challenge!);
    const started = performance.now();
    const response = await this.call<AnswerResponse>('POST', `/api/assessments/${current.id}/answers`, { challengeId: challenge.id, value });
    const answerMs = performance.now() - started;
    // The last answer of the last competence: nothing more to ask this learner.
    if (response.assessment.state === 'completed' && this.remaining.length === 1) this.finish(response.assessment);
    this.assessment = this.reload ? await this.call<AssessmentView>('GET', `/api/assessments/${response.assessment.id}`) : response.assessment;
    return { answerMs, ok: true };
  }
}
