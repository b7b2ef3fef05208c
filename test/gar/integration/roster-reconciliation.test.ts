import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/test-app.ts';
import { ROOT, run } from '../../support/processes.ts';

const runCli = (args: string[], env: Record<string, string>) => run(process.execPath, [`${ROOT}bin/pix-embed.js`, ...args], env, 90_000);
import { importRoster } from '../../../tool/src/gar/application/usecases/import-roster.ts';
import { garReconciliationRequests, garRosterPupils } from '../../../tool/src/gar/infrastructure/gar-schema.ts';
import { bootData, errorCode, formFields, postForm, startLogin } from '../support/saml-http.ts';
import { siecleXml, encodeLatin9, type FixturePupil } from '../support/roster-fixtures.ts';

const UAI = '0991234A';
const dir = mkdtempSync(join(tmpdir(), 'pix-roster-int-'));
const lea: FixturePupil = { eleveId: '1001', ine: '123456789AB', lastName: 'MARTIN', firstName: 'Léa', birthdate: '14/03/2012', division: '5A' };
const noah: FixturePupil = { eleveId: '1002', ine: '0123456789C', lastName: 'PETIT', firstName: 'Noah', birthdate: '02/11/2011', division: '5B', sex: '1' };
const ines: FixturePupil = { eleveId: '1003', ine: '0223456789C', lastName: 'MOREAU', firstName: 'Inès', birthdate: '05/06/2012', division: '5A' };
function rosterFile(pupils: FixturePupil[], uai = UAI): string {
  const path = join(dir, `r${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(path, encodeLatin9(siecleXml(uai, pupils)));
  return path;
}

describe('school rosters and reconciliation on first GAR login', () => {
  let app: TestApp;
  const deps = () => ({ roster: app.container.gar.deps!.roster, organizations: app.container.organizations, clock: app.container.clock });
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  /** Demo IdP login as `person` up to the first page after the ACS. */
  async function demoLogin(person: string) {
    const redirect = await startLogin(app);
    const chooser = await app.get(`${redirect.pathname}${redirect.search}`);
    const posted = await postForm(app, '/demo/gar-idp/respond', { ...formFields(await chooser.text()), person });
    const acs = await postForm(app, '/saml/acs', formFields(await posted.text()));
    return { status: acs.status, html: await acs.text() };
  }

  it('imports a SIECLE file, refuses another school’s, and re-imports idempotently', async () => {
    const first = await importRoster(deps(), { uai: UAI, path: rosterFile([noah, ines]), byUserId: null });
    expect(first).toEqual({ imported: 2, updated: 0, inactivated: 0, errors: [] });
    expect(await importRoster(deps(), { uai: UAI, path: rosterFile([noah, ines]), byUserId: null })).toEqual({ imported: 0, updated: 0, inactivated: 0, errors: [] });
    await expect(importRoster(deps(), { uai: UAI, path: rosterFile([noah], '0561641E'), byUserId: null })).rejects.toMatchObject({ code: 'ROSTER_UAI_MISMATCH' });
    const moved = await importRoster(deps(), { uai: UAI, path: rosterFile([{ ...noah, division: '4B' }]), byUserId: null });
    expect(moved).toEqual({ imported: 0, updated: 1, inactivated: 1, errors: [] });
    const rows = await app.container.database.db.select().from(garRosterPupils);
    expect(rows.find((r) => r.ine === ines.ine)).toMatchObject({ active: false });
    expect(rows.find((r) => r.ine === noah.ine)).toMatchObject({ active: true, division: '4B', siecleEleveId: '1002' });
  });

  it('asks a pupil not in the roster her birthdate once, tells her, and sends her teacher a request', async () => {
    const first = await demoLogin('eleve');
    expect(first.status).toBe(200);
    expect(first.html).toContain('Date de naissance');
    const step = formFields(first.html).step!;
    const invalid = await postForm(app, '/saml/birthdate', { step, day: '31', month: '2', year: '2012' });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('role="alert"');
    const answered = await postForm(app, '/saml/birthdate', { step, day: '14', month: '3', year: '2012' });
    const notice = await answered.text();
    expect(notice).toContain('ton professeur a reçu une demande');
    const landing = await postForm(app, '/saml/continue', formFields(notice));
    expect(bootData(await landing.text())?.widget).toBe('pupil');
    const requests = await app.container.database.db.select().from(garReconciliationRequests);
    expect(requests).toEqual([expect.objectContaining({ reason: 'NO_MATCH', status: 'OPEN', birthdate: '2012-03-14', firstName: 'Léa' })]);
    // Asked once: the next login goes straight to the profile.
    const again = await demoLogin('eleve');
    expect(bootData(again.html)?.widget).toBe('pupil');
  });

  it('shows the request to her teachers, then links her silently once the roster lists her', async () => {
    const teacher = await demoLogin('enseignant');
    expect(teacher.html).toContain('Élèves à rattacher');
    expect(teacher.html).toContain('<h3 id="req-0-title">Martin Léa</h3>');
    expect(teacher.html).toContain('Né(e) le 14/03/2012 (date indiquée par l’élève)');
    await importRoster(deps(), { uai: UAI, path: rosterFile([noah, { ...lea, firstName: 'LEA' }]), byUserId: null });
    const login = await demoLogin('eleve');
    expect(bootData(login.html)?.widget).toBe('pupil');
    const [row] = await app.container.database.db.select().from(garRosterPupils).where(eq(garRosterPupils.ine, lea.ine));
    expect(row?.userId).toBeTruthy();
    const [request] = await app.container.database.db.select().from(garReconciliationRequests);
    expect(request).toMatchObject({ status: 'RESOLVED', rosterPupilId: row!.id });
  });

  it('lets a school administrator upload the roster; pupils and teachers may not', async () => {
    const admin = await demoLogin('direction');
    expect(admin.html).toContain('Liste des élèves (SIECLE)');
    const token = /var token = "([^"]+)"/.exec(admin.html)![1]!;
    const csv = 'INE;Nom;Prénom;Date de naissance;Classe\n0123456789C;PETIT;Noah;02/11/2011;5B\n123456789AB;MARTIN;Léa;14/03/2012;5A\n0323456789C;NGUYEN;Chloé;31/02/2012;5B\n';
    const upload = await fetch(`${app.baseUrl}/api/gar/roster`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: csv });
    expect(upload.status).toBe(200);
    // One line changes a pupil; the other gives what SIECLE already said (the CSV's empty fields erase nothing).
    expect(await upload.json()).toEqual({ imported: 0, updated: 1, inactivated: 0, errors: [{ line: 4, field: 'Date de naissance', reason: 'date invalide « 31/02/2012 » (jj/mm/aaaa)' }] });
    const teacher = await demoLogin('enseignant');
    const teacherToken = /name="token" value="([^"]+)"/.exec(teacher.html)![1]!;
    const refused = await fetch(`${app.baseUrl}/api/gar/roster`, { method: 'PUT', headers: { authorization: `Bearer ${teacherToken}` }, body: csv });
    expect(refused.status).toBe(403);
    const links = await fetch(`${app.baseUrl}/api/gar/settings`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ allowExternalLinks: true }) });
    expect(await links.json()).toEqual({ allowExternalLinks: true });
    expect(bootData((await demoLogin('eleve')).html)?.data).toMatchObject({ outboundLinks: 'links' });
  });

  it('ends GAR sessions on SP-initiated logout (the token stops working)', async () => {
    const teacher = await demoLogin('enseignant');
    const token = /name="token" value="([^"]+)"/.exec(teacher.html)![1]!;
    expect((await app.get('/api/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const out = await postForm(app, '/saml/logout', { token });
    expect(out.status).toBe(200);
    const me = await app.get('/api/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(401);
    expect(((await me.json()) as { error: { code: string } }).error.code).toBe('SESSION_ENDED');
  });

  it('imports from the CLI with --json', async () => {
    const path = rosterFile([lea, noah]);
    const result = await runCli(['roster', 'import', '--uai', UAI, path, '--json', '--memory'], { LOG_LEVEL: 'silent', NODE_ENV: 'test' });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ imported: 2, updated: 0, inactivated: 0, errors: [] });
    const wrong = await runCli(['roster', 'import', '--uai', '0561641E', path, '--json', '--memory'], { LOG_LEVEL: 'silent', NODE_ENV: 'test' });
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout).error.code).toBe('ROSTER_SCHOOL_UNKNOWN');
  }, 120_000);

  it('answers an expired or reused login step with a coded page', async () => {
    const response = await postForm(app, '/saml/birthdate', { step: 'nope', day: '1', month: '1', year: '2012' });
    expect(errorCode(await response.text())).toBe('GAR_STEP_EXPIRED');
  });
});
