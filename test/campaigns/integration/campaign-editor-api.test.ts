import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { CampaignPreviewView, CampaignView, TargetProfileView } from '../../../tool/src/shared/api-contract/campaigns.ts';
import type { Referential } from '../../../tool/src/referential/domain/referential.ts';
import { demoSignIn, startTestApp, testReferential, type TestApp } from '../../support/test-app.ts';
import { rightAnswer, wrongAnswer } from '../../../tool/src/bench/answer-values.ts';
import { createCampaignRepository } from '../../../tool/src/campaigns/infrastructure/campaign-repository.ts';
import { campaignParticipations } from '../../../tool/src/campaigns/infrastructure/campaigns-schema.ts';
import { answers, assessments, knowledgeElements } from '../../../tool/src/evaluation/infrastructure/evaluation-schema.ts';
import { ltiScoreOutbox } from '../../../tool/src/lti/infrastructure/lti-schema.ts';

type ErrorBody = { error: { code: string; message: string } };

describe('teacher campaign editor API: custom profiles, editing, pupil preview', () => {
  let app: TestApp;
  let referential: Referential;
  let teacher: string;
  let teacherId: string;
  let lea: string;
  let otherTeacher: string;
  let profile: TargetProfileView;
  let campaign: CampaignView;

  beforeAll(async () => {
    referential = await testReferential();
    app = await startTestApp({ referential });
    teacher = await demoSignIn(app, 'teacher');
    teacherId = (await app.container.tokens.verify(teacher)).userId;
    lea = await demoSignIn(app, 'pupil-5a-1');
    const { container } = app;
    const other = await container.organizations.upsertByUai({ uai: '0996666Y', name: 'Collège ailleurs', type: 'SCO' });
    const { account } = await container.accounts.upsertFromIdentity({ provider: 'test', issuer: 'test', subject: 'editor-other' }, { firstName: 'O', lastName: 'X', email: null, locale: 'fr' }, container.clock.now());
    await container.memberships.ensureMembership(account.id, other.id, 'MEMBER');
    otherTeacher = await container.tokens.issue({ userId: account.id, organizationId: other.id, role: 'MEMBER', locale: 'fr', via: 'test' });
  });
  afterAll(async () => app.close());

  async function call<T>(token: string, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${app.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  it('saves a custom profile built from tubes and levels, refuses bad input with a code, and keeps it to its school', async () => {
    const tubes = await call<{ competences: Array<{ competenceIndex: string; tubes: Array<{ name: string; maxLevel: number }> }> }>(teacher, 'GET', '/api/target-profiles/tubes');
    const picked = tubes.body.competences.find((c) => c.competenceIndex === '1.1')!.tubes.slice(0, 2);
    expect(picked.length).toBeGreaterThan(0);
    const created = await call<TargetProfileView>(teacher, 'POST', '/api/target-profiles', { name: 'Mon profil', tubes: picked.map((t) => ({ tubeName: t.name, level: 2 })) });
    expect(created.status).toBe(201);
    profile = created.body;
    const expected = picked.flatMap((t) => referential.skillsByTube.get(t.name)!.filter((s) => s.level <= 2));
    expect(profile).toMatchObject({ name: 'Mon profil', category: 'CUSTOM' });
    expect(profile.skillCount).toBeGreaterThan(0);
    expect(profile.skillCount).toBeLessThanOrEqual(expected.length);

    const cases: Array<[unknown, string]> = [
      [{ name: '', tubes: [{ tubeName: picked[0]!.name, level: 2 }] }, 'VALIDATION_ERROR'],
      [{ name: 'x', tubes: [] }, 'VALIDATION_ERROR'],
      [{ name: 'x', tubes: [{ tubeName: picked[0]!.name, level: 9 }] }, 'VALIDATION_ERROR'],
      [{ name: 'x', tubes: [{ tubeName: 'nope-tube', level: 2 }] }, 'CAMPAIGN_INVALID'],
    ];
    for (const [body, code] of cases) {
      const refused = await call<ErrorBody>(teacher, 'POST', '/api/target-profiles', body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe(code);
    }
    expect((await call<ErrorBody>(lea, 'POST', '/api/target-profiles', { name: 'x', tubes: [{ tubeName: picked[0]!.name, level: 2 }] })).status).toBe(403);
    expect((await call<ErrorBody>(lea, 'GET', '/api/target-profiles/tubes')).status).toBe(403);
    // Another school neither lists nor uses it.
    const theirs = await call<{ profiles: TargetProfileView[] }>(otherTeacher, 'GET', '/api/target-profiles');
    expect(theirs.body.profiles.map((p) => p.id)).not.toContain(profile.id);
    const stolen = await call<ErrorBody>(otherTeacher, 'POST', '/api/campaigns', { type: 'ASSESSMENT', name: 'Volé', targetProfileId: profile.id });
    expect(stolen.status).toBe(404);
    expect(stolen.body.error.code).toBe('TARGET_PROFILE_NOT_FOUND');

    const made = await call<CampaignView>(teacher, 'POST', '/api/campaigns', { type: 'ASSESSMENT', name: 'Avec mon profil', targetProfileId: profile.id });
    expect(made.status).toBe(201);
    campaign = made.body;
    expect(campaign.targetProfile).toEqual({ id: profile.id, name: 'Mon profil' });
    expect(campaign.skillCount).toBe(profile.skillCount);
  });

  it('edits what may change, skills stay frozen; archives and unarchives; other schools 404, pupils 403', async () => {
    const edit = {
      name: 'Renommé',
      title: 'Bienvenue',
      landingText: 'Lisez bien les consignes.',
      externalIdLabel: 'Numéro INE',
      multipleSendings: true,
      stages: [
        { threshold: 0, title: 'Départ', message: '' },
        { threshold: 60, title: 'Bien', message: 'Bravo' },
      ],
    };
    const edited = await call<CampaignView>(teacher, 'PATCH', `/api/campaigns/${campaign.id}`, edit);
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ ...edit, code: campaign.code, skillCount: campaign.skillCount });
    expect((await call<CampaignView>(teacher, 'GET', `/api/campaigns/${campaign.id}`)).body.name).toBe('Renommé');

    for (const [body, code] of [
      [{ stages: [{ threshold: 10, title: 'x', message: '' }] }, 'CAMPAIGN_INVALID'],
      [{ name: '' }, 'VALIDATION_ERROR'],
      [{ skillIds: [] }, 'VALIDATION_ERROR'],
    ] as Array<[unknown, string]>) {
      const refused = await call<ErrorBody>(teacher, 'PATCH', `/api/campaigns/${campaign.id}`, body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe(code);
    }
    const foreign = await call<ErrorBody>(otherTeacher, 'PATCH', `/api/campaigns/${campaign.id}`, { name: 'Pris' });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('CAMPAIGN_NOT_FOUND');
    expect((await call(lea, 'PATCH', `/api/campaigns/${campaign.id}`, { name: 'Pris' })).status).toBe(403);

    const archived = await call<CampaignView>(teacher, 'POST', `/api/campaigns/${campaign.id}/archive`);
    expect(archived.body.archivedAt).not.toBeNull();
    expect((await call<CampaignView>(teacher, 'POST', `/api/campaigns/${campaign.id}/unarchive`)).body.archivedAt).toBeNull();
    expect((await call<CampaignView>(teacher, 'GET', `/api/campaigns/${campaign.id}`)).body.name).toBe('Renommé');
  });

  async function footprint() {
    const { db } = app.container.database;
    const [participations] = await db.select({ n: count() }).from(campaignParticipations).where(eq(campaignParticipations.campaignId, campaign.id));
    const [assessmentRows] = await db.select({ n: count() }).from(assessments).where(eq(assessments.userId, teacherId));
    const [answerRows] = await db.select({ n: count() }).from(answers);
    const [knowledge] = await db.select({ n: count() }).from(knowledgeElements).where(eq(knowledgeElements.userId, teacherId));
    const [outbox] = await db.select({ n: count() }).from(ltiScoreOutbox);
    return { participations: participations!.n, assessments: assessmentRows!.n, answers: answerRows!.n, knowledge: knowledge!.n, outbox: outbox!.n };
  }

  it('previews the campaign as a pupil — adaptive questions on its skills, checkpoints, results — writing nothing that counts', async () => {
    const before = await footprint();
    // Every way a grade or a participation result leaves: none may fire during a preview.
    const { campaigns, evaluation } = app.container;
    const fired: string[] = [];
    const restore = { shared: campaigns.onParticipationShared, competence: evaluation.onCompetenceEvaluationCompleted, completed: evaluation.campaignAssessments!.completed };
    campaigns.onParticipationShared = async () => void fired.push('participation shared');
    evaluation.onCompetenceEvaluationCompleted = async () => void fired.push('competence evaluation completed');
    evaluation.campaignAssessments!.completed = async () => void fired.push('campaign assessment completed');
    const skills = new Set((await createCampaignRepository(app.container.database.db).findById(campaign.id))!.skillIds);
    expect(skills.size).toBe(campaign.skillCount);
    const base = `/api/campaigns/${campaign.id}/preview`;
    let step = (await call<CampaignPreviewView>(teacher, 'POST', base)).body;
    expect(step.challenge).not.toBeNull();
    expect(JSON.stringify(step)).not.toMatch(/solution/i);
    let answered = 0;
    let checkpoints = 0;
    while (!step.results && answered < 200) {
      if (step.checkpoint) {
        checkpoints++;
        expect(step.checkpoint.length).toBeGreaterThan(0);
        expect(step.checkpoint.every((a) => typeof a.expectedAnswer === 'string')).toBe(true);
        step = (await call<CampaignPreviewView>(teacher, 'POST', `${base}/continue`, { token: step.token })).body;
        continue;
      }
      const challenge = referential.challenges.get(step.challenge!.id)!;
      expect(skills.has(challenge.skillId)).toBe(true);
      const right = answered % 3 !== 2;
      const sent = await call<CampaignPreviewView>(teacher, 'POST', `${base}/answers`, {
        token: step.token,
        challengeId: challenge.id,
        value: right ? rightAnswer(challenge, step.challenge!) : wrongAnswer(challenge, step.challenge!),
      });
      expect(sent.status).toBe(200);
      expect(sent.body.lastResult).toBe(right ? 'ok' : 'ko');
      step = sent.body;
      answered++;
    }
    expect(answered).toBeGreaterThan(0);
    expect(checkpoints).toBe(Math.ceil(answered / 5));
    expect(step.results!.targetedSkillsCount).toBe(campaign.skillCount);
    expect(step.results!.validatedSkillsCount).toBeGreaterThan(0);
    expect(step.results!.stage?.total).toBe(2);
    expect(step.results!.competences.map((c) => c.index)).toEqual(['1.1']);
    expect(await footprint()).toEqual(before);
    expect(fired).toEqual([]);
    campaigns.onParticipationShared = restore.shared;
    evaluation.onCompetenceEvaluationCompleted = restore.competence;
    evaluation.campaignAssessments!.completed = restore.completed;
  });

  it('refuses a tampered, foreign or out-of-turn preview step with a code', async () => {
    const base = `/api/campaigns/${campaign.id}/preview`;
    const start = (await call<CampaignPreviewView>(teacher, 'POST', base)).body;
    const [body, sig] = start.token.split('.');
    const state = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8')) as { answers: unknown[] };
    state.answers.push({ challengeId: start.challenge!.id, result: 'ok', at: 0, value: null });
    const forged = `${Buffer.from(JSON.stringify(state)).toString('base64url')}.${sig}`;
    const tampered = await call<ErrorBody>(teacher, 'POST', `${base}/continue`, { token: forged });
    expect(tampered.status).toBe(400);
    expect(tampered.body.error.code).toBe('CAMPAIGN_PREVIEW_INVALID');
    const wrongTurn = await call<ErrorBody>(teacher, 'POST', `${base}/answers`, { token: start.token, challengeId: 'recNotAsked', value: 1 });
    expect(wrongTurn.status).toBe(400);
    expect(wrongTurn.body.error.code).toBe('CHALLENGE_NOT_ASKED');
    const missing = await call<ErrorBody>(teacher, 'POST', `${base}/answers`, { challengeId: start.challenge!.id });
    expect(missing.body.error.code).toBe('VALIDATION_ERROR');
    const foreign = await call<ErrorBody>(otherTeacher, 'POST', `${base}/continue`, { token: start.token });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('CAMPAIGN_NOT_FOUND');
    expect((await call<ErrorBody>(otherTeacher, 'POST', base)).status).toBe(404);
    expect((await call<ErrorBody>(lea, 'POST', base)).status).toBe(403);
  });
});
