import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { garRosterPupils } from '../../../tool/src/gar/infrastructure/gar-schema.ts';
import { users } from '../../../tool/src/identity/infrastructure/identity-schema.ts';
import { knowledgeElements } from '../../../tool/src/evaluation/infrastructure/evaluation-schema.ts';
import { exportLsu } from '../../../tool/src/livret/domain/usecases/export-lsu.ts';
import { writeSampleLsuFile } from '../../../connectors/livret-scolaire/lsu/lsu-sample-file.ts';
import { demoSignIn, startTestApp, type TestApp } from '../../support/test-app.ts';
import { LSU_SCHEMA_DIR, lsuSchemasPresent } from '../support/lsu-schemas.ts';

const UAI = '0991234A';
let now = new Date('2025-03-01T10:00:00Z');
let app: TestApp;
const dir = mkdtempSync(join(tmpdir(), 'livret-api-'));

async function token(clientId: string, secret: string, scope?: string) {
  return app.get('/api/application/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, ...(scope ? { scope } : {}) }),
  });
}
async function accessToken(clientId: string, secret: string, scope?: string): Promise<string> {
  const response = await token(clientId, secret, scope);
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}
const bearer = (t: string) => ({ headers: { authorization: `Bearer ${t}` } });

let national: { id: string; secret: string };
let otherSchool: { id: string; secret: string };

beforeAll(async () => {
  app = await startTestApp({ clock: { now: () => now }, env: { LSU_SCHEMA_DIR } });
  const { clients } = app.container.livret;
  const a = await clients.add({ clientId: 'lsu', name: 'LSU', scopes: ['organizations-certifications-result', 'organizations-competence-levels'], uais: null });
  national = { id: a.client.clientId, secret: a.secret };
  const b = await clients.add({ clientId: 'college-b', name: 'Collège B', scopes: ['organizations-certifications-result', 'organizations-competence-levels'], uais: ['0000001B'] });
  otherSchool = { id: b.client.clientId, secret: b.secret };

  // Roster of the demo school: three pupils, two reconciled with knowledge, one never signed in.
  const org = await app.container.organizations.findByUai(UAI);
  const db = app.container.database.db;
  const [u1, u2] = await db.insert(users).values([{ firstName: 'Zoé', lastName: "D'Alembert" }, { firstName: 'Loïc', lastName: 'Ñúñez' }]).returning({ id: users.id });
  const base = { organizationId: org!.id, source: 'SIECLE' as const, importedAt: now, updatedAt: now };
  await db.insert(garRosterPupils).values([
    { ...base, ine: '111111111AA', siecleEleveId: '101', lastName: "D'Alembert", firstName: 'Zoé', birthdate: '2013-02-03', division: '6A', userId: u1!.id },
    { ...base, ine: '222222222BB', siecleEleveId: '102', lastName: 'Ñúñez', firstName: 'Loïc', birthdate: '2014-05-06', division: 'CM2', userId: u2!.id },
    { ...base, ine: '333333333CC', siecleEleveId: '103', lastName: 'Abel', firstName: 'Ana', birthdate: '2013-07-08', division: '6A' },
  ]);
  const ke = (userId: string, skillId: string, competenceIndex: string, earnedPix: number, status: 'validated' | 'invalidated' | 'reset', at: string) => ({
    userId, skillId, competenceIndex, earnedPix, status, source: 'direct' as const, createdAt: new Date(at),
  });
  await db.insert(knowledgeElements).values([
    // 1.1: 3 × 8 pix → level 3; a later reset of one skill brings it to level 2.
    ke(u1!.id, '@a1', '1.1', 8, 'validated', '2025-01-01'),
    ke(u1!.id, '@a2', '1.1', 8, 'validated', '2025-01-01'),
    ke(u1!.id, '@a3', '1.1', 8, 'validated', '2025-01-01'),
    ke(u1!.id, '@a3', '1.1', 0, 'reset', '2025-01-05'),
    // 3.4: 5 levels' worth
    ...[1, 2, 3, 4, 5].map((i) => ke(u1!.id, `@p${i}`, '3.4', 8, 'validated', '2025-01-02')),
    ke(u2!.id, '@b1', '2.1', 8, 'validated', '2025-02-10'),
    ke(u2!.id, '@b2', '2.1', 0, 'invalidated', '2025-02-11'),
  ]);
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /api/application/token', () => {
  it('issues a bearer token for good credentials (form-encoded, RFC 6749)', async () => {
    const response = await token(national.id, national.secret, 'organizations-certifications-result');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 1200, scope: 'organizations-certifications-result', client_id: 'lsu' });
  });

  it('answers invalid_client (401) for a wrong secret or an unknown client, and never stores the secret in clear', async () => {
    for (const [id, secret] of [[national.id, 'wrong'], ['nobody', national.secret]] as const) {
      const response = await token(id, secret);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'invalid_client' });
    }
    const rows = await app.container.database.db.execute<{ secret_hash: string }>(`select secret_hash from livret_api_clients` as never);
    for (const row of rows.rows) expect(row.secret_hash).toMatch(/^scrypt\$/);
  });

  it('answers invalid_scope for a scope the client does not have, unsupported_grant_type for other grants', async () => {
    const b = await app.container.livret.clients.add({ name: 'certifs only', scopes: ['organizations-certifications-result'], uais: null });
    const response = await token(b.client.clientId, b.secret, 'organizations-competence-levels');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_scope' });
    const grant = await app.get('/api/application/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=password' });
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });
});

