import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ROLE } from '../support/platform-emulator.ts';
import { bootOf, errorCodeOf } from '../support/lti-test-app.ts';
import { useConnectedCourse } from '../support/connected-course.ts';

describe('LTI 1.3 resource link launch', () => {
  const course = useConnectedCourse();

  it('redirects the login with a GET to the platform authorization URL, every OIDC parameter set, and a Partitioned cookie', async () => {
    const login = await course.platform.startLogin({ user: course.people.lea.sub, course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-c11' });
    expect(login.status).toBe(302);
    expect(login.location.startsWith(course.platform.authUrl)).toBe(true);
    expect(Object.fromEntries(login.query)).toMatchObject({
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: course.platform.registrations[0]!.clientId,
      redirect_uri: course.app.urls.launch,
      login_hint: course.people.lea.sub,
    });
    expect(login.state).toMatch(/^[\w-]{32}$/);
    expect(login.nonce).toMatch(/^[\w-]{32}$/);
    expect(login.query.get('lti_message_hint')).toBeTruthy();
    const response = await fetch(`${course.app.urls.login}?${new URLSearchParams({ iss: course.platform.issuer, login_hint: 'x', target_link_uri: course.app.urls.launch })}`, { redirect: 'manual' });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^pix_lti_[\w-]{16}=[\w-]+; Path=\/lti; Max-Age=600; HttpOnly; Secure; SameSite=None; Partitioned$/);
  });

  it('accepts the login initiation as a POST too (Moodle posts it from the frame)', async () => {
    const response = await fetch(course.app.urls.login, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ iss: course.platform.issuer, login_hint: course.people.lea.sub, target_link_uri: course.app.urls.launch, client_id: course.platform.registrations[0]!.clientId }),
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toContain(course.platform.authUrl);
  });

  it('lands a learner of a competence activity in that evaluation, with a session token and no cookie needed', async () => {
    const { response, html } = await course.platform.launch({ user: course.people.lea.sub, course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-c11' });
    expect(response.status).toBe(200);
    const boot = bootOf(html);
    expect(boot.widget).toBe('pupil');
    expect(boot.apiBase).toBe(`${course.app.baseUrl}/api`);
    const data = boot.data as { screen: string; assessment: { competence: { index: string }; state: string; challenge: unknown } };
    expect(data.screen).toBe('assessment');
    expect(data.assessment.competence.index).toBe('1.1');
    expect(data.assessment.state).toBe('started');
    // The token works for the API, in a header.
    const me = await fetch(`${course.app.baseUrl}/api/me`, { headers: { authorization: `Bearer ${boot.token}` } });
    expect(me.status).toBe(200);
    const body = await me.json();
    expect(body.user).toMatchObject({ firstName: 'Léa', lastName: 'Martin' });
    expect(body.role).toBe('PUPIL');
    expect(body.classes).toEqual([{ id: expect.any(String), label: '5e A — SNT', role: 'PUPIL' }]);
    // Framed by the registered platform.
    expect(/frame-ancestors ([^;]*)/.exec(response.headers.get('content-security-policy') ?? '')?.[1]?.split(' ')).toContain(course.platform.origin);
  });

  it('resumes the same evaluation on the next launch, and keeps one account per (issuer, sub) with refreshed names', async () => {
    const first = bootOf((await course.platform.launch({ user: course.people.noah.sub, course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-c11' })).html);
    course.platform.addUser({ ...course.people.noah, familyName: 'Petit-Durand' });
    const second = bootOf((await course.platform.launch({ user: course.people.noah.sub, course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-c11' })).html);
    const a = first.data as { assessment: { id: string } };
    const b = second.data as { assessment: { id: string } };
    expect(b.assessment.id).toBe(a.assessment.id);
    const me = await (await fetch(`${course.app.baseUrl}/api/me`, { headers: { authorization: `Bearer ${second.token}` } })).json();
    expect(me.user.lastName).toBe('Petit-Durand');
    const rows = await course.app.container.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from external_identities where provider = 'lti' and issuer = ${course.platform.issuer} and subject = ${course.people.noah.sub}`,
    );
    expect(rows.rows[0]!.n).toBe(1);
  });

  it('keeps the link in its course class from the course’s first launch, and rewrites neither the link nor the class when a launch changes nothing', async () => {
    course.platform.addCourse({ id: 'NEW-4B', label: '4B', title: '4e B — Techno', members: [{ sub: course.people.lea.sub, roles: [ROLE.learner] }, { sub: course.people.noah.sub, roles: [ROLE.learner] }] });
    course.platform.addActivity('NEW-4B', { id: 'NEW-4B-c11', title: 'Pix 1.1 en 4B', custom: { competence: '1.1' } });
    const db = course.app.container.database.db;
    const state = async () =>
      (
        await db.execute<{ link_class: string | null; class_id: string; link_xmin: string; class_xmin: string }>(sql`
          select l.class_id as link_class, c.id as class_id, l.xmin::text as link_xmin, c.xmin::text as class_xmin
          from lti_resource_links l, classes c
          where l.resource_link_id = 'NEW-4B-c11' and c.source_key = ${`${course.platform.issuer}#NEW-4B`}`)
      ).rows[0]!;
    // The course's very first launch creates the class beside the link: the link still ends up in it.
    expect((await course.platform.launch({ user: course.people.lea.sub, course: 'NEW-4B', roles: [ROLE.learner], activity: 'NEW-4B-c11' })).response.status).toBe(200);
    const first = await state();
    expect(first.link_class).toBe(first.class_id);
    // A classmate's launch changes nothing on either row (no lock queue when a whole class launches at once).
    expect((await course.platform.launch({ user: course.people.noah.sub, course: 'NEW-4B', roles: [ROLE.learner], activity: 'NEW-4B-c11' })).response.status).toBe(200);
    const second = await state();
    expect([second.link_xmin, second.class_xmin]).toEqual([first.link_xmin, first.class_xmin]);
    const members = await db.execute<{ n: number }>(sql`select count(*)::int as n from class_members where class_id = ${first.class_id}::uuid`);
    expect(members.rows[0]!.n).toBe(2);
  });

  it('lands a learner without a target in her profile', async () => {
    const { html } = await course.platform.launch({ user: course.people.ines.sub, course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-profile' });
    const data = bootOf(html).data as { screen: string; profile: { firstName: string; areas: unknown[] } };
    expect(data.screen).toBe('profile');
    expect(data.profile.firstName).toBe('Inès');
    expect(data.profile.areas).toHaveLength(5);
  });

  it('shows a teacher the teacher view of the link, and makes them a teacher of the school and of the course class', async () => {
    const { response, html } = await course.platform.launch({ user: course.people.teacher.sub, course: 'SNT-5A', roles: [ROLE.instructor], activity: 'SNT-5A-c11' });
    expect(response.status).toBe(200);
    expect(html).toContain('Pix — 1.1 Mener une recherche');
    expect(html).toContain('Léa Martin');
    const rows = await course.app.container.database.db.execute<{ role: string; class_role: string }>(sql`
      select m.role::text as role, cm.role::text as class_role from users u
        join external_identities e on e.user_id = u.id and e.subject = ${course.people.teacher.sub}
        join memberships m on m.user_id = u.id
        join class_members cm on cm.user_id = u.id`);
    expect(rows.rows).toEqual([{ role: 'MEMBER', class_role: 'TEACHER' }]);
  });

  it('maps TeachingAssistant and ContentDeveloper to teachers and the institution Administrator to ADMIN', async () => {
    for (const [sub, roles, expected] of [
      ['ta-1', [ROLE.teachingAssistant], 'MEMBER'],
      ['cd-1', [ROLE.contentDeveloper], 'MEMBER'],
      ['admin-1', [ROLE.institutionAdmin, ROLE.instructor], 'ADMIN'],
    ] as const) {
      course.platform.addUser({ sub, givenName: sub, familyName: 'Staff' });
      const { response } = await course.platform.launch({ user: sub, course: 'SNT-5A', roles: [...roles], activity: 'SNT-5A-profile' });
      expect(response.status).toBe(200);
      const rows = await course.app.container.database.db.execute<{ role: string }>(
        sql`select m.role::text as role from memberships m join external_identities e on e.user_id = m.user_id where e.subject = ${sub}`,
      );
      expect(rows.rows[0]?.role).toBe(expected);
    }
  });

  it('refuses a role the tool does not serve (Mentor) with a coded page', async () => {
    course.platform.addUser({ sub: 'mentor-1', givenName: 'Mentor', familyName: 'Parent' });
    const { response, html } = await course.platform.launch({ user: 'mentor-1', course: 'SNT-5A', roles: [ROLE.mentor], activity: 'SNT-5A-profile' });
    expect(response.status).toBe(403);
    expect(errorCodeOf(html)).toBe('LTI_ROLE_UNSUPPORTED');
  });

  it('completes a launch when the Partitioned cookie does come back (browser bound) and refuses a cookie of another browser', async () => {
    const bound = await course.platform.launch({ user: course.people.lea.sub, course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-profile' }, { withCookie: true });
    expect(bound.response.status).toBe(200);
    const login = await course.platform.startLogin({ user: course.people.lea.sub, course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-profile' });
    const auth = await course.platform.authorize(login.location);
    const forged = `${login.cookie!.split('=')[0]}=someone-elses-value`;
    const response = await course.platform.postLaunch(course.app.urls.launch, auth.idToken, auth.state, forged);
    expect(response.status).toBe(401);
    expect(errorCodeOf(await response.text())).toBe('LTI_STATE_BROWSER_MISMATCH');
  });
});
