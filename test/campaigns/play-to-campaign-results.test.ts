import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerResponse, AssessmentView, CheckpointView } from '../../tool/src/shared/api-contract/evaluation.ts';
import type { CampaignView, ParticipationView, TargetProfileView } from '../../tool/src/shared/api-contract/campaigns.ts';
import type { Referential } from '../../tool/src/referential/domain/referential.ts';
import { rightAnswer, wrongAnswer } from '../../tool/src/bench/answer-values.ts';
import { demoSignIn, startTestApp, testReferential, type TestApp } from '../support/test-app.ts';

type Boot = { widget: string; token?: string; data?: Record<string, unknown> };

function bootOf(html: string): Boot {
  const json = /<script type="application\/json" id="pix-boot">(.*?)<\/script>/s.exec(html)?.[1];
  if (!json) throw new Error(`no boot data in ${html.slice(0, 300)}`);
  return JSON.parse(json) as Boot;
}

/** The pupil player's end of a campaign assessment, through the HTTP API and the play page (issue 7). */
describe('a campaign assessment played to its end in the pupil player', () => {
  let app: TestApp;
  let referential: Referential;
  let teacher: string;
  let pupil: string;
  let campaign: CampaignView;

  beforeAll(async () => {
    referential = await testReferential();
    app = await startTestApp({ referential });
    teacher = await demoSignIn(app, 'teacher');
    pupil = await demoSignIn(app, 'pupil-5a-1');
    const profile = await call<TargetProfileView>(teacher, 'POST', '/api/target-profiles', { name: 'Requêtes', tubes: [{ tubeName: 'requete', level: 3 }] });
    expect(profile.status).toBe(201);
    const created = await call<CampaignView>(teacher, 'POST', '/api/campaigns', {
      type: 'ASSESSMENT',
      name: 'Parcours requêtes',
      targetProfileId: profile.body.id,
      stages: [
        { threshold: 0, title: 'Départ', message: '' },
        { threshold: 50, title: 'À mi-chemin', message: '' },
      ],
    });
    expect(created.status).toBe(201);
    campaign = created.body;
  });
  afterAll(async () => app?.close());

  async function call<T>(token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${app.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const raw = await response.text();
    return { status: response.status, body: (raw ? JSON.parse(raw) : undefined) as T };
  }

  /** "Commencer / Reprendre" on the campaign page: the form post the campaign widget makes (and the player at the end). */
  async function play(token: string, assessmentId: string): Promise<{ status: number; boot: Boot }> {
    const response = await fetch(`${app.baseUrl}/campaigns/play`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, assessmentId }),
    });
    const html = await response.text();
    expect(response.status, html.slice(0, 500)).toBe(200);
    return { status: response.status, boot: bootOf(html) };
  }

  it('answers through the API, keeps its checkpoints, and ends on the campaign results, ready to share', async () => {
    const joined = await call<ParticipationView>(pupil, 'POST', '/api/campaign-participations', { code: campaign.code });
    expect(joined.status).toBe(200);
    const assessmentId = joined.body.assessmentId!;
    expect(assessmentId).toBeTruthy();

    // The player page, as "Commencer" opens it.
    const start = await play(pupil, assessmentId);
    expect(start.boot.widget).toBe('pupil');
    expect(start.boot.data).toMatchObject({ screen: 'assessment', assessment: { id: assessmentId, type: 'CAMPAIGN', state: 'started' }, outboundLinks: 'links' });

    // Plays as the player does: answers; at a checkpoint, reads it and "Continuer".
    let view = start.boot.data!.assessment as AssessmentView;
    let answered = 0;
    let checkpoints = 0;
    let last: AnswerResponse | null = null;
    while (answered < 100) {
      if (view.checkpointDue) {
        const checkpoint = await call<CheckpointView>(pupil, 'GET', `/api/assessments/${assessmentId}/checkpoint`);
        expect(checkpoint.status).toBe(200);
        expect(checkpoint.body.answers.length).toBeGreaterThan(0);
        checkpoints++;
        if (view.state === 'completed') {
          expect(checkpoint.body.completed).toBe(true);
        }
        const next = await call<AssessmentView>(pupil, 'POST', `/api/assessments/${assessmentId}/continue`);
        expect(next.status).toBe(200);
        view = next.body;
        continue;
      }
      if (view.state === 'completed') break;
      const challenge = referential.challenges.get(view.challenge!.id)!;
      const answer = await call<AnswerResponse>(pupil, 'POST', `/api/assessments/${assessmentId}/answers`, {
        challengeId: challenge.id,
        value: answered % 3 === 2 ? wrongAnswer(challenge, view.challenge!) : rightAnswer(challenge, view.challenge!),
      });
      expect(answer.status).toBe(200);
      last = answer.body;
      view = answer.body.assessment;
      answered++;
    }
    // What the player reads in the last answer's response: a finished campaign assessment.
    expect(last?.assessment).toMatchObject({ type: 'CAMPAIGN', state: 'completed', challenge: null });
    expect(view).toMatchObject({ type: 'CAMPAIGN', state: 'completed', checkpointDue: false });
    expect(answered).toBeGreaterThan(0);
    if (answered >= 5) expect(checkpoints).toBeGreaterThan(0);
    // The competence results screen is not for campaigns: the player does not ask it.
    expect((await call<{ error: { code: string } }>(pupil, 'GET', `/api/assessments/${assessmentId}/results`)).status).toBe(409);

    // The player posts the play page again: it now serves the campaign's results (campaign widget).
    const end = await play(pupil, assessmentId);
    expect(end.boot.widget).toBe('campaign');
    expect(end.boot.token).toBe(pupil);
    const data = end.boot.data as { focus: string; participations: ParticipationView[]; outboundLinks: string };
    expect(data.focus).toBe(joined.body.id);
    expect(data.outboundLinks).toBe('links');
    const mine = data.participations.find((p) => p.id === joined.body.id)!;
    expect(mine).toMatchObject({ status: 'TO_SHARE', canShare: true, assessmentState: 'completed' });
    expect(mine.results?.masteryPercent).toBeGreaterThan(0);
    expect(mine.results?.competences.length).toBeGreaterThan(0);
    expect(mine.results?.stage?.total).toBe(2);

    // "Envoyer mes résultats".
    const shared = await call<ParticipationView>(pupil, 'POST', `/api/campaign-participations/${mine.id}/share`);
    expect(shared.status).toBe(200);
    expect(shared.body.status).toBe('SHARED');
  });

  it('a checkpoint still due at the end keeps the player (the pupil sees her last answers first)', async () => {
    // Another pupil answers until the assessment ends on a series boundary or not; either way, while the last
    // checkpoint is unseen the play page stays the player.
    const noah = await demoSignIn(app, 'pupil-5a-2');
    const joined = await call<ParticipationView>(noah, 'POST', '/api/campaign-participations', { code: campaign.code });
    const assessmentId = joined.body.assessmentId!;
    let view = (await call<AssessmentView>(noah, 'GET', `/api/assessments/${assessmentId}`)).body;
    for (let i = 0; i < 100 && view.state === 'started'; i++) {
      if (view.checkpointDue) {
        view = (await call<AssessmentView>(noah, 'POST', `/api/assessments/${assessmentId}/continue`)).body;
        continue;
      }
      const challenge = referential.challenges.get(view.challenge!.id)!;
      view = (await call<AnswerResponse>(noah, 'POST', `/api/assessments/${assessmentId}/answers`, { challengeId: challenge.id, value: rightAnswer(challenge, view.challenge!) })).body.assessment;
    }
    expect(view.state).toBe('completed');
    if (view.checkpointDue) {
      expect((await play(noah, assessmentId)).boot.widget).toBe('pupil');
      await call(noah, 'POST', `/api/assessments/${assessmentId}/continue`);
    }
    expect((await play(noah, assessmentId)).boot.widget).toBe('campaign');
  });

  it('refuses another pupil’s assessment with a coded 404, and a missing field with a coded 400', async () => {
    const joined = await call<ParticipationView>(pupil, 'GET', '/api/campaign-participations');
    const other = await demoSignIn(app, 'pupil-5a-3');
    const ids = (joined.body as unknown as { participations: ParticipationView[] }).participations.map((p) => p.assessmentId).filter(Boolean) as string[];
    const response = await fetch(`${app.baseUrl}/campaigns/play`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: other, assessmentId: ids[0]! }),
    });
    expect(response.status).toBe(404);
    const missing = await fetch(`${app.baseUrl}/campaigns/play`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=x' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('CAMPAIGN_PLAY_INVALID');
  });
});