describe('GET /api/organizations/{uai}/certifications', () => {
  it('returns truthfully no certification plus the referential, for a known or unknown UAI', async () => {
    const t = await accessToken(national.id, national.secret);
    for (const uai of [UAI, '0123456Z']) {
      const response = await app.get(`/api/organizations/${uai}/certifications`, bearer(t));
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.data).toMatchObject({ type: 'certificationsResults', id: uai, attributes: { certifications: [] } });
      expect(body.data.relationships.competences.data).toHaveLength(16);
      expect(body.included.filter((i: { type: string }) => i.type === 'areas')).toHaveLength(5);
      expect(body.included.find((i: { id: string; type: string }) => i.type === 'competences' && i.id === '3.4')).toMatchObject({ relationships: { area: { data: { id: '3' } } } });
    }
  });

  it('refuses a missing scope (403), a client limited to another school (403), no token, an expired or revoked one (401)', async () => {
    const certifsOnly = await accessToken(national.id, national.secret, 'organizations-certifications-result');
    const r1 = await app.get(`/api/organizations/${UAI}/competence-levels`, bearer(certifsOnly));
    expect(r1.status).toBe(403);
    expect((await r1.json()).error.code).toBe('LIVRET_SCOPE_MISSING');

    const other = await accessToken(otherSchool.id, otherSchool.secret);
    const r2 = await app.get(`/api/organizations/${UAI}/certifications`, bearer(other));
    expect(r2.status).toBe(403);
    expect((await r2.json()).error.code).toBe('LIVRET_UAI_FORBIDDEN');
    expect((await app.get('/api/organizations/0000001b/certifications', bearer(other))).status).toBe(200);

    expect((await app.get(`/api/organizations/${UAI}/certifications`)).status).toBe(401);

    const saved = now;
    now = new Date(saved.getTime() + 21 * 60 * 1000);
    const r3 = await app.get(`/api/organizations/${UAI}/certifications`, bearer(certifsOnly));
    now = saved;
    expect(r3.status).toBe(401);
    expect((await r3.json()).error.code).toBe('LIVRET_TOKEN_INVALID');

    const c = await app.container.livret.clients.add({ name: 'to revoke', scopes: ['organizations-certifications-result'], uais: null });
    const t = await accessToken(c.client.clientId, c.secret);
    await app.container.livret.clients.revoke(c.client.clientId);
    expect((await app.get(`/api/organizations/${UAI}/certifications`, bearer(t))).status).toBe(401);
    expect((await token(c.client.clientId, c.secret)).status).toBe(401);
  });

  it('does not accept a session token as an API token', async () => {
    const session = await demoSignIn(app, 'admin');
    expect((await app.get(`/api/organizations/${UAI}/certifications`, bearer(session))).status).toBe(401);
  });
});

