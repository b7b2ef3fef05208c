import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { AssessmentView } from '../../../tool/src/shared/api-contract/evaluation.ts';
import { reportActivityResult } from '../../../tool/src/lti/application/usecases/report-activity-result.ts';
import { competenceEvaluationResult } from '../../../tool/src/lti/domain/ags-score.ts';
import { AGS_SCOPES, NRPS_SCOPE, ROLE, startPlatformEmulator } from '../support/platform-emulator.ts';
import { bootOf, connect, startLtiTestApp } from '../support/lti-test-app.ts';
import { useConnectedCourse } from '../support/connected-course.ts';
import { completeEvaluation } from '../support/complete-evaluation.ts';

const ISO_WITH_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Assignment and Grade Services through the transactional outbox: what the platform receives, line items found
 * or created, retries with backoff through outages and restarts, supersession, several workers.
 */
describe('LTI grades (AGS) and the score outbox', () => {
  let offsetMs = 0;
  const clock = { now: () => new Date(Date.now() + offsetMs) };
  const course = useConnectedCourse({ clock });

  const worker = () => course.app.container.lti.worker.runOnce();
  const launch = async (sub: string, activity: string) => {
    const { response, html } = await course.platform.launch({ user: sub, course: 'SNT-5A', roles: [ROLE.learner], activity });
    expect(response.status).toBe(200);
    return bootOf(html);
  };
  const userIdOf = async (sub: string) =>
    (await course.app.container.database.db.execute<{ user_id: string }>(sql`select user_id from external_identities where provider = 'lti' and subject = ${sub}`)).rows[0]!.user_id;
  const report = async (sub: string, competenceIndex: string, level: number, pix: number) =>
    reportActivityResult({
      db: course.app.container.database.db,
      userId: await userIdOf(sub),
      activity: { kind: 'competence', competenceIndex },
      result: competenceEvaluationResult({ level, pix, maxLevel: 6 }),
      now: clock.now(),
    });

  it('sends the level of a finished competence evaluation to the gradebook: every field, the right URL, once', async () => {
    const boot = await launch(course.people.lea.sub, 'SNT-5A-c11');
    const assessment = (boot.data as { assessment: AssessmentView }).assessment;
    await completeEvaluation({ apiBase: boot.apiBase, token: boot.token!, assessment, referential: course.app.container.referential, knownLevel: 2 });
    const queued = await course.app.container.lti.deps.outbox.status(clock.now());
    expect(queued.pending).toBe(1);

    const tokenRequests = course.platform.tokenRequests.length;
    expect(await worker()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(course.platform.scores).toHaveLength(1);
    const [score] = course.platform.scores;
    const lineItem = course.platform.lineItems.find((li) => li.resourceLinkId === 'SNT-5A-c11')!;
    expect(score!.url).toBe(lineItem.url.replace('/lineitem?', '/lineitem/scores?'));
    expect(score!.url).toMatch(/\/lineitem\/scores\?type_id=1$/);
    expect(score!.contentType).toBe('application/vnd.ims.lis.v1.score+json');
    expect(score!.authorization).toMatch(/^Bearer [0-9a-f]{32}$/);
    expect(score!.status).toBe(200);
    const body = JSON.parse(score!.rawBody);
    expect(Object.keys(body).sort()).toEqual(['activityProgress', 'comment', 'gradingProgress', 'scoreGiven', 'scoreMaximum', 'timestamp', 'userId']);
    expect(body).toMatchObject({ userId: course.people.lea.sub, scoreMaximum: 6, activityProgress: 'Completed', gradingProgress: 'FullyGraded' });
    expect(body.timestamp).toMatch(ISO_WITH_MS);
    const results = await (await fetch(`${boot.apiBase}/profile`, { headers: { authorization: `Bearer ${boot.token}` } })).json();
    const card = results.areas.flatMap((a: { competences: Array<{ index: string; level: number; pix: number }> }) => a.competences).find((c: { index: string }) => c.index === '1.1');
    expect(body.scoreGiven).toBe(card.level);
    expect(body.comment).toBe(`Niveau ${card.level} — ${card.pix} pix`);
    // private_key_jwt client credentials, only granted scopes, verified by the platform.
    const request = course.platform.tokenRequests[tokenRequests]!;
    expect(request.assertion).toMatchObject({ iss: course.platform.registrations[0]!.clientId, sub: course.platform.registrations[0]!.clientId, aud: course.platform.tokenUrl });
    expect(request.granted.sort()).toEqual([AGS_SCOPES.lineItem, AGS_SCOPES.lineItemReadonly, AGS_SCOPES.score].sort());
    expect(await worker()).toMatchObject({ claimed: 0 });
    expect(course.platform.scores).toHaveLength(1);
  });

  it('finds the line item by resource link or creates it when the launch named none, then reuses it; one token for all', async () => {
    await launch(course.people.noah.sub, 'SNT-5A-c21');
    await launch(course.people.ines.sub, 'SNT-5A-c21');
    const tokens = course.platform.tokenRequests.length;
    expect(await report(course.people.noah.sub, '2.1', 1, 9)).toBe(1);
    expect(await worker()).toMatchObject({ delivered: 1 });
    const created = course.platform.lineItemRequests.filter((r) => r.method === 'POST');
    expect(created).toHaveLength(1);
    expect(created[0]!.url).toMatch(/\/lineitems\?type_id=1$/);
    expect(created[0]!.body).toEqual({ scoreMaximum: 6, label: 'Pix — 2.1 (sans colonne)', resourceId: 'competence:2.1', tag: 'pix-competence', resourceLinkId: 'SNT-5A-c21' });
    expect(course.platform.lineItemRequests.some((r) => r.method === 'GET' && new URL(r.url).searchParams.get('resource_link_id') === 'SNT-5A-c21' && new URL(r.url).searchParams.get('type_id') === '1')).toBe(true);
    await report(course.people.ines.sub, '2.1', 2, 17);
    expect(await worker()).toMatchObject({ delivered: 1 });
    expect(course.platform.lineItemRequests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(course.platform.tokenRequests.length - tokens).toBeLessThanOrEqual(0);
  });

  it('keeps scores through a platform outage and a tool restart, then delivers each once, with backoff', async () => {
    course.platform.down = true;
    const before = course.platform.scores.length;
    await report(course.people.noah.sub, '2.1', 2, 20);
    expect(await worker()).toMatchObject({ claimed: 1, retried: 1 });
    let status = await course.app.container.lti.deps.outbox.status(clock.now());
    expect(status.pending).toBe(1);
    expect(status.recentErrors[0]!.error).toMatch(/503/);
    expect(Date.parse(status.nextAttemptAt!) - clock.now().getTime()).toBeGreaterThan(14_000);
    // Not due yet: nothing is sent.
    expect(await worker()).toMatchObject({ claimed: 0 });

    // The platform stops answering at all; another tool instance (as after a restart) takes over.
    course.platform.down = false;
    await course.platform.stop();
    offsetMs += 20_000;
    const restarted = await startLtiTestApp({ clock, shareDatabaseWith: course.app });
    try {
      expect(await restarted.container.lti.worker.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
      status = await restarted.container.lti.deps.outbox.status(clock.now());
      expect(status.pending).toBe(1);
      expect(Date.parse(status.nextAttemptAt!) - clock.now().getTime()).toBeGreaterThan(29_000);
      await course.platform.restart();
      offsetMs += 40_000;
      expect(await restarted.container.lti.worker.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    } finally {
      await restarted.close();
      offsetMs = 0;
    }
    expect(course.platform.scores.length - before).toBe(1 + 0);
    expect(course.platform.scores.at(-1)!.status).toBe(200);
    expect(JSON.parse(course.platform.scores.at(-1)!.rawBody)).toMatchObject({ userId: course.people.noah.sub, scoreGiven: 2 });
    expect(await worker()).toMatchObject({ claimed: 0 });
  });

  it('supersedes an older undelivered score of the same learner and link by a newer one, with a later timestamp', async () => {
    const before = course.platform.scores.length;
    await report(course.people.ines.sub, '2.1', 3, 25);
    await report(course.people.ines.sub, '2.1', 4, 33);
    const rows = await course.app.container.database.db.execute<{ status: string; score: { scoreGiven: number; timestamp: string } }>(
      sql`select status::text as status, score from lti_score_outbox where subject = ${course.people.ines.sub} order by id desc limit 2`,
    );
    expect(rows.rows.map((r) => r.status)).toEqual(['pending', 'superseded']);
    expect(Date.parse(rows.rows[0]!.score.timestamp)).toBeGreaterThan(Date.parse(rows.rows[1]!.score.timestamp));
    expect(await worker()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(course.platform.scores.slice(before).map((s) => JSON.parse(s.rawBody).scoreGiven)).toEqual([4]);
    expect((await course.app.container.lti.deps.outbox.status(clock.now())).superseded).toBeGreaterThanOrEqual(1);
  });

  it('accepts 201, 202 and 204 as success', async () => {
    for (const status of [201, 202, 204]) {
      course.platform.scoreStatus = status;
      await report(course.people.noah.sub, '2.1', 3, 24);
      expect(await worker()).toMatchObject({ delivered: 1 });
      expect(course.platform.scores.at(-1)!.status).toBe(status);
    }
    course.platform.scoreStatus = 200;
  });

  it('gives up on a score the platform keeps refusing ("Incorrect score received": learner not gradable) after 3 attempts', async () => {
    course.platform.addUser({ sub: 'left-course', givenName: 'Ancien', familyName: 'Élève' });
    await course.platform.launch({ user: 'left-course', course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-c21' });
    await report('left-course', '2.1', 1, 8);
    const start = offsetMs;
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const result = await worker();
      expect(result.claimed).toBe(1);
      offsetMs += 3_600_000;
    }
    offsetMs = start;
    const status = await course.app.container.lti.deps.outbox.status(clock.now());
    expect(status.failed).toBe(1);
    expect(status.recentErrors[0]).toMatchObject({ status: 'failed', attempts: 3 });
    expect(status.recentErrors[0]!.error).toContain('Incorrect score received');
  });

  it('sends each score once with several workers at the same time (FOR UPDATE SKIP LOCKED)', async () => {
    const learners = Array.from({ length: 12 }, (_, i) => ({ sub: `w-${i}`, givenName: `Élève${i}`, familyName: 'Test' }));
    for (const learner of learners) course.platform.addUser(learner);
    course.platform.addCourse({ id: 'SNT-5A-workers', label: 'W', title: 'Workers', members: learners.map((l) => ({ sub: l.sub, roles: [ROLE.learner] })) });
    course.platform.addActivity('SNT-5A-workers', { id: 'W-c31', title: 'Pix 3.1', custom: { competence: '3.1' }, lineItem: { scoreMaximum: 6, label: 'Pix 3.1' } });
    for (const learner of learners) {
      const { response } = await course.platform.launch({ user: learner.sub, course: 'SNT-5A-workers', roles: [ROLE.learner], activity: 'W-c31' });
      expect(response.status).toBe(200);
      await report(learner.sub, '3.1', 1, 8);
    }
    const other = await startLtiTestApp({ clock, shareDatabaseWith: course.app });
    try {
      const before = course.platform.scores.length;
      await Promise.all([worker(), other.container.lti.worker.runOnce(), worker(), other.container.lti.worker.runOnce()]);
      await Promise.all([worker(), other.container.lti.worker.runOnce()]);
      const sent = course.platform.scores.slice(before).map((s) => JSON.parse(s.rawBody).userId as string);
      expect(sent.sort()).toEqual(learners.map((l) => l.sub).sort());
    } finally {
      await other.close();
    }
  });

  it('delivers in the background when the worker runs (as in the server), woken by the new score', async () => {
    const before = course.platform.scores.length;
    course.app.container.lti.worker.start();
    try {
      // Through the hook the evaluation context calls at the end of a competence evaluation.
      await course.app.container.lti.competenceEvaluationCompleted({ db: course.app.container.database.db, userId: await userIdOf(course.people.noah.sub), competenceIndex: '2.1', level: 5, pix: 41, now: clock.now() });
      await expect.poll(() => course.platform.scores.length, { timeout: 5000, interval: 50 }).toBe(before + 1);
      expect(JSON.parse(course.platform.scores.at(-1)!.rawBody)).toMatchObject({ scoreGiven: 5, comment: 'Niveau 5 — 41 pix' });
    } finally {
      await course.app.container.lti.worker.stop();
    }
  });

  it('asks only for the scopes the platform granted ("grade sync only" withholds lineitem)', async () => {
    const gradeOnly = await startPlatformEmulator();
    try {
      await connect(course.app, gradeOnly, { scopes: [AGS_SCOPES.score, AGS_SCOPES.lineItemReadonly, NRPS_SCOPE] });
      gradeOnly.addUser({ sub: 'g-1', givenName: 'Gaëlle', familyName: 'Note' });
      gradeOnly.addCourse({ id: 'G', label: 'G', title: 'G', members: [{ sub: 'g-1', roles: [ROLE.learner] }] });
      gradeOnly.addActivity('G', { id: 'G-c41', title: 'Pix 4.1', custom: { competence: '4.1' }, lineItem: { scoreMaximum: 6, label: 'Pix 4.1' } });
      const { response } = await gradeOnly.launch({ user: 'g-1', course: 'G', roles: [ROLE.learner], activity: 'G-c41' });
      expect(response.status).toBe(200);
      const userId = (await course.app.container.database.db.execute<{ user_id: string }>(sql`select user_id from external_identities where issuer = ${gradeOnly.issuer} and subject = 'g-1'`)).rows[0]!.user_id;
      await reportActivityResult({ db: course.app.container.database.db, userId, activity: { kind: 'competence', competenceIndex: '4.1' }, result: competenceEvaluationResult({ level: 2, pix: 16, maxLevel: 6 }), now: clock.now() });
      expect(await worker()).toMatchObject({ delivered: 1 });
      expect(gradeOnly.tokenRequests[0]!.granted.sort()).toEqual([AGS_SCOPES.lineItemReadonly, AGS_SCOPES.score].sort());
      expect(gradeOnly.scores).toHaveLength(1);
    } finally {
      await gradeOnly.close();
    }
  });
});
