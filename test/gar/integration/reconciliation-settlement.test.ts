import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { inflateRawSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRoster } from '../../../tool/src/gar/application/usecases/import-roster.ts';
import { garReconciliationRequests, garRosterPupils } from '../../../tool/src/gar/infrastructure/gar-schema.ts';
import type { TestApp } from '../../support/test-app.ts';
import { PUBLIC_URL, startGarAppWithIdp } from '../support/gar-app.ts';
import { PUPIL_ATTRIBUTES, type TestIdp } from '../support/samlify-idp.ts';
import { bootData, formFields, postForm, startLogin } from '../support/saml-http.ts';
import { encodeLatin9, siecleXml, type FixturePupil } from '../support/roster-fixtures.ts';

const ACS = `${PUBLIC_URL}/saml/acs`;
const SP_ENTITY = `${PUBLIC_URL}/saml/metadata.xml`;
const UAI = '0991234A';
const OTHER_UAI = '0561641E';

const durand: FixturePupil = { eleveId: '201', ine: '201000000AA', lastName: 'DURAND', firstName: 'Léa', birthdate: '14/03/2012', division: '5A' };
const moreau: FixturePupil = { eleveId: '202', ine: '202000000AA', lastName: 'MOREAU', firstName: 'Inès', birthdate: '05/06/2012', division: '5A' };
const roux: FixturePupil = { eleveId: '203', ine: '203000000AA', lastName: 'ROUX', firstName: 'Tom', birthdate: '03/03/2012', division: '5A' };
const petit: FixturePupil = { eleveId: '204', ine: '204000000AA', lastName: 'PETIT', firstName: 'Noah', birthdate: '02/11/2011', division: '5B' };
const elsewhere: FixturePupil = { eleveId: '301', ine: '301000000AA', lastName: 'BLANC', firstName: 'Lou', birthdate: '14/03/2012', division: '5A' };

/**
 * Teachers settle by hand the pupils the roster could not match: link to a roster pupil of their school, or
 * dismiss. Through the real app, SAML logins forged by an in-process IdP, and the JSON API the view calls.
 */
