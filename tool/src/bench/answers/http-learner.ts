import type { AnswerResponse, AssessmentView } from '../../shared/api-contract/evaluation.ts';
import type { Referential } from '../../referential/domain/referential.ts';
import { rightAnswer, wrongAnswer } from '../answer-values.ts';

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
  private competenceCursor: number;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly referential: Referential,
    private readonly trueLevel: number,
    private readonly random: () => number,
    private readonly competences: readonly string[],
  ) {
    this.competenceCursor = Math.floor(random() * competences.length);
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** Gets to a state where an épreuve is waiting (starting, continuing past a checkpoint, or changing competence). */
  async ready(): Promise<void> {
    for (let guard = 0; guard < 40; guard += 1) {
      if (this.assessment?.state === 'started' && this.assessment.challenge) return;
      if (this.assessment?.checkpointDue) {
        this.assessment = await this.call<AssessmentView>('POST', `/api/assessments/${this.assessment.id}/continue`);
        continue;
      }
      const competenceIndex = this.competences[this.competenceCursor % this.competences.length]!;
      this.competenceCursor += 1;
      this.assessment = await this.call<AssessmentView>('POST', '/api/competence-evaluations', { competenceIndex });
    }
    throw new Error('learner could not reach an épreuve');
  }

  /** One answer, timed, followed by fetching the next épreuve as the widget would after a reload. */
  async answerOnce(): Promise<StepOutcome> {
    await this.ready();
    const current = this.assessment!;
    const challenge = this.referential.challenges.get(current.challenge!.id)!;
    const knows = challenge.level <= this.trueLevel ? this.random() < 0.9 : this.random() < 0.1;
    const value = knows ? rightAnswer(challenge.solution) : wrongAnswer(challenge.solution);
    const started = performance.now();
    const response = await this.call<AnswerResponse>('POST', `/api/assessments/${current.id}/answers`, { challengeId: challenge.id, value });
    const answerMs = performance.now() - started;
    this.assessment = await this.call<AssessmentView>('GET', `/api/assessments/${response.assessment.id}`);
    return { answerMs, ok: true };
  }
}
