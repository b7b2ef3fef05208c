import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    { ...base, source: 'SIECLE', ine: '111111111AA', siecleEleveId: '201', lastName: 'Abel', firstName: 'Zoé', userId: siecle!.id },
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

describe.skipIf(!lsuSchemasPresent)('LSU enrichment with a roster imported from a CSV (no SIECLE ELEVE_ID)', () => {
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
});