describe('GET /api/organizations/{uai}/competence-levels', () => {
  it('lists every rostered pupil with the 16 levels, Pix score and last change, paginated', async () => {
    const t = await accessToken(national.id, national.secret);
    const first = await app.get(`/api/organizations/${UAI}/competence-levels?page[size]=2&page[number]=1`, bearer(t));
    expect(first.status).toBe(200);
    const body = await first.json();
    expect(body.meta).toMatchObject({ rowCount: 3, pageCount: 2, page: 1, pageSize: 2 });
    expect(body.links.next).toContain('page%5Bnumber%5D=2');
    expect(body.data.map((p: { attributes: { lastName: string } }) => p.attributes.lastName)).toEqual(['Abel', "D'Alembert"]);
    const zoe = body.data[1].attributes;
    expect(zoe).toMatchObject({ nationalStudentId: '111111111AA', firstName: 'Zoé', birthdate: '2013-02-03', division: '6A', pixScore: 56 });
    expect(zoe.competenceLevels).toHaveLength(16);
    expect(zoe.competenceLevels.find((l: { competenceId: string }) => l.competenceId === '1.1').level).toBe(2);
    expect(zoe.competenceLevels.find((l: { competenceId: string }) => l.competenceId === '3.4').level).toBe(5);
    expect(zoe.lastChangedAt).toBe('2025-01-05T00:00:00.000Z');
    expect(body.data[0].attributes).toMatchObject({ pixScore: 0, lastChangedAt: null });
    const second = await (await app.get(`/api/organizations/${UAI}/competence-levels?page[size]=2&page[number]=2`, bearer(t))).json();
    expect(second.data).toHaveLength(1);
    expect(second.links.next).toBeNull();
  });

  it('keeps the total past the last page, and answers an unknown school with an empty list (UAI case-insensitive)', async () => {
    const t = await accessToken(national.id, national.secret);
    const past = await (await app.get(`/api/organizations/${UAI}/competence-levels?page[size]=2&page[number]=5`, bearer(t))).json();
    expect(past.data).toEqual([]);
    expect(past.meta).toMatchObject({ rowCount: 3, pageCount: 2, page: 5 });
    const lower = await (await app.get(`/api/organizations/${UAI.toLowerCase()}/competence-levels`, bearer(t))).json();
    expect(lower.meta.rowCount).toBe(3);
    const unknown = await app.get('/api/organizations/0123456Z/competence-levels', bearer(t));
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toMatchObject({ data: [], meta: { rowCount: 0, pageCount: 1 } });
  });
});