describe('settling reconciliation requests by hand', () => {
  let app: TestApp;
  let idp: TestIdp;
  let spMetadataXml = '';
  const dir = mkdtempSync(join(tmpdir(), 'pix-gar-settle-'));
  const db = () => app.container.database.db;

  async function acs(attributes: Record<string, string[]>): Promise<string> {
    const redirect = await startLogin(app);
    const id = /ID="([^"]+)"/.exec(inflateRawSync(Buffer.from(redirect.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8'))![1]!;
    const samlResponse = await idp.response({ spMetadataXml, sp: { entityId: SP_ENTITY, acsUrl: ACS }, overrides: { inResponseTo: id, attributes } });
    const response = await postForm(app, '/saml/acs', { SAMLResponse: samlResponse });
    return response.text();
  }
  const pupil = (ido: string, firstName: string, lastName: string, division: string) => ({ ...PUPIL_ATTRIBUTES, IDO: [ido], PRE: [firstName], NOM: [lastName], DIV: [division] });
  const teacher = (ido: string, uai = UAI) => ({ ...PUPIL_ATTRIBUTES, IDO: [ido], PRE: ['Karim'], NOM: ['Benali'], PRO: ['National_ens'], UAI: [uai], DIV: ['5A##5e A'] });
  const tokenOf = (view: string) => /name="token" value="([^"]+)"/.exec(view)![1]!;
  const me = async (token: string) => (await (await app.get('/api/me', { headers: { authorization: `Bearer ${token}` } })).json()) as { user: { id: string } };

  /** First login of a pupil the roster cannot match: she gives her birthdate, is told, and lands. Her token. */
  async function unmatchedPupil(attributes: Record<string, string[]>, day: string, month: string, year: string): Promise<string> {
    const asked = await acs(attributes);
    expect(asked).toContain('Date de naissance');
    const notice = await (await postForm(app, '/saml/birthdate', { step: formFields(asked).step!, day, month, year })).text();
    expect(notice).toContain('data-notice="RECONCILIATION_PENDING"');
    const landing = await postForm(app, '/saml/continue', formFields(notice));
    return bootData(await landing.text())!.token!;
  }
  async function settle(token: string, requestId: string, action: 'link' | 'dismiss', body?: unknown) {
    const response = await app.post(`/api/gar/reconciliations/${requestId}/${action}`, body ?? {}, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, code: response.status === 204 ? null : ((await response.json()) as { error: { code: string } }).error.code };
  }
  async function requestOf(userId: string) {
    const [row] = await db().select().from(garReconciliationRequests).where(eq(garReconciliationRequests.userId, userId));
    return row!;
  }
  async function rosterRow(ine: string) {
    const [row] = await db().select().from(garRosterPupils).where(eq(garRosterPupils.ine, ine));
    return row!;
  }

  let leaToken = '';
  let leaId = '';
  let teacherToken = '';
  let teacherId = '';
  let otherTeacherToken = '';

  beforeAll(async () => {
    ({ app, idp, spMetadataXml } = await startGarAppWithIdp({ GAR_CREATE_UNKNOWN_SCHOOLS: 'true' }));
    const deps = { roster: app.container.gar.deps!.roster, organizations: app.container.organizations, clock: app.container.clock };
    writeFileSync(join(dir, 'a.xml'), encodeLatin9(siecleXml(UAI, [durand, moreau, roux, petit])));
    await importRoster(deps, { uai: UAI, path: join(dir, 'a.xml'), byUserId: null });
    // Another school with its own teacher and roster.
    otherTeacherToken = tokenOf(await acs(teacher('teacher-other-school', OTHER_UAI)));
    writeFileSync(join(dir, 'b.xml'), encodeLatin9(siecleXml(OTHER_UAI, [elsewhere])));
    await importRoster(deps, { uai: OTHER_UAI, path: join(dir, 'b.xml'), byUserId: null });

    // Léa Martin is listed as Léa DURAND (another name): no match, a request for her teachers.
    leaToken = await unmatchedPupil(pupil('ido-lea-martin', 'Léa', 'Martin', '5A##5e A'), '14', '3', '2012');
    leaId = (await me(leaToken)).user.id;
    teacherToken = tokenOf(await acs(teacher('teacher-karim')));
    teacherId = (await me(teacherToken)).user.id;
  });
  afterAll(async () => app?.close());

  it('shows the school’s teachers each pending request with the free roster pupils of her class or birthday, likeliest first', async () => {
    const view = await acs(teacher('teacher-karim'));
    const request = await requestOf(leaId);
    expect(request).toMatchObject({ status: 'OPEN', reason: 'NO_MATCH', birthdate: '2012-03-14' });
    expect(view).toContain(`data-request="${request.id}"`);
    expect(view).toContain('<h3 id="req-0-title">Martin Léa</h3>');
    expect(view).toContain('Né(e) le 14/03/2012 (date indiquée par l’élève), classe 5e A');
    const options = [...view.matchAll(/<option value="[0-9a-f-]{36}">([^<]+)<\/option>/g)].map((m) => m[1]);
    // Born that day first; then her class (the roster's 5A is the GAR class 5A##5e A); never a pupil of another
    // class born another day, nor another school's pupil born the same day.
    expect(options).toEqual(['DURAND Léa — 5A — 14/03/2012', 'MOREAU Inès — 5A — 05/06/2012', 'ROUX Tom — 5A — 03/03/2012']);
    expect(view).toContain('<label for="req-0-pupil">');
    expect(view).toContain('aria-live="polite"');
  });

  it('refuses pupils, another school’s teacher (404), unknown ids, another school’s roster pupil, and a roster pupil held by another account', async () => {
    const request = await requestOf(leaId);
    const durandRow = await rosterRow(durand.ine);
    expect(await settle(leaToken, request.id, 'link', { rosterPupilId: durandRow.id })).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(await settle(otherTeacherToken, request.id, 'link', { rosterPupilId: durandRow.id })).toEqual({ status: 404, code: 'GAR_RECONCILIATION_NOT_FOUND' });
    expect(await settle(otherTeacherToken, request.id, 'dismiss')).toEqual({ status: 404, code: 'GAR_RECONCILIATION_NOT_FOUND' });
    expect(await settle(teacherToken, 'not-a-request', 'link', { rosterPupilId: durandRow.id })).toEqual({ status: 404, code: 'GAR_RECONCILIATION_NOT_FOUND' });
    expect(await settle(teacherToken, '00000000-0000-4000-8000-000000000000', 'dismiss')).toEqual({ status: 404, code: 'GAR_RECONCILIATION_NOT_FOUND' });
    expect(await settle(teacherToken, request.id, 'link', {})).toEqual({ status: 400, code: 'VALIDATION_ERROR' });
    expect(await settle(teacherToken, request.id, 'link', { rosterPupilId: 'nope' })).toEqual({ status: 404, code: 'GAR_ROSTER_PUPIL_NOT_FOUND' });
    expect(await settle(teacherToken, request.id, 'link', { rosterPupilId: (await rosterRow(elsewhere.ine)).id })).toEqual({ status: 404, code: 'GAR_ROSTER_PUPIL_NOT_FOUND' });
    const unauthenticated = await app.post(`/api/gar/reconciliations/${request.id}/dismiss`, {});
    expect(unauthenticated.status).toBe(401);

    // Tom ROUX's record is already tied to another account (here, the other school's teacher's, for the test).
    const rouxRow = await rosterRow(roux.ine);
    const otherId = (await me(otherTeacherToken)).user.id;
    await db().update(garRosterPupils).set({ userId: otherId }).where(eq(garRosterPupils.id, rouxRow.id));
    expect(await settle(teacherToken, request.id, 'link', { rosterPupilId: rouxRow.id })).toEqual({ status: 409, code: 'GAR_ROSTER_PUPIL_ALREADY_LINKED' });
    expect((await rosterRow(roux.ine)).userId).toBe(otherId);

    // Nothing changed.
    expect(await requestOf(leaId)).toMatchObject({ status: 'OPEN', settledByUserId: null, resolvedAt: null });
    expect((await rosterRow(durand.ine)).userId).toBeNull();
  });

  it('links her: the INE and SIECLE ids attach to her account, who and when are kept, a second settlement is refused, she is told once', async () => {
    const request = await requestOf(leaId);
    const before = Date.now();
    expect(await settle(teacherToken, request.id, 'link', { rosterPupilId: (await rosterRow(durand.ine)).id })).toEqual({ status: 204, code: null });
    const linked = await rosterRow(durand.ine);
    expect(linked).toMatchObject({ userId: leaId, siecleEleveId: '201', ine: durand.ine });
    expect(linked.linkedAt).toBeInstanceOf(Date);
    const settled = await requestOf(leaId);
    expect(settled).toMatchObject({ status: 'RESOLVED', rosterPupilId: linked.id, settledByUserId: teacherId, outcomeSeenAt: null });
    expect(settled.resolvedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);

    expect(await settle(teacherToken, request.id, 'link', { rosterPupilId: (await rosterRow(moreau.ine)).id })).toEqual({ status: 409, code: 'GAR_RECONCILIATION_ALREADY_SETTLED' });
    expect(await settle(teacherToken, request.id, 'dismiss')).toEqual({ status: 409, code: 'GAR_RECONCILIATION_ALREADY_SETTLED' });
    expect((await rosterRow(moreau.ine)).userId).toBeNull();
    expect(await acs(teacher('teacher-karim'))).not.toContain(`data-request="${request.id}"`);

    // Her next login: linked like an automatic match (no birthdate asked), told once, then straight to her profile.
    const next = await acs(pupil('ido-lea-martin', 'Léa', 'Martin', '5A##5e A'));
    expect(next).toContain('data-notice="RECONCILIATION_LINKED"');
    const landing = await postForm(app, '/saml/continue', formFields(next));
    expect(bootData(await landing.text())?.widget).toBe('pupil');
    expect(bootData(await acs(pupil('ido-lea-martin', 'Léa', 'Martin', '5A##5e A')))?.widget).toBe('pupil');
    expect((await requestOf(leaId)).outcomeSeenAt).toBeInstanceOf(Date);
  });

  it('dismisses a request: who and when are kept, she is told once and never asked again', async () => {
    const samToken = await unmatchedPupil(pupil('ido-sam-bernard', 'Sam', 'Bernard', '5B##5e B'), '1', '1', '2012');
    const samId = (await me(samToken)).user.id;
    const request = await requestOf(samId);
    expect(await settle(teacherToken, request.id, 'dismiss')).toEqual({ status: 204, code: null });
    expect(await requestOf(samId)).toMatchObject({ status: 'DISMISSED', settledByUserId: teacherId, rosterPupilId: null });
    expect(await settle(teacherToken, request.id, 'link', { rosterPupilId: (await rosterRow(petit.ine)).id })).toEqual({ status: 409, code: 'GAR_RECONCILIATION_ALREADY_SETTLED' });

    const next = await acs(pupil('ido-sam-bernard', 'Sam', 'Bernard', '5B##5e B'));
    expect(next).toContain('data-notice="RECONCILIATION_DISMISSED"');
    expect(next).toContain('Ton professeur a traité ta demande');
    await postForm(app, '/saml/continue', formFields(next));
    expect(bootData(await acs(pupil('ido-sam-bernard', 'Sam', 'Bernard', '5B##5e B')))?.widget).toBe('pupil');
    // The failed silent retry does not reopen it.
    expect(await requestOf(samId)).toMatchObject({ status: 'DISMISSED', settledByUserId: teacherId });
  });

  it('lets only one of two simultaneous settlements win', async () => {
    const token = await unmatchedPupil(pupil('ido-jade-leroy', 'Jade', 'Leroy', '5A##5e A'), '2', '2', '2012');
    const jadeId = (await me(token)).user.id;
    const request = await requestOf(jadeId);
    const [a, b] = await Promise.all([
      settle(teacherToken, request.id, 'link', { rosterPupilId: (await rosterRow(moreau.ine)).id }),
      settle(teacherToken, request.id, 'link', { rosterPupilId: (await rosterRow(petit.ine)).id }),
    ]);
    expect([a.status, b.status].sort()).toEqual([204, 409]);
    expect([a.code, b.code]).toContain('GAR_RECONCILIATION_ALREADY_SETTLED');
    const held = (await db().select().from(garRosterPupils).where(eq(garRosterPupils.userId, jadeId))).map((r) => r.ine);
    expect(held).toHaveLength(1);
  });
});
