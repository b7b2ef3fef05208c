import type { AnswerResponse, AssessmentView } from '../../../tool/src/shared/api-contract/evaluation.ts';
import type { Referential } from '../../../tool/src/referential/domain/referential.ts';
import { rightAnswer, wrongAnswer } from '../../../tool/src/bench/answer-values.ts';

/**
 * Answers a competence evaluation through the widget API until it ends, as a pupil who knows every épreuve up
 * to `knownLevel`, going through the checkpoints. Returns the number of answers.
 */
export async function completeEvaluation(input: { apiBase: string; token: string; assessment: AssessmentView; referential: Referential; knownLevel: number }): Promise<number> {
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${input.apiBase}/${path}`, {
      method,
      headers: { authorization: `Bearer ${input.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  let view = input.assessment;
  let answered = 0;
  while (view.state === 'started' && answered < 100) {
    if (view.checkpointDue || !view.challenge) {
      view = await call<AssessmentView>('POST', `assessments/${view.id}/continue`);
      continue;
    }
    const challenge = input.referential.challenges.get(view.challenge.id);
    if (!challenge) throw new Error(`unknown challenge ${view.challenge.id}`);
    const value = challenge.level <= input.knownLevel ? rightAnswer(challenge, view.challenge) : wrongAnswer(challenge, view.challenge);
    view = (await call<AnswerResponse>('POST', `assessments/${view.id}/answers`, { challengeId: challenge.id, value })).assessment;
    answered += 1;
  }
  if (view.state !== 'completed') throw new Error('the evaluation did not end');
  return answered;
}