describe('school administrators: CSV and LSU upload', () => {
  it('exports the competence levels CSV (BOM, ;, dd/mm/yyyy) and the manual-entry CSV of a class, for ADMIN only', async () => {
    const admin = await demoSignIn(app, 'admin');
    const csv = await app.get(`/api/livret/organizations/${UAI}/competence-levels.csv`, bearer(admin));
    expect(csv.status).toBe(200);
    const text = Buffer.from(await csv.arrayBuffer()).toString('utf8');
    expect(text.startsWith('\uFEFFINE;Nom;Prénom;Date de naissance;Classe;Compétence 1.1')).toBe(true);
    expect(text).toContain("111111111AA;D'Alembert;Zoé;03/02/2013;6A;2;");
    const manual = Buffer.from(await (await app.get(`/api/livret/organizations/${UAI}/lsu-manual-entry.csv?division=6A`, bearer(admin))).arrayBuffer()).toString('utf8');
    expect(manual.split('\r\n')[0]).toBe('\uFEFFÉlève;INE;CN_INF_MEN;CN_INF_GER;CN_INF_TRA;CN_COM_INT;CN_COM_PAR;CN_COM_COL;CN_COM_SIN;CN_CRE_TEX;CN_CRE_MUL;CN_CRE_ADA;CN_CRE_PRO;CN_PRO_SEC;CN_PRO_DON;CN_PRO_SAN;CN_ENV_RES;CN_ENV_EVO');
    expect(manual).toContain("D'Alembert Zoé;111111111AA;2;;;;;;;;;;3;");
    const pupil = await demoSignIn(app, 'pupil-5a-1');
    expect((await app.get(`/api/livret/organizations/${UAI}/competence-levels.csv`, bearer(pupil))).status).toBe(403);
    const page = await app.get('/livret/ecole');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html lang="fr">');
  });

  it.skipIf(!lsuSchemasPresent)('enriches an uploaded LSU file, listing skipped pupils, and refuses a file without CM2/6e pupils', async () => {
    const admin = await demoSignIn(app, 'admin');
    const input = join(dir, 'school.xml');
    await writeSampleLsuFile(input, {
      uai: UAI,
      schemaVersion: '7.0',
      pupils: [
        { idBe: '101', lastName: "D'Alembert", firstName: 'Zoé', division: '6EME_1' }, // roster says 6A: matched by id-be
        { idBe: '102', lastName: 'Ñúñez', firstName: 'Loïc', division: 'CM2 B' },
        { idBe: '103', lastName: 'Abel', firstName: 'Ana', division: '6EME_1' },
        { idBe: '999', lastName: 'Inconnu', firstName: 'Ian', division: '6EME_2' },
        { idBe: '104', lastName: 'Grand', firstName: 'Gaspard', division: '3EME_2' },
      ],
    });
    const url = `/api/livret/organizations/${UAI}/lsu`;
    const report = await (await app.get(`${url}?report=json`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/xml' }, body: readFileSync(input) })).json();
    expect(report).toMatchObject({ enriched: 2, reportsWritten: 6 });
    expect(report.skipped.map((s: { idBe: string; reason: string }) => [s.idBe, s.reason])).toEqual([
      ['103', 'NO_RESULTS'],
      ['999', 'NOT_IN_ROSTER'],
      ['104', 'NOT_CM2_OR_6E'],
    ]);
    const file = await app.get(`${url}?lastOnly=1`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/xml' }, body: readFileSync(input) });
    expect(file.status).toBe(200);
    const xml = await file.text();
    expect(xml.match(/<competences-numeriques>/g)).toHaveLength(2);
    expect(xml).toContain('<competence-num code="CN_CRE_PRO" niveau="3"/>');

    const none = join(dir, 'none.xml');
    await writeSampleLsuFile(none, { uai: UAI, schemaVersion: '3.0', pupils: [{ idBe: '104', lastName: 'Grand', firstName: 'Gaspard', division: '4EME_1' }] });
    const refused = await app.get(url, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/xml' }, body: readFileSync(none) });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.code).toBe('LSU_NO_CYCLE3_PUPIL');
  });

  it.skipIf(!lsuSchemasPresent)('refuses an input that does not validate, with the schema message (CLI use case)', async () => {
    const bad = join(dir, 'bad.xml');
    await writeSampleLsuFile(bad, { uai: UAI, schemaVersion: '7.0', pupils: [{ idBe: 'x1', lastName: 'A', firstName: 'B', division: '6A' }] });
    const { livret } = app.container;
    await expect(
      exportLsu({ uai: UAI, inputPath: bad, outputPath: join(dir, 'o.xml'), displayName: 'ecole.xml', lastReportOnly: false, mapping: livret.lsuLevelMapping, lsu: livret.lsu, levels: livret.levels, organizations: livret.organizations }),
    ).rejects.toMatchObject({ code: 'LSU_SCHEMA_INVALID', details: { messages: expect.arrayContaining([expect.stringContaining('ecole.xml')]) } });
  });
});
