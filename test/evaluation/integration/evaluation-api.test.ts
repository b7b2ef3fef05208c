import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerResponse, AssessmentView, CheckpointView, ProfileView, ResultsView } from '../../../tool/src/shared/api-contract/evaluation.ts';
import type { Referential } from '../../../tool/src/referential/domain/referential.ts';
import { demoSignIn, startTestApp, testReferential, type TestApp } from '../../support/test-app.ts';
import { rightAnswer, wrongAnswer } from '../../../tool/src/bench/answer-values.ts';
import { passCheckpoint } from '../../../tool/src/evaluation/infrastructure/answer-path-queries.ts';
import { proposalOrder } from '../../../tool/src/evaluation/domain/proposal-order.ts';

/** Words that belong to the correction only: none may appear in what the widgets receive before answering. */
const SECRET_FIELDS = /"(solution|accepted|treatments|tEnabled|expectedAnswer|fieldKeys|blockKind)"/;

describe('evaluation API', () => {
  let app: TestApp;
  let referential: Referential;
  let lea: string;
  let noah: string;

  beforeAll(async () => {
    referential = await testReferential();
    app = await startTestApp({ referential });
    lea = await demoSignIn(app, 'pupil-5a-1');
    noah = await demoSignIn(app, 'pupil-5a-2');
  });
  afterAll(async () => app.close());

  const auth = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
  async function call<T>(token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T; raw: string }> {
    const response =
      method === 'GET' ? await app.get(path, auth(token)) : await app.post(path, body ?? {}, auth(token));
    const raw = await response.text();
    return { status: response.status, body: JSON.parse(raw) as T, raw };
  }

  it('shows a new pupil 16 competences at level 0', async () => {
    const { status, body } = await call<ProfileView>(lea, 'GET', '/api/profile');
    expect(status).toBe(200);
    expect(body.firstName).toBe('Léa');
    expect(body.totalPix).toBe(0);
    const cards = body.areas.flatMap((a) => a.competences);
    expect(cards).toHaveLength(16);
    expect(cards.every((c) => c.status === 'NOT_STARTED' && c.level === 0)).toBe(true);
  });

  it('starts with a non-timed level-2 épreuve, never sends a solution, and resumes the same épreuve', async () => {
    const started = await call<AssessmentView>(lea, 'POST', '/api/competence-evaluations', { competenceIndex: '1.1' });
    expect(started.status).toBe(200);
    const challenge = started.body.challenge!;
    expect(challenge).toBeTruthy();
    expect(referential.challenges.get(challenge.id)!.level).toBe(2);
    expect(challenge.timer).toBeUndefined();
    expect(started.raw).not.toMatch(SECRET_FIELDS);
    const resumed = await call<AssessmentView>(lea, 'POST', '/api/competence-evaluations', { competenceIndex: '1.1' });
    expect(resumed.body.id).toBe(started.body.id);
    expect(resumed.body.challenge!.id).toBe(challenge.id);
    const reloaded = await call<AssessmentView>(lea, 'GET', `/api/assessments/${started.body.id}`);
    expect(reloaded.body.challenge!.id).toBe(challenge.id);
  });

  it('counts a retried or concurrent submit once and returns the first result', async () => {
    const view = (await call<AssessmentView>(lea, 'POST', '/api/competence-evaluations', { competenceIndex: '1.1' })).body;
    const challenge = referential.challenges.get(view.challenge!.id)!;
    const request = { challengeId: challenge.id, value: rightAnswer(challenge, view.challenge!) };
    const results = await Promise.all([1, 2, 3].map(() => call<AnswerResponse>(lea, 'POST', `/api/assessments/${view.id}/answers`, request)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(results.map((r) => r.body.result))).toEqual(new Set(['ok']));
    const retried = await call<AnswerResponse>(lea, 'POST', `/api/assessments/${view.id}/answers`, { challengeId: challenge.id, value: wrongAnswer(challenge, view.challenge!) });
    expect(retried.body.result).toBe('ok');
    const rows = await app.container.database.db.execute<{ n: number }>(sql`select count(*)::int as n from answers where assessment_id = ${view.id}`);
    expect(rows.rows[0]!.n).toBe(1);
    expect(results[0]!.raw).not.toMatch(SECRET_FIELDS);
  });

  it('shows a QCU or QCM in the assessment’s own order, the same after a reload, and corrects the position shown', async () => {
    const inès = await demoSignIn(app, 'pupil-5a-3');
    let view: AssessmentView | null = null;
    for (const competenceIndex of referential.competences.keys()) {
      view = (await call<AssessmentView>(inès, 'POST', '/api/competence-evaluations', { competenceIndex })).body;
      if (view.challenge?.choices) break;
    }
    const shown = view!.challenge!;
    const challenge = referential.challenges.get(shown.id)!;
    if (challenge.proposals.kind !== 'choices' || (challenge.solution.type !== 'QCU' && challenge.solution.type !== 'QCM')) throw new Error('no choice épreuve first');
    const { choicesHtml } = challenge.proposals;
    // Valued by the position shown, so the page says nothing of the written order.
    expect(shown.choices!.map((choice) => choice.value)).toEqual(shown.choices!.map((_choice, i) => i + 1));
    const { rows: seeds } = await app.container.database.db.execute<{ seed: string }>(sql`select seed from assessments where id = ${view!.id}`);
    const order = proposalOrder(challenge, seeds[0]!.seed)!;
    expect(shown.choices!.map((choice) => choice.html)).toEqual(order.map((written) => choicesHtml[written - 1]));
    const reloaded = (await call<AssessmentView>(inès, 'GET', `/api/assessments/${view!.id}`)).body.challenge!;
    expect(reloaded.choices).toEqual(shown.choices);

    // The right proposal, by the position it is shown at.
    const answer = await call<AnswerResponse>(inès, 'POST', `/api/assessments/${view!.id}/answers`, { challengeId: challenge.id, value: rightAnswer(challenge, shown) });
    expect(answer.body.result).toBe('ok');
    // Stored as written, which the checkpoint and the exports read.
    const { rows } = await app.container.database.db.execute<{ value: unknown }>(sql`select value from answers where assessment_id = ${view!.id}`);
    const written = challenge.solution.type === 'QCU' ? challenge.solution.value : challenge.solution.values;
    expect(Array.isArray(rows[0]!.value) ? [...(rows[0]!.value as number[])].sort() : rows[0]!.value).toEqual(Array.isArray(written) ? [...written].sort() : written);
  });

  it('refuses answers that are not for the current épreuve, or malformed, with coded errors', async () => {
    const view = (await call<AssessmentView>(lea, 'POST', '/api/competence-evaluations', { competenceIndex: '1.1' })).body;
    const other = [...referential.challenges.values()].find((c) => c.id !== view.challenge!.id && c.competenceIndex === '1.1')!;
    const notAsked = await call<{ error: { code: string } }>(lea, 'POST', `/api/assessments/${view.id}/answers`, { challengeId: other.id, value: 1 });
    expect(notAsked.status).toBe(409);
    expect(notAsked.body.error.code).toBe('CHALLENGE_NOT_ASKED');
    const huge = await call<{ error: { code: string } }>(lea, 'POST', `/api/assessments/${view.id}/answers`, { challengeId: view.challenge!.id, value: 'x'.repeat(30_000) });
    expect(huge.status).toBe(400);
    const extra = await call<{ error: { code: string } }>(lea, 'POST', `/api/assessments/${view.id}/answers`, { challengeId: view.challenge!.id, value: 1, isCorrect: true });
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe('VALIDATION_ERROR');
    const unknownCompetence = await call<{ error: { code: string } }>(lea, 'POST', '/api/competence-evaluations', { competenceIndex: '9.9' });
    expect(unknownCompetence.status).toBe(400);
  });

  it('hides one pupil’s assessment from another: read, answer and checkpoint all answer 404', async () => {
    const view = (await call<AssessmentView>(lea, 'POST', '/api/competence-evaluations', { competenceIndex: '1.1' })).body;
    for (const [method, path, body] of [
      ['GET', `/api/assessments/${view.id}`, undefined],
      ['POST', `/api/assessments/${view.id}/answers`, { challengeId: view.challenge?.id ?? 'x', value: 1 }],
      ['GET', `/api/assessments/${view.id}/checkpoint`, undefined],
      ['GET', `/api/assessments/${view.id}/results`, undefined],
      ['GET', '/api/assessments/not-a-uuid', undefined],
    ] as const) {
      const response = await call<{ error: { code: string } }>(noah, method, path, body);
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('passes a checkpoint once: concurrent “Continuer” restart the next épreuve’s timer once, a later one changes nothing', async () => {
    let view = (await call<AssessmentView>(lea, 'POST', '/api/competence-evaluations', { competenceIndex: '3.1' })).body;
    while (!view.checkpointDue) {
      const challenge = referential.challenges.get(view.challenge!.id)!;
      view = (await call<AnswerResponse>(lea, 'POST', `/api/assessments/${view.id}/answers`, { challengeId: challenge.id, value: rightAnswer(challenge, view.challenge!) })).body.assessment;
    }
    const askedAt = async () => {
      const { rows } = await app.container.database.db.execute<{ asked: string; seen: number; current: string }>(
        sql`select current_challenge_asked_at::text as asked, checkpoints_seen as seen, current_challenge_id as current from assessments where id = ${view.id}`,
      );
      return rows[0]!;
    };
    const before = await askedAt();
    expect(before.seen).toBe(0);
    expect(view.challenge).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const continued = await Promise.all([1, 2, 3].map(() => call<AssessmentView>(lea, 'POST', `/api/assessments/${view.id}/continue`)));
    expect(continued.map((c) => [c.status, c.body.checkpointDue, c.body.challenge?.id])).toEqual(continued.map(() => [200, false, before.current]));
    const after = await askedAt();
    expect(after.seen).toBe(1);
    expect(after.asked > before.asked).toBe(true);
    const again = await call<AssessmentView>(lea, 'POST', `/api/assessments/${view.id}/continue`);
    expect(again.body.checkpointDue).toBe(false);
    expect(await askedAt()).toEqual(after);
    // The statement itself refuses a checkpoint already passed (two requests both reading it due before either writes).
    expect(await passCheckpoint(app.container.database.db, { assessmentId: view.id, checkpoint: 1, now: new Date() })).toBeNull();
    expect(await askedAt()).toEqual(after);
  });

  it('runs a whole evaluation: checkpoints every 5 answers with the expected answers, then results and profile agree', async () => {
    let view = (await call<AssessmentView>(noah, 'POST', '/api/competence-evaluations', { competenceIndex: '4.1' })).body;
    let answered = 0;
    let sawCheckpoint = false;
    let levelUps = 0;
    while (view.state === 'started' && answered < 80) {
      if (view.checkpointDue) {
        const checkpoint = (await call<CheckpointView>(noah, 'GET', `/api/assessments/${view.id}/checkpoint`)).body;
        expect(checkpoint.answers).toHaveLength(5);
        expect(checkpoint.answers.every((a) => a.expectedAnswer.length > 0)).toBe(true);
        sawCheckpoint = true;
        view = (await call<AssessmentView>(noah, 'POST', `/api/assessments/${view.id}/continue`)).body;
        continue;
      }
      const challenge = referential.challenges.get(view.challenge!.id)!;
      // Noah knows everything up to level 3.
      const value = challenge.level <= 3 ? rightAnswer(challenge, view.challenge!) : wrongAnswer(challenge, view.challenge!);
      const answer = await call<AnswerResponse>(noah, 'POST', `/api/assessments/${view.id}/answers`, { challengeId: challenge.id, value });
      expect(answer.status).toBe(200);
      expect(answer.body.result).toBe(challenge.level <= 3 ? 'ok' : 'ko');
      if (answer.body.levelUp) levelUps += 1;
      answered += 1;
      view = answer.body.assessment;
    }
    expect(view.state).toBe('completed');
    expect(sawCheckpoint).toBe(true);
    expect(levelUps).toBeGreaterThan(0);
    const last = await call<CheckpointView>(noah, 'GET', `/api/assessments/${view.id}/checkpoint`);
    expect(last.body.completed).toBe(true);
    await call(noah, 'POST', `/api/assessments/${view.id}/continue`);
    const results = (await call<ResultsView>(noah, 'GET', `/api/assessments/${view.id}/results`)).body;
    expect(results.level).toBe(3);
    expect(results.previousLevel).toBe(0);
    expect(results.tutorials.length).toBeGreaterThan(0);
    const profile = (await call<ProfileView>(noah, 'GET', '/api/profile')).body;
    const card = profile.areas.flatMap((a) => a.competences).find((c) => c.index === '4.1')!;
    expect(card).toMatchObject({ status: 'COMPLETED', level: 3, pix: results.pix, canImprove: false, daysBeforeImprove: 4 });
    expect(profile.totalPix).toBe(results.pix);
  });

  it('serves a shown épreuve’s attachment by signed link only', async () => {
    const withFile = [...referential.challenges.values()].find((c) => c.attachments.length > 0 && c.status === 'validé')!;
    const { attachmentPath } = await import('../../../tool/src/referential/application/attachment-routes.ts');
    const path = attachmentPath(withFile.id, withFile.attachments[0]!);
    const signed = app.container.signedUrls.sign(path, 60);
    const ok = await app.get(signed);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toMatch(/attachment|inline/);
    expect((await app.get(path)).status).toBe(403);
    expect((await app.get(signed.replace(/sig=[^&]+/, 'sig=forged'))).status).toBe(403);
    const traversal = app.container.signedUrls.sign(`/attachments/${withFile.id}/..%2F..%2Fpackage.json`, 60);
    expect((await app.get(traversal)).status).toBe(404);
  });
});
