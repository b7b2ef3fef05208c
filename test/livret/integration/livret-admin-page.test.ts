import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../../tool/src/identity/infrastructure/identity-schema.ts';
import { schoolViewPage, type SchoolViewData } from '../../../tool/src/gar/application/pages/school-view.ts';
import { demoSignIn, startTestApp, type TestApp } from '../../support/test-app.ts';

const UAI = '0991234A';
let app: TestApp;
let admin: string;
let teacher: string;
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  app = await startTestApp();
  admin = await demoSignIn(app, 'admin');
  teacher = await demoSignIn(app, 'teacher');
  // The demo administrator also administers a second school, and only teaches in a third one.
  const [claire] = await app.container.database.db.select({ id: users.id }).from(users).where(and(eq(users.firstName, 'Claire'), eq(users.lastName, 'Lefèvre')));
  const second = await app.container.organizations.upsertByUai({ uai: '0000002B', name: 'École Deux', type: 'SCO' });
  const third = await app.container.organizations.upsertByUai({ uai: '0000003C', name: 'École Trois', type: 'SCO' });
  await app.container.organizations.upsertByUai({ uai: '0000004D', name: 'École Quatre', type: 'SCO' });
  await app.container.memberships.ensureMembership(claire!.id, second.id, 'ADMIN');
  await app.container.memberships.ensureMembership(claire!.id, third.id, 'MEMBER');
});
afterAll(async () => {
  await app.close();
});

describe('the livret page for school administrators', () => {
  it('offers the schools she administers, and only those, the session’s own first chosen', async () => {
    const response = await app.get('/api/livret/schools', bearer(admin));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      schools: expect.arrayContaining([
        { uai: UAI, name: expect.any(String) },
        { uai: '0000002B', name: 'École Deux' },
      ]),
      current: UAI,
    });
    const body = (await (await app.get('/api/livret/schools', bearer(admin))).json()) as { schools: Array<{ uai: string }> };
    expect(body.schools.map((s) => s.uai).sort()).toEqual(['0000002B', UAI]);
    // She may export the second school she administers.
    expect((await app.get('/api/livret/organizations/0000002B/divisions', bearer(admin))).status).toBe(200);
  });

  it('refuses a teacher of the school (403) and hides other schools (404), on every route', async () => {
    expect(await (await app.get('/api/livret/schools', bearer(teacher))).json()).toEqual({ schools: [], current: null });
    for (const path of [`/api/livret/organizations/${UAI}/competence-levels.csv`, `/api/livret/organizations/${UAI}/divisions`]) {
      const refused = await app.get(path, bearer(teacher));
      expect(refused.status).toBe(403);
      expect((await refused.json()).error.code).toBe('LIVRET_ADMIN_ONLY');
    }
    const upload = await app.get(`/api/livret/organizations/${UAI}/lsu?report=json`, { method: 'POST', headers: { authorization: `Bearer ${teacher}`, 'content-type': 'application/xml' }, body: '<x/>' });
    expect(upload.status).toBe(403);
    // A school where she only teaches: 403; one she has nothing to do with and one that does not exist: 404 alike.
    const teaching = await app.get('/api/livret/organizations/0000003C/competence-levels.csv', bearer(admin));
    expect(teaching.status).toBe(403);
    expect((await teaching.json()).error.code).toBe('LIVRET_ADMIN_ONLY');
    for (const uai of ['0000004D', '0000009Z']) {
      const hidden = await app.get(`/api/livret/organizations/${uai}/competence-levels.csv`, bearer(admin));
      expect(hidden.status).toBe(404);
      expect((await hidden.json()).error.code).toBe('ORGANIZATION_NOT_FOUND');
    }
    expect((await app.get('/api/livret/schools')).status).toBe(401);
  });

  it('no longer asks for the UAI: a school picker filled from the session, with a label', async () => {
    const page = await app.get('/livret/ecole');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain('id="lsu-uai"');
    expect(html).toContain('<label for="school-select">');
    expect(html).toContain("fetch('/api/livret/schools'");
    expect(html).toMatch(/<script nonce="[^"]+">/);
  });

  it('is linked from the school view of administrators only, with the session in the fragment', () => {
    const data: SchoolViewData = {
      schoolName: 'Collège',
      uai: UAI,
      teacherName: 'Claire Lefèvre',
      isAdmin: true,
      token: 'tok.en-1',
      nonce: 'n',
      classes: [],
      pendingReconciliations: [],
      pendingTotal: 0,
      roster: null,
      allowExternalLinks: false,
    };
    expect(schoolViewPage(data)).toContain('<a href="/livret/ecole#token=tok.en-1">');
    expect(schoolViewPage({ ...data, isAdmin: false })).not.toContain('/livret/ecole');
  });
});
