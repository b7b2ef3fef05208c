import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerResponse, AssessmentView } from '../../../tool/src/shared/api-contract/evaluation.ts';
import type { CampaignListView, CampaignView, DashboardView, ParticipationView, TargetProfileView } from '../../../tool/src/shared/api-contract/campaigns.ts';
import type { Referential } from '../../../tool/src/referential/domain/referential.ts';
import { demoSignIn, startTestApp, testReferential, type TestApp } from '../../support/test-app.ts';
import { rightAnswer, wrongAnswer } from '../../../tool/src/bench/answer-values.ts';
import { CAMPAIGN_CODE } from '../../../tool/src/campaigns/domain/campaign-code.ts';

describe('campaigns API', () => {
  let app: TestApp;
  let referential: Referential;
  let teacher: string;
  let admin: string;
  let lea: string;
  let noah: string;
  let otherTeacher: string;
  let otherPupil: string;
  let campaign: CampaignView;

  beforeAll(async () => {
    referential = await testReferential();
    app = await startTestApp({ referential });
    teacher = await demoSignIn(app, 'teacher');
    admin = await demoSignIn(app, 'admin');
    lea = await demoSignIn(app, 'pupil-5a-1');
    noah = await demoSignIn(app, 'pupil-5a-2');
    // Another school, with its own teacher and pupil.
    const { container } = app;
    const other = await container.organizations.upsertByUai({ uai: '0997777Z', name: 'Lycée ailleurs', type: 'SCO' });
    const now = container.clock.now();
    const person = async (subject: string, role: 'MEMBER' | 'PUPIL') => {
      const { account } = await container.accounts.upsertFromIdentity({ provider: 'test', issuer: 'test', subject }, { firstName: subject, lastName: 'X', email: null, locale: 'fr' }, now);
      await container.memberships.ensureMembership(account.id, other.id, role);
      return container.tokens.issue({ userId: account.id, organizationId: other.id, role, locale: 'fr', via: 'test' });
    };
    otherTeacher = await person('other-teacher', 'MEMBER');
    otherPupil = await person('other-pupil', 'PUPIL');
  });
  afterAll(async () => app.close());

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  async function call<T>(token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: T; raw: string }> {
    const response = await fetch(`${app.baseUrl}${path}`, {
      method,
      headers: { ...auth(token), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const raw = await response.text();
    return { status: response.status, body: (raw.startsWith('{') ? JSON.parse(raw) : raw) as T, raw };
  }

  /** Plays a campaign assessment to its end; `right(i)` decides each answer. */
  async function play(token: string, assessmentId: string, right: (i: number) => boolean): Promise<number> {
    let view = (await call<AssessmentView>(token, 'GET', `/api/assessments/${assessmentId}`)).body;
    let i = 0;
    while (view.state === 'started' && i < 200) {
      if (view.checkpointDue) {
        view = (await call<AssessmentView>(token, 'POST', `/api/assessments/${assessmentId}/continue`)).body;
        continue;
      }
      const challenge = referential.challenges.get(view.challenge!.id)!;
      const answer = await call<AnswerResponse>(token, 'POST', `/api/assessments/${assessmentId}/answers`, {
        challengeId: challenge.id,
        value: right(i) ? rightAnswer(challenge, view.challenge!) : wrongAnswer(challenge, view.challenge!),
      });
      expect(answer.status).toBe(200);
      view = answer.body.assessment;
      i++;
    }
    expect(view.state).toBe('completed');
    return i;
  }

  it('lists the shipped catalogue and the tubes to build a custom profile', async () => {
    const { status, body } = await call<{ profiles: TargetProfileView[] }>(teacher, 'GET', '/api/target-profiles');
    expect(status).toBe(200);
    const ids = body.profiles.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['catalogue:rentree-6e', 'catalogue:rentree-bts', 'catalogue:competence-1.1', 'catalogue:domaine-5']));
    expect(body.profiles.every((p) => p.skillCount > 0)).toBe(true);
    const tubes = await call<{ competences: Array<{ tubes: unknown[] }> }>(teacher, 'GET', '/api/target-profiles/tubes');
    expect(tubes.body.competences).toHaveLength(16);
    expect((await call(lea, 'GET', '/api/target-profiles')).status).toBe(403);
  });

  it('creates a campaign with a unique readable code and its skills frozen from a custom profile', async () => {
    const profile = await call<TargetProfileView>(teacher, 'POST', '/api/target-profiles', {
      name: 'Recherche',
      tubes: [
        { tubeName: 'requete', level: 3 },
        { tubeName: 'fiabiliteSource', level: 2 },
      ],
    });
    expect(profile.status).toBe(201);
    expect(profile.body.category).toBe('CUSTOM');
    const created = await call<CampaignView>(teacher, 'POST', '/api/campaigns', {
      type: 'ASSESSMENT',
      name: 'Rentrée 5e',
      targetProfileId: profile.body.id,
      multipleSendings: true,
      stages: [
        { threshold: 0, title: 'Départ', message: '' },
        { threshold: 50, title: 'À mi-chemin', message: '' },
        { threshold: 80, title: 'Expert', message: '' },
      ],
    });
    expect(created.status).toBe(201);
    campaign = created.body;
    expect(campaign.code).toMatch(CAMPAIGN_CODE);
    const expected = ['requete', 'fiabiliteSource'].flatMap((t) => referential.skillsByTube.get(t)!.filter((s) => s.level <= (t === 'requete' ? 3 : 2)).map((s) => s.id));
    expect(campaign.skillCount).toBe(expected.length);
    expect(campaign.joinUrl).toContain(`code=${campaign.code}`);
    const invalid = await call<{ error: { code: string } }>(teacher, 'POST', '/api/campaigns', { type: 'ASSESSMENT', name: 'x', targetProfileId: 'catalogue:nope' });
    expect(invalid.body.error.code).toBe('TARGET_PROFILE_NOT_FOUND');
  });

  it('shows a campaign only to its school: other teachers and pupils get 404', async () => {
    expect((await call<CampaignListView>(teacher, 'GET', '/api/campaigns')).body.campaigns.map((c) => c.id)).toContain(campaign.id);
    expect((await call<CampaignListView>(admin, 'GET', '/api/campaigns')).body.campaigns.map((c) => c.id)).toContain(campaign.id);
    expect((await call<CampaignListView>(otherTeacher, 'GET', '/api/campaigns')).body.campaigns).toEqual([]);
    for (const path of [`/api/campaigns/${campaign.id}`, `/api/campaigns/${campaign.id}/dashboard`, `/api/campaigns/${campaign.id}/export.csv`]) {
      const r = await call<{ error: { code: string } }>(otherTeacher, 'GET', path);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('CAMPAIGN_NOT_FOUND');
    }
    expect((await call(otherTeacher, 'POST', `/api/campaigns/${campaign.id}/archive`)).status).toBe(404);
    const byCode = await call<{ error: { code: string } }>(otherPupil, 'POST', '/api/campaign-participations', { code: campaign.code });
    expect(byCode.status).toBe(404);
    expect(byCode.body.error.code).toBe('CAMPAIGN_CODE_UNKNOWN');
    expect((await call(otherPupil, 'GET', `/api/campaign-codes/${campaign.code}`)).status).toBe(404);
    expect((await call(lea, 'GET', `/api/campaigns/${campaign.id}`)).status).toBe(403);
  });

  it('takes a pupil through join, an adaptive assessment on the campaign skills only, results and sharing', async () => {
    const landing = await call<{ name: string; participationId: string | null }>(lea, 'GET', `/api/campaign-codes/${campaign.code.toLowerCase()}`);
    expect(landing.body).toMatchObject({ name: 'Rentrée 5e', participationId: null });
    const joined = await call<ParticipationView>(lea, 'POST', '/api/campaign-participations', { code: campaign.code });
    expect(joined.status).toBe(200);
    expect(joined.body.status).toBe('STARTED');
    expect(joined.body.canShare).toBe(false);
    expect(joined.body.assessmentAnswered).toBe(false);
    const again = await call<ParticipationView>(lea, 'POST', '/api/campaign-participations', { code: campaign.code });
    expect(again.body.id).toBe(joined.body.id);

    const early = await call<{ error: { code: string } }>(lea, 'POST', `/api/campaign-participations/${joined.body.id}/share`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('PARTICIPATION_NOT_FINISHED');
    // Someone else's participation is not found.
    expect((await call(noah, 'GET', `/api/campaign-participations/${joined.body.id}`)).status).toBe(404);
    expect((await call(noah, 'POST', `/api/campaign-participations/${joined.body.id}/share`)).status).toBe(404);

    const campaignSkills = new Set(['requete', 'fiabiliteSource']);
    const assessmentId = joined.body.assessmentId!;
    let view = (await call<AssessmentView>(lea, 'GET', `/api/assessments/${assessmentId}`)).body;
    expect(view.type).toBe('CAMPAIGN');
    expect(campaignSkills.has(referential.skills.get(referential.challenges.get(view.challenge!.id)!.skillId)!.tubeName)).toBe(true);
    const asked = await play(lea, assessmentId, () => true);
    expect(asked).toBeGreaterThan(0);

    const done = await call<ParticipationView>(lea, 'GET', `/api/campaign-participations/${joined.body.id}`);
    expect(done.body.status).toBe('TO_SHARE');
    expect(done.body.canShare).toBe(true);
    expect(done.body.assessmentAnswered).toBe(true);
    expect(done.body.results!.masteryPercent).toBeGreaterThan(50);
    expect(done.body.results!.competences.map((c) => c.index)).toEqual(['1.1']);

    const shared = await call<ParticipationView>(lea, 'POST', `/api/campaign-participations/${joined.body.id}/share`);
    expect(shared.status).toBe(200);
    expect(shared.body.status).toBe('SHARED');
    expect(shared.body.results!.stage).not.toBeNull();
    const twice = await call<{ error: { code: string } }>(lea, 'POST', `/api/campaign-participations/${joined.body.id}/share`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('PARTICIPATION_ALREADY_SHARED');
    // Retry waits 4 days.
    expect(shared.body.canRetry).toBe(false);
    const retry = await call<{ error: { code: string } }>(lea, 'POST', `/api/campaign-participations/${joined.body.id}/retry`);
    expect(retry.body.error.code).toBe('PARTICIPATION_RETRY_NOT_ALLOWED');
  });

  it('shows the class on the dashboard and exports the CSV with NA for unshared participations', async () => {
    const joined = await call<ParticipationView>(noah, 'POST', '/api/campaign-participations', { code: campaign.code });
    expect(joined.body.status).toBe('STARTED');
    const dashboard = await call<DashboardView>(teacher, 'GET', `/api/campaigns/${campaign.id}/dashboard`);
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.counts).toEqual({ STARTED: 1, TO_SHARE: 0, SHARED: 1 });
    expect(dashboard.body.participants.map((p) => p.lastName).sort()).toEqual(['Martin', 'Petit']);
    const leaRow = dashboard.body.participants.find((p) => p.lastName === 'Martin')!;
    expect(leaRow).toMatchObject({ status: 'SHARED', progressPercent: 100, className: '5e A' });
    expect(leaRow.masteryPercent).toBeGreaterThan(50);
    expect(dashboard.body.competences).toHaveLength(1);
    expect(dashboard.body.campaign.participantsCount).toBe(2);

    const response = await fetch(`${app.baseUrl}/api/campaigns/${campaign.id}/export.csv`, { headers: auth(teacher) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="Resultats-Rentree_5e-/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    const header = lines[0]!.split(';');
    expect(header.slice(0, 8)).toEqual(["Nom de l'organisation", 'ID Campagne', 'Code', 'Nom de la campagne', 'Nom du Profil Cible', 'Nom du Participant', 'Prénom du Participant', 'Classe']);
    expect(header).toContain('Palier obtenu (/2)');
    const leaLine = lines.find((l) => l.includes(';Martin;'))!.split(';');
    const noahLine = lines.find((l) => l.includes(';Petit;'))!.split(';');
    expect(leaLine[header.indexOf('Partage (O/N)')]).toBe('Oui');
    expect(leaLine[header.indexOf('Date de début')]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(noahLine[header.indexOf('Partage (O/N)')]).toBe('Non');
    expect(noahLine[header.indexOf("% maitrise de l'ensemble des acquis du profil")]).toBe('NA');
  });

  it('anonymises a deleted participation; the pupil no longer sees it', async () => {
    const dashboard = (await call<DashboardView>(teacher, 'GET', `/api/campaigns/${campaign.id}/dashboard`)).body;
    const noahRow = dashboard.participants.find((p) => p.lastName === 'Petit')!;
    expect((await call(otherTeacher, 'DELETE', `/api/campaigns/${campaign.id}/participations/${noahRow.participationId}`)).status).toBe(404);
    const deleted = await call(teacher, 'DELETE', `/api/campaigns/${campaign.id}/participations/${noahRow.participationId}`);
    expect(deleted.status).toBe(200);
    expect((await call(noah, 'GET', `/api/campaign-participations/${noahRow.participationId}`)).status).toBe(404);
    const after = (await call<DashboardView>(teacher, 'GET', `/api/campaigns/${campaign.id}/dashboard`)).body;
    expect(after.participants.map((p) => p.lastName)).toEqual(['Martin']);
    const list = (await call<{ participations: ParticipationView[] }>(noah, 'GET', '/api/campaign-participations')).body;
    expect(list.participations).toEqual([]);
  });

  it('edits and archives; an archived campaign takes no new participant', async () => {
    const edited = await call<CampaignView>(teacher, 'PATCH', `/api/campaigns/${campaign.id}`, { name: 'Rentrée 5e (bis)' });
    expect(edited.body.name).toBe('Rentrée 5e (bis)');
    const locked = await call<{ error: { code: string } }>(teacher, 'PATCH', `/api/campaigns/${campaign.id}`, { multipleSendings: false });
    expect(locked.body.error.code).toBe('CAMPAIGN_MULTIPLE_SENDINGS_LOCKED');
    const archived = await call<CampaignView>(teacher, 'POST', `/api/campaigns/${campaign.id}/archive`);
    expect(archived.body.archivedAt).not.toBeNull();
    expect((await call<CampaignListView>(teacher, 'GET', '/api/campaigns')).body.campaigns.map((c) => c.id)).not.toContain(campaign.id);
    expect((await call<CampaignListView>(teacher, 'GET', '/api/campaigns?archived=1')).body.campaigns.map((c) => c.id)).toContain(campaign.id);
    const ines = await demoSignIn(app, 'pupil-5a-3');
    const refused = await call<{ error: { code: string } }>(ines, 'POST', '/api/campaign-participations', { code: campaign.code });
    expect(refused.body.error.code).toBe('CAMPAIGN_ARCHIVED');
  });

  it('lets anyone with the code join a campaign open to anyone', async () => {
    const open = (await call<CampaignView>(teacher, 'POST', '/api/campaigns', { type: 'ASSESSMENT', name: 'Ouvert', targetProfileId: 'catalogue:competence-4.1', openToAnyone: true })).body;
    const joined = await call<ParticipationView>(otherPupil, 'POST', '/api/campaign-participations', { code: open.code });
    expect(joined.status).toBe(200);
    expect(joined.body.status).toBe('STARTED');
  });
});
