import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { AssessmentView } from '../../../tool/src/shared/api-contract/evaluation.ts';
import type { CampaignView, GradeSyncView, NotStartedView, ParticipationView, TargetProfileView } from '../../../tool/src/shared/api-contract/campaigns.ts';
import { reportActivityResult } from '../../../tool/src/lti/application/usecases/report-activity-result.ts';
import { AGS_SCOPES, NRPS_SCOPE, ROLE, startPlatformEmulator, type PlatformEmulator } from '../support/platform-emulator.ts';
import { bootOf, connect, seedCourse, startLtiTestApp, type LtiTestApp } from '../support/lti-test-app.ts';
import { completeEvaluation } from '../support/complete-evaluation.ts';

const HOUR = 3_600_000;

/**
 * Campaign grades in the LMS gradebook: the main grade and, when the campaign asks for it, one column per
 * assessed competence (created under the link, only where the platform granted the `lineitem` scope); the
 * teacher's grade-sync view with the platform's message, resend, and the course members who have not started.
 */
describe('LTI campaign grades: per-competence columns, grade sync, resend, members not started', () => {
  let app: LtiTestApp;
  /** Grants every service. */
  let moodle: PlatformEmulator;
  /** "Grade sync only": no `lineitem` scope. */
  let restricted: PlatformEmulator;
  let a: ReturnType<typeof seedCourse>;
  let b: ReturnType<typeof seedCourse>;
  let teacher = '';
  /** A session of the course's teacher (again after the clock moved hours ahead: sessions are short). */
  const teacherSession = async () => {
    const school = (await app.container.organizations.findByUai('0751234A'))!;
    return app.container.tokens.issue({ userId: await userIdOf(moodle.issuer, a.teacher.sub), organizationId: school.id, role: 'MEMBER', locale: 'fr', via: 'lti' });
  };
  let campaign: CampaignView;
  const competences = ['1.1', '1.2'];
  let offsetMs = 0;
  const clock = { now: () => new Date(Date.now() + offsetMs) };

  const api = async <T,>(token: string, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${app.baseUrl}/api/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  const worker = () => app.container.lti.worker.runOnce();
  const userIdOf = async (issuer: string, sub: string) =>
    (await app.container.database.db.execute<{ user_id: string }>(sql`select user_id from external_identities where provider = 'lti' and issuer = ${issuer} and subject = ${sub}`)).rows[0]!.user_id;

  /** A learner opens the campaign link in her course, plays the campaign through the API and shares. */
  async function participate(platform: PlatformEmulator, course: string, sub: string, beforeSharing?: () => void): Promise<ParticipationView & { levels: Map<string, number> }> {
    const { response, html } = await platform.launch({ user: sub, course, roles: [ROLE.learner], activity: `${course}-camp` });
    expect(response.status).toBe(200);
    const token = bootOf(html).token!;
    const joined = await api<ParticipationView>(token, 'POST', 'campaign-participations', { code: campaign.code });
    expect(joined.status).toBe(200);
    const assessment = (await api<AssessmentView>(token, 'GET', `assessments/${joined.body.assessmentId}`)).body;
    await completeEvaluation({ apiBase: `${app.baseUrl}/api`, token, assessment, referential: app.container.referential, knownLevel: 2 });
    beforeSharing?.();
    const shared = await api<ParticipationView>(token, 'POST', `campaign-participations/${joined.body.id}/share`);
    expect(shared.status, JSON.stringify(shared.body)).toBe(200);
    const profile = (await api<{ areas: Array<{ competences: Array<{ index: string; level: number }> }> }>(token, 'GET', 'profile')).body;
    const levels = new Map(profile.areas.flatMap((area) => area.competences).map((c) => [c.index, c.level]));
    return { ...shared.body, levels };
  }

  beforeAll(async () => {
    app = await startLtiTestApp({ clock });
    moodle = await startPlatformEmulator();
    restricted = await startPlatformEmulator();
    await connect(app, moodle);
    await connect(app, restricted, { scopes: [AGS_SCOPES.lineItemReadonly, AGS_SCOPES.score, NRPS_SCOPE] });
    a = seedCourse(moodle, 'SNT-5A');
    b = seedCourse(restricted, 'SNT-5B');
    await moodle.launch({ user: a.teacher.sub, course: 'SNT-5A', roles: [ROLE.instructor], activity: 'SNT-5A-profile' });
    teacher = await teacherSession();
    // Two competences, one tube each up to level 2 (with playable épreuves): a short campaign.
    const { referential } = app.container;
    const tubes = competences.map((index) => ({
      tubeName: referential.competences.get(index)!.tubeNames.find((name) => referential.skillsByTube.get(name)?.some((skill) => skill.level <= 2 && referential.playableChallengesBySkill.get(skill.id)?.length))!,
      level: 2,
    }));
    const profile = await api<TargetProfileView>(teacher, 'POST', 'target-profiles', { name: 'Deux compétences', tubes });
    expect(profile.status).toBe(201);
    const created = await api<CampaignView>(teacher, 'POST', 'campaigns', { type: 'ASSESSMENT', name: 'Rentrée 5e', targetProfileId: profile.body.id });
    expect(created.status).toBe(201);
    expect(created.body.gradePerCompetence).toBe(false);
    // The setting the teacher switches on in the campaign form.
    const patched = await api<CampaignView>(teacher, 'PATCH', `campaigns/${created.body.id}`, { gradePerCompetence: true });
    expect(patched.status).toBe(200);
    campaign = patched.body;
    expect(campaign.gradePerCompetence).toBe(true);
    moodle.addActivity('SNT-5A', { id: 'SNT-5A-camp', title: 'Rentrée 5e', custom: { campaign: campaign.code }, lineItem: { scoreMaximum: 100, label: 'Rentrée 5e', tag: 'pix-campaign' } });
    restricted.addActivity('SNT-5B', { id: 'SNT-5B-camp', title: 'Rentrée 5e (B)', custom: { campaign: campaign.code }, lineItem: { scoreMaximum: 100, label: 'Rentrée 5e', tag: 'pix-campaign' } });
  });
  afterAll(async () => {
    await moodle?.close();
    await restricted?.close();
    await app?.close();
  });

  it('sends the mastery grade and, per assessed competence, the level on a column it creates under the link', async () => {
    const shared = await participate(moodle, 'SNT-5A', a.lea.sub);
    expect(await worker()).toMatchObject({ claimed: 3, delivered: 3, failed: 0 });

    const main = moodle.lineItems.find((li) => li.resourceLinkId === 'SNT-5A-camp' && li.tag === 'pix-campaign')!;
    const mainScores = moodle.scores.filter((s) => s.lineItemId === main.id);
    expect(mainScores).toHaveLength(1);
    expect(mainScores[0]!.body).toMatchObject({ userId: a.lea.sub, scoreGiven: shared.results!.masteryPercent, scoreMaximum: 100 });

    const created = moodle.lineItemRequests.filter((r) => r.method === 'POST').map((r) => r.body as Record<string, unknown>);
    expect(created.map((body) => body.tag).sort()).toEqual(competences.map((index) => `pix-competence-${index}`));
    for (const index of competences) {
      const item = moodle.lineItems.find((li) => li.tag === `pix-competence-${index}`)!;
      const name = app.container.referential.competences.get(index)!.name.fr;
      expect(item).toMatchObject({ resourceLinkId: 'SNT-5A-camp', scoreMaximum: app.container.config.maxReachableLevel });
      expect(item.label).toContain(`${index} ${name}`);
      const scores = moodle.scores.filter((s) => s.lineItemId === item.id);
      expect(scores).toHaveLength(1);
      expect(scores[0]!.status).toBe(200);
      expect(shared.results!.competences.map((c) => c.index)).toContain(index);
      expect(scores[0]!.body).toMatchObject({
        userId: a.lea.sub,
        scoreGiven: shared.levels.get(index),
        scoreMaximum: app.container.config.maxReachableLevel,
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
      });
    }

    const sync = await api<GradeSyncView>(teacher, 'GET', `campaigns/${campaign.id}/grade-sync`);
    expect(sync.status).toBe(200);
    expect(sync.body).toMatchObject({ linked: true, notice: null });
    const lea = sync.body.participations.find((p) => p.participationId === shared.id)!;
    expect(lea).toMatchObject({ firstName: 'Léa', lastName: 'Martin', state: 'sent', error: null });
    expect(Date.parse(lea.sentAt!)).not.toBeNaN();
    expect(lea.scores.map((s) => s.lineItem).sort()).toEqual([null, 'pix-competence-1.1', 'pix-competence-1.2'].sort());
  });

  it('finds the per-competence columns again and supersedes per learner and column, not across columns', async () => {
    const userId = await userIdOf(moodle.issuer, a.lea.sub);
    const extra = (level: number) => [{ tag: 'pix-competence-1.1', label: '1.1', result: { scoreGiven: level, scoreMaximum: 6, comment: '', activityProgress: 'Completed' as const, gradingProgress: 'FullyGraded' as const } }];
    const report = (mastery: number, level: number) =>
      reportActivityResult({
        db: app.container.database.db,
        userId,
        activity: { kind: 'campaign', code: campaign.code },
        result: { scoreGiven: mastery, scoreMaximum: 100, comment: '', activityProgress: 'Completed', gradingProgress: 'FullyGraded' },
        extra: extra(level),
        now: clock.now(),
      });
    expect(await report(40, 1)).toBe(2);
    expect(await report(60, 3)).toBe(2);
    const before = moodle.scores.length;
    const lineItemPosts = moodle.lineItemRequests.filter((r) => r.method === 'POST').length;
    expect(await worker()).toMatchObject({ claimed: 2, delivered: 2 });
    const sent = moodle.scores.slice(before).map((s) => s.body.scoreGiven);
    expect(sent.sort()).toEqual([3, 60]);
    // The column created at the first share is reused: no new one.
    expect(moodle.lineItemRequests.filter((r) => r.method === 'POST').length).toBe(lineItemPosts);
  });

  it('sends only the main grade where the platform withheld the lineitem scope, and tells the teacher why', async () => {
    const postsBefore = restricted.lineItemRequests.filter((r) => r.method === 'POST').length;
    const shared = await participate(restricted, 'SNT-5B', b.noah.sub);
    expect(await worker()).toMatchObject({ claimed: 1, delivered: 1 });
    const scores = restricted.scores.filter((s) => s.body.userId === b.noah.sub);
    expect(scores).toHaveLength(1);
    expect(scores[0]!.body).toMatchObject({ scoreGiven: shared.results!.masteryPercent, scoreMaximum: 100 });
    expect(restricted.lineItemRequests.filter((r) => r.method === 'POST').length).toBe(postsBefore);
    // No token ever asked for a scope this platform did not grant.
    expect(restricted.tokenRequests.every((request) => !request.scope.split(' ').includes(AGS_SCOPES.lineItem))).toBe(true);

    const sync = (await api<GradeSyncView>(teacher, 'GET', `campaigns/${campaign.id}/grade-sync`)).body;
    expect(sync.notice).toBe('LINEITEM_SCOPE_MISSING');
    expect(sync.participations.find((p) => p.participationId === shared.id)).toMatchObject({ state: 'sent', scores: [expect.objectContaining({ lineItem: null, state: 'sent' })] });
  });

  it('shows a refused grade with the platform’s message; “Renvoyer” delivers it once the learner is back', async () => {
    // Inès leaves the course before sharing: Moodle refuses scores for a user who is not gradable.
    const withoutInes = {
      id: 'SNT-5A',
      label: '5A',
      title: '5e A — SNT',
      members: [a.teacher, a.lea, a.noah].map((p, i) => ({ sub: p.sub, roles: [i === 0 ? ROLE.instructor : ROLE.learner] })),
    };
    const shared = await participate(moodle, 'SNT-5A', a.ines.sub, () => moodle.addCourse(withoutInes));
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await worker();
      offsetMs += 2 * HOUR;
    }
    teacher = await teacherSession();
    const sync = (await api<GradeSyncView>(teacher, 'GET', `campaigns/${campaign.id}/grade-sync`)).body;
    const ines = sync.participations.find((p) => p.participationId === shared.id)!;
    expect(ines.state).toBe('failed');
    expect(ines.error).toContain('Incorrect score received');
    expect(ines.scores.every((s) => s.state === 'failed')).toBe(true);

    moodle.addCourse({ ...withoutInes, members: [...withoutInes.members, { sub: a.ines.sub, roles: [ROLE.learner] }] });
    const before = moodle.scores.length;
    const resent = await api<{ queued: number }>(teacher, 'POST', `campaigns/${campaign.id}/participations/${shared.id}/grade-sync`);
    expect(resent.status).toBe(202);
    expect(resent.body.queued).toBe(3);
    // A second click while they wait queues nothing more.
    const again = await api<{ error: { code: string } }>(teacher, 'POST', `campaigns/${campaign.id}/participations/${shared.id}/grade-sync`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('GRADE_SYNC_NOTHING_TO_RESEND');
    expect(await worker()).toMatchObject({ claimed: 3, delivered: 3 });
    expect(await worker()).toMatchObject({ claimed: 0 });
    const delivered = moodle.scores.slice(before);
    expect(delivered).toHaveLength(3);
    expect(delivered.every((s) => s.status === 200 && s.body.userId === a.ines.sub)).toBe(true);
    expect(new Set(delivered.map((s) => s.lineItemId)).size).toBe(3);
    const after = (await api<GradeSyncView>(teacher, 'GET', `campaigns/${campaign.id}/grade-sync`)).body;
    expect(after.participations.find((p) => p.participationId === shared.id)).toMatchObject({ state: 'sent', error: null });
  });

  it('lists the course members (NRPS learners) of each linked course who have not started', async () => {
    const { status, body } = await api<NotStartedView>(teacher, 'GET', `campaigns/${campaign.id}/not-started`);
    expect(status).toBe(200);
    expect(body.courses).toEqual([
      { activity: 'Rentrée 5e', rosterAvailable: true, learners: [{ name: 'Noah Petit' }] },
      { activity: 'Rentrée 5e (B)', rosterAvailable: true, learners: [{ name: 'Inès Moreau' }, { name: 'Léa Martin' }] },
    ]);
  });

  it('answers 404 to another school’s teacher and 403 to a pupil, on every grade-sync route', async () => {
    const { container } = app;
    const other = await container.organizations.upsertByUai({ uai: '0997777Z', name: 'Lycée ailleurs', type: 'SCO' });
    const { account } = await container.accounts.upsertFromIdentity({ provider: 'test', issuer: 'test', subject: 'other-teacher' }, { firstName: 'O', lastName: 'T', email: null, locale: 'fr' }, clock.now());
    await container.memberships.ensureMembership(account.id, other.id, 'MEMBER');
    const outsider = await container.tokens.issue({ userId: account.id, organizationId: other.id, role: 'MEMBER', locale: 'fr', via: 'test' });
    const participationId = (await api<GradeSyncView>(teacher, 'GET', `campaigns/${campaign.id}/grade-sync`)).body.participations[0]!.participationId;
    for (const [method, path] of [
      ['GET', `campaigns/${campaign.id}/grade-sync`],
      ['POST', `campaigns/${campaign.id}/participations/${participationId}/grade-sync`],
      ['GET', `campaigns/${campaign.id}/not-started`],
    ] as const) {
      const answer = await api<{ error: { code: string } }>(outsider, method, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body.error.code).toBe('CAMPAIGN_NOT_FOUND');
    }
    const school = (await container.organizations.findByUai('0751234A'))!;
    const pupil = await container.tokens.issue({ userId: await userIdOf(moodle.issuer, a.lea.sub), organizationId: school.id, role: 'PUPIL', locale: 'fr', via: 'lti' });
    expect((await api(pupil, 'GET', `campaigns/${campaign.id}/grade-sync`)).status).toBe(403);
    // A participation id of no participation of this campaign is not found either.
    const unknown = await api<{ error: { code: string } }>(teacher, 'POST', `campaigns/${campaign.id}/participations/00000000-0000-4000-8000-000000000000/grade-sync`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('PARTICIPATION_NOT_FOUND');
  });
});
