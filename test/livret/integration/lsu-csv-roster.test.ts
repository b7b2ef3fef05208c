import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { importRoster } from '../../../tool/src/gar/application/usecases/import-roster.ts';
import { garRosterPupils } from '../../../tool/src/gar/infrastructure/gar-schema.ts';
import { users } from '../../../tool/src/identity/infrastructure/identity-schema.ts';
import { knowledgeElements } from '../../../tool/src/evaluation/infrastructure/evaluation-schema.ts';
import { exportLsu } from '../../../tool/src/livret/domain/usecases/export-lsu.ts';
import { writeSampleLsuFile } from '../../../connectors/livret-scolaire/lsu/lsu-sample-file.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';
import { LSU_SCHEMA_DIR, lsuSchemasPresent } from '../support/lsu-schemas.ts';

const UAI = '0991234A';
const now = new Date('2025-03-01T10:00:00Z');
let app: TestApp;
const dir = mkdtempSync(join(tmpdir(), 'lsu-csv-roster-'));

beforeAll(async () => {
  app = await startTestApp({ clock: { now: () => now }, env: { LSU_SCHEMA_DIR } });
  const org = await app.container.organizations.findByUai(UAI);
  const db = app.container.database.db;
  const [siecle, csv] = await db.insert(users).values([{ firstName: 'Zoé', lastName: 'Abel' }, { firstName: 'Élise', lastName: 'Dupont' }]).returning({ id: users.id });
  const base = { organizationId: org!.id, importedAt: now, updatedAt: now, birthdate: '2013-02-03', division: '6A' };
  await db.insert(garRosterPupils).values([
    { ...base, source: 'SIECLE', ine: '111111111AA', siecleEleveId: '201', lastName: 'Abel', firstName: 'Zoé', sex: 'F', mefCode: '10010012110', birthCity: 'Lyon', userId: siecle!.id },
    // Imported from a CSV: no ELEVE_ID, although she has results.
    { ...base, source: 'CSV', ine: '222222222BB', siecleEleveId: null, lastName: 'Dupont', firstName: 'Élise', userId: csv!.id },
  ]);
  const ke = (userId: string, skillId: string) => ({ userId, skillId, competenceIndex: '1.1', earnedPix: 8, status: 'validated' as const, source: 'direct' as const, createdAt: now });
  await db.insert(knowledgeElements).values([ke(siecle!.id, '@a1'), ke(csv!.id, '@a1')]);
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!lsuSchemasPresent)('LSU enrichment with a roster imported from a CSV, without or with the SIECLE ELEVE_ID', () => {
  it('matches by id-be only, and says why a CSV pupil is skipped (NO_SIECLE_ID) instead of guessing by name', async () => {
    const input = join(dir, 'ecole.xml');
    const output = join(dir, 'enrichi.xml');
    await writeSampleLsuFile(input, {
      uai: UAI,
      schemaVersion: '7.0',
      pupils: [
        { idBe: '201', lastName: 'Abel', firstName: 'Zoé', division: '6EME_1' },
        { idBe: '555', lastName: 'DUPONT', firstName: 'Elise', division: '6EME_1' },
        { idBe: '556', lastName: 'Inconnu', firstName: 'Ian', division: '6EME_1' },
      ],
    });
    const { livret } = app.container;
    const report = await exportLsu({
      uai: UAI,
      inputPath: input,
      outputPath: output,
      displayName: 'ecole.xml',
      lastReportOnly: false,
      mapping: livret.lsuLevelMapping,
      lsu: livret.lsu,
      levels: livret.levels,
      organizations: livret.organizations,
    });
    expect(report).toMatchObject({ enriched: 1, reportsWritten: 3, matchedBy: 'ID_BE', rosterWithoutSiecleId: 1 });
    expect(report.skipped.map((s) => [s.idBe, s.reason])).toEqual([
      ['555', 'NO_SIECLE_ID'],
      ['556', 'NOT_IN_ROSTER'],
    ]);
    // Élise Dupont's three reports got nothing: only Zoé Abel's (EL_1) carry the block.
    const xml = readFileSync(output, 'utf8');
    expect(xml.match(/<competences-numeriques>/g)).toHaveLength(3);
    for (const report of xml.split('<bilan-periodique ').slice(1)) expect(report.includes('<competences-numeriques>')).toBe(report.startsWith('eleve-ref="EL_1"'));
  });

  const lsuPupils = [
    { idBe: '201', lastName: 'Abel', firstName: 'Zoé', division: '6EME_1' },
    { idBe: '555', lastName: 'DUPONT', firstName: 'Elise', division: '6EME_1' },
    { idBe: '556', lastName: 'Inconnu', firstName: 'Ian', division: '6EME_1' },
  ];
  const importCsv = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return importRoster({ roster: app.container.gar.deps!.roster, organizations: app.container.organizations, clock: app.container.clock }, { uai: UAI, path, byUserId: null });
  };
  const storedIds = async () =>
    (await app.container.database.db.select().from(garRosterPupils).orderBy(asc(garRosterPupils.ine))).map((r) => [r.lastName, r.siecleEleveId, r.source, r.active]);
  const enrich = async (name: string) => {
    const input = join(dir, `${name}.xml`);
    const output = join(dir, `${name}-enrichi.xml`);
    await writeSampleLsuFile(input, { uai: UAI, schemaVersion: '7.0', pupils: lsuPupils });
    const { livret } = app.container;
    const report = await exportLsu({ uai: UAI, inputPath: input, outputPath: output, displayName: `${name}.xml`, lastReportOnly: false, mapping: livret.lsuLevelMapping, lsu: livret.lsu, levels: livret.levels, organizations: livret.organizations });
    return { report, xml: readFileSync(output, 'utf8') };
  };

  it('places the levels of a CSV-imported pupil once the CSV gives her ELEVE_ID; an empty cell keeps the SIECLE one', async () => {
    // Zoé's cell is empty: the ELEVE_ID imported from SIECLE stays. Élise's is now given.
    const imported = await importCsv('avec-id.csv', 'INE;Nom;Prénom;Date de naissance;Classe;Identifiant SIECLE\n111111111AA;Abel;Zoé;03/02/2013;6A;\n222222222BB;Dupont;Élise;03/02/2013;6A;555\n');
    // Zoé's line says nothing new (same names, class, and her ELEVE_ID kept): only Élise's row changes.
    expect(imported).toEqual({ imported: 0, updated: 1, inactivated: 0, errors: [] });
    expect(await storedIds()).toEqual([
      ['Abel', '201', 'SIECLE', true],
      ['Dupont', '555', 'CSV', true],
    ]);
    const { report, xml } = await enrich('avec-id');
    expect(report).toMatchObject({ enriched: 2, reportsWritten: 6, matchedBy: 'ID_BE', rosterWithoutSiecleId: 0 });
    expect(report.skipped.map((s) => [s.idBe, s.reason])).toEqual([['556', 'NOT_IN_ROSTER']]);
    const reports = xml.split('<bilan-periodique ').slice(1);
    expect(reports.filter((r) => r.startsWith('eleve-ref="EL_2"'))).toHaveLength(3);
    for (const r of reports) expect(r.includes('<competence-num code="CN_INF_MEN"')).toBe(!r.startsWith('eleve-ref="EL_3"'));
  });

  it('re-imports: a CSV without the column keeps the ids; an id another pupil holds is refused with its line', async () => {
    const same = await importCsv('sans-colonne.csv', 'INE;Nom;Prénom;Date de naissance;Classe\n111111111AA;Abel;Zoé;03/02/2013;6A\n222222222BB;Dupont;Élise;03/02/2013;6A\n');
    expect(same).toEqual({ imported: 0, updated: 0, inactivated: 0, errors: [] });
    const taken = await importCsv('id-pris.csv', 'INE;Nom;Prénom;Date de naissance;Classe;ELEVE_ID\n111111111AA;Abel;Zoé;03/02/2013;6A;\n222222222BB;Dupont;Élise;03/02/2013;6B;0201\n');
    expect(taken).toEqual({
      imported: 0,
      updated: 0,
      inactivated: 0,
      errors: [{ line: 3, field: 'ELEVE_ID', reason: '« 201 » déjà attribué à un autre élève (INE 111111111AA) / already given to another pupil' }],
    });
    // Élise's refused line changed nothing (not even her class), and she stays active.
    expect(await storedIds()).toEqual([
      ['Abel', '201', 'SIECLE', true],
      ['Dupont', '555', 'CSV', true],
    ]);
    const { report } = await enrich('apres-refus');
    expect(report).toMatchObject({ enriched: 2, rosterWithoutSiecleId: 0 });
  });

  it('re-imports: a CSV line moving a SIECLE pupil to another class keeps what only SIECLE gave (sex, MEF, birthplace)', async () => {
    const moved = await importCsv('changement.csv', 'INE;Nom;Prénom;Date de naissance;Classe\n111111111AA;Abel;Zoé;03/02/2013;6B\n222222222BB;Dupont;Élise;03/02/2013;6A\n');
    expect(moved).toEqual({ imported: 0, updated: 1, inactivated: 0, errors: [] });
    const [zoe] = await app.container.database.db.select().from(garRosterPupils).where(eq(garRosterPupils.ine, '111111111AA'));
    expect(zoe).toMatchObject({ division: '6B', siecleEleveId: '201', sex: 'F', mefCode: '10010012110', birthCity: 'Lyon', source: 'CSV', active: true });
  });
});
