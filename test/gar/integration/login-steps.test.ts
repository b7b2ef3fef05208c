import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRoster } from '../../../tool/src/gar/application/usecases/import-roster.ts';
import type { TestApp } from '../../support/test-app.ts';
import { PUBLIC_URL, startGarAppWithIdp } from '../support/gar-app.ts';
import { PUPIL_ATTRIBUTES, type TestIdp } from '../support/samlify-idp.ts';
import { bootData, formFields, postForm, startLogin } from '../support/saml-http.ts';
import { encodeLatin9, siecleXml } from '../support/roster-fixtures.ts';

const ACS = `${PUBLIC_URL}/saml/acs`;
const SP_ENTITY = `${PUBLIC_URL}/saml/metadata.xml`;

/** Several UAIs (asked, remembered), unknown schools created by setting, a pupil who changes school keeps her account. */
describe('GAR login steps', () => {
  let app: TestApp;
  let idp: TestIdp;
  let spMetadataXml = '';
  const dir = mkdtempSync(join(tmpdir(), 'pix-gar-steps-'));

  beforeAll(async () => {
    ({ app, idp, spMetadataXml } = await startGarAppWithIdp({ GAR_CREATE_UNKNOWN_SCHOOLS: 'true' }));
  });
  afterAll(async () => app?.close());

  async function acs(attributes: Record<string, string[]>) {
    const redirect = await startLogin(app);
    const id = /ID="([^"]+)"/.exec(inflateRawSync(Buffer.from(redirect.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8'))![1]!;
    const samlResponse = await idp.response({ spMetadataXml, sp: { entityId: SP_ENTITY, acsUrl: ACS }, overrides: { inResponseTo: id, attributes } });
    const response = await postForm(app, '/saml/acs', { SAMLResponse: samlResponse });
    return { status: response.status, html: await response.text() };
  }
  const me = async (token: string) => (await (await app.get('/api/me', { headers: { authorization: `Bearer ${token}` } })).json()) as { user: { id: string }; organizationId: string; role: string };

  it('asks which school when the IdP sends several UAIs, creates an unknown one (setting), and remembers the choice', async () => {
    const teacher = { ...PUPIL_ATTRIBUTES, IDO: ['multi-uai-teacher'], PRO: ['National_ens'], UAI: ['0991234A', '0561641E'], DIV: ['5A##5e A'] };
    const first = await acs(teacher);
    expect(first.html).toContain('Dans quel établissement');
    expect(first.html).toContain('Collège Jean Moulin (démo) (0991234A)');
    const chosen = await postForm(app, '/saml/choose-school', { step: formFields(first.html).step!, uai: '0561641E' });
    const view = await chosen.text();
    expect(view).toContain('Établissement 0561641E');
    const again = await acs(teacher);
    expect(again.html).toContain('Établissement 0561641E');
    expect(again.html).not.toContain('Dans quel établissement');
  });

  it('refuses a UAI that was not offered', async () => {
    const first = await acs({ ...PUPIL_ATTRIBUTES, IDO: ['multi-uai-2'], PRO: ['National_ens'], UAI: ['0991234A', '0561641E'] });
    const response = await postForm(app, '/saml/choose-school', { step: formFields(first.html).step!, uai: '0999999Z' });
    expect(response.status).toBe(400);
  });

  it('keeps the account of a pupil who changes school, found by her INE', async () => {
    const deps = { roster: app.container.gar.deps!.roster, organizations: app.container.organizations, clock: app.container.clock };
    const zoe = { eleveId: '77', ine: '999888777AB', lastName: 'DURAND', firstName: 'Zoé', birthdate: '01/09/2011', division: '4B' };
    const fileA = join(dir, 'a.xml');
    writeFileSync(fileA, encodeLatin9(siecleXml('0991234A', [zoe])));
    await importRoster(deps, { uai: '0991234A', path: fileA, byUserId: null });
    const atA = await acs({ ...PUPIL_ATTRIBUTES, IDO: ['zoe-at-school-a'], PRE: ['Zoé'], NOM: ['Durand'], UAI: ['0991234A'], DIV: ['4B##4e B'] });
    const linked = await postForm(app, '/saml/birthdate', { step: formFields(atA.html).step!, day: '1', month: '9', year: '2011' });
    const accountA = (await me(bootData(await linked.text())!.token!)).user.id;

    await app.container.organizations.upsertByUai({ uai: '0331234B', name: 'Lycée B', type: 'SCO' });
    const fileB = join(dir, 'b.xml');
    writeFileSync(fileB, encodeLatin9(siecleXml('0331234B', [{ ...zoe, eleveId: '12', division: '2NDE1' }])));
    await importRoster(deps, { uai: '0331234B', path: fileB, byUserId: null });
    // A new school, a new IDO: after her birthdate she is matched by name and, by INE, given her account back.
    const atB = await acs({ ...PUPIL_ATTRIBUTES, IDO: ['zoe-at-school-b'], PRE: ['Zoe'], NOM: ['Durand'], UAI: ['0331234B'], DIV: ['2NDE1##2nde 1'] });
    const back = await postForm(app, '/saml/birthdate', { step: formFields(atB.html).step!, day: '01', month: '09', year: '2011' });
    const session = await me(bootData(await back.text())!.token!);
    expect(session.user.id).toBe(accountA);
    expect(session.role).toBe('PUPIL');
  });
});
