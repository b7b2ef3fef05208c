import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerResponse, AssessmentView, ResultsView } from '../../tool/src/shared/api-contract/evaluation.ts';
import type { Referential } from '../../tool/src/referential/domain/referential.ts';
import { rightAnswer, wrongAnswer } from '../../tool/src/bench/answer-values.ts';
import { evaluationRepositories } from '../../tool/src/evaluation/application/evaluation-state.ts';
import { scoreCompetence } from '../../tool/src/evaluation/domain/scoring/competence-score.ts';
import { demoSignIn, startTestApp, testReferential, type TestApp } from '../support/test-app.ts';

/**
 * The level reached at the end of an adaptive evaluation counts the acquis the engine settled (inferred KEs
 * without answer): the last answer's level-up message reports it, as the results page does.
 */
describe('level-up message with the knowledge settled at the end of an evaluation', () => {
  let app: TestApp;
  let referential: Referential;
  beforeAll(async () => {
    referential = await testReferential();
    app = await startTestApp({ referential });
  });
  afterAll(async () => app?.close());

  it('the last answer announces the level the results page shows, even when only settled KEs reach it', async () => {
    const token = await demoSignIn(app, 'pupil-5a-1');
    const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${app.baseUrl}/api/${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(response.status, path).toBe(200);
      return (await response.json()) as T;
    };
    // Right up to level 3, wrong above: the engine stops early and settles the acquis it did not ask.
    let view = await call<AssessmentView>('POST', 'competence-evaluations', { competenceIndex: '1.1' });
    let last: AnswerResponse | null = null;
    for (let i = 0; i < 200 && view.state === 'started'; i++) {
      if (view.checkpointDue) {
        view = await call<AssessmentView>('POST', `assessments/${view.id}/continue`);
        continue;
      }
      const challenge = referential.challenges.get(view.challenge!.id)!;
      const level = referential.skills.get(challenge.skillId)!.level;
      last = await call<AnswerResponse>('POST', `assessments/${view.id}/answers`, {
        challengeId: challenge.id,
        value: level <= 3 ? rightAnswer(challenge, view.challenge!) : wrongAnswer(challenge, view.challenge!),
      });
      view = last.assessment;
    }
    expect(view.state).toBe('completed');
    const results = await call<ResultsView>('GET', `assessments/${view.id}/results`);
    const { userId } = await app.container.tokens.verify(token);
    const knowledge = await evaluationRepositories(app.container.database.db).knowledgeElements.listByUser(userId, '1.1');
    const fromAnswersOnly = scoreCompetence({ knowledgeElements: knowledge.filter((ke) => ke.answerId !== null), competenceIndex: '1.1', maxReachableLevel: 6 }).level;
    // The case at stake: the answers alone do not reach the final level, the settled KEs do.
    expect(knowledge.some((ke) => ke.answerId === null)).toBe(true);
    expect(fromAnswersOnly).toBeLessThan(results.level);
    expect(last?.levelUp).toMatchObject({ competenceIndex: '1.1', level: results.level });
  });
});
