import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CN_CODES, cnCodeOfCompetence } from '../../../connectors/livret-scolaire/lsu/cn-codes.ts';
import { inspectLsu, writeEnrichedLsu, type CompetencesNumeriquesBlock } from '../../../connectors/livret-scolaire/lsu/lsu-enricher.ts';
import { validateLsuFile } from '../../../connectors/livret-scolaire/lsu/lsu-schema-validator.ts';
import { writeSampleLsuFile } from '../../../connectors/livret-scolaire/lsu/lsu-sample-file.ts';
import { csvDocument, frenchDate } from '../../../connectors/exports/csv-writer.ts';
import { DEFAULT_LSU_LEVEL_MAPPING, formatLsuLevelMapping, mapToLsuNiveau, parseLsuLevelMapping } from '../../../tool/src/livret/domain/lsu-level-mapping.ts';
import { isCycle3EndDivision } from '../../../tool/src/livret/domain/cycle3.ts';
import { testReferential } from '../../support/test-app.ts';
import { LSU_SCHEMA_DIR, lsuSchemasPresent } from '../../livret/support/lsu-schemas.ts';

const dir = mkdtempSync(join(tmpdir(), 'lsu-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const block: CompetencesNumeriquesBlock = {
  levels: [
    { code: 'CN_INF_MEN', niveau: 2 },
    { code: 'CN_CRE_PRO', niveau: 3 },
    { code: 'CN_PRO_SEC', niveau: 1 },
  ],
};

describe('CN_* codes and the level mapping', () => {
  it('pairs each code with its competence by an explicit table matching the referential (CN_CRE_PRO is 3.4, not area 4)', async () => {
    const referential = await testReferential();
    expect(CN_CODES).toHaveLength(16);
    for (const competence of referential.competences.values()) expect(cnCodeOfCompetence(competence.index)).toBe(competence.lsuCode);
    expect(cnCodeOfCompetence('3.4')).toBe('CN_CRE_PRO');
    expect(cnCodeOfCompetence('4.1')).toBe('CN_PRO_SEC');
  });

  it('maps CRCN levels to 1–3 with the documented default and parses a custom table', () => {
    expect([0, 1, 2, 3, 4, 8].map((l) => mapToLsuNiveau(l, DEFAULT_LSU_LEVEL_MAPPING))).toEqual([null, 1, 2, 3, 3, 3]);
    expect(formatLsuLevelMapping(DEFAULT_LSU_LEVEL_MAPPING)).toBe('0:-,1:1,2:2,3:3,4:3,5:3,6:3,7:3,8:3');
    const custom = parseLsuLevelMapping('0:1,1:1,2:1,3:2,4:2,5:3,6:3,7:3,8:3');
    expect([0, 2, 3, 5].map((l) => mapToLsuNiveau(l, custom))).toEqual([1, 1, 2, 3]);
    expect(() => parseLsuLevelMapping('0:1,1:4')).toThrow(/invalide/);
    expect(() => parseLsuLevelMapping('0:1')).toThrow(/incomplète/);
  });

  it('recognises CM2 and 6e divisions, not 5e or 3e', () => {
    expect(['6EME_4', '6A', '6e B', 'CM2', 'CM1-CM2', 'cm2 b'].every((d) => isCycle3EndDivision(d))).toBe(true);
    expect(['5A', '3EME_2', '60', 'CM1', '4e'].some((d) => isCycle3EndDivision(d))).toBe(false);
  });

  it('writes CSV with BOM, semicolons, quoting and French dates', () => {
    const csv = csvDocument(['Nom', 'Note'], [["L'Éclair; fils", 3], ['=cmd', null]]);
    expect(csv.startsWith('\uFEFFNom;Note\r\n')).toBe(true);
    expect(csv).toContain('"L\'Éclair; fils";3');
    expect(csv).toContain("'=cmd;");
    expect(frenchDate('2012-03-04')).toBe('04/03/2012');
  });
});

describe.skipIf(!lsuSchemasPresent)('LSU enrichment (schemas from ../shared/reference/lsun)', () => {
  const settings = { schemaDir: LSU_SCHEMA_DIR };

  it('inserts the block after liste-acquis of every report, keeps every other byte, and validates (7.0)', async () => {
    const input = join(dir, 'in7.xml');
    const output = join(dir, 'out7.xml');
    const longName = 'De La Fontaine-Saint-Exupéry '.repeat(3).trim();
    await writeSampleLsuFile(input, {
      uai: '0991234A',
      schemaVersion: '7.0',
      pupils: [
        { idBe: '101', lastName: "D'Alembert", firstName: 'Zoé', division: '6EME_1' },
        { idBe: '102', lastName: longName, firstName: 'Anaïs-Éloïse', division: 'CM2 B' },
        { idBe: '103', lastName: 'Ñúñez', firstName: 'Loïc', division: '3EME_2' },
      ],
    });
    const inspection = await inspectLsu(input);
    expect(inspection).toMatchObject({ schemaVersion: '7.0', uai: '0991234A', encoding: 'utf-8' });
    expect(inspection.pupils.map((p) => [p.idBe, p.lastName, p.division, p.periodicReports])).toEqual([
      ['101', "D'Alembert", '6EME_1', 3],
      ['102', longName, 'CM2 B', 3],
      ['103', 'Ñúñez', '3EME_2', 3],
    ]);
    const result = await writeEnrichedLsu({ inputPath: input, outputPath: output, inspection, blocks: new Map([['EL_1', block], ['EL_2', { ...block, appreciation: "Très à l'aise « avec » les outils & le code" }]]), lastReportOnly: false });
    expect(result.reportsWritten).toBe(6);
    const out = readFileSync(output, 'utf8');
    expect(out.match(/<competences-numeriques>/g)).toHaveLength(6);
    expect(out).toContain('<appreciation-num>Très à l\'aise « avec » les outils &amp; le code</appreciation-num>');
    // Every byte outside the inserted blocks is the input's.
    const stripped = out.replace(/\n {8}<competences-numeriques>[\s\S]*?<\/competences-numeriques>/g, '');
    expect(Buffer.from(stripped)).toEqual(readFileSync(input));
    expect(await validateLsuFile(output, '7.0', settings)).toMatchObject({ valid: true });
  });

  it('replaces an existing block keeping comp-num-commun-refs and its appreciation, CRLF, last report only (3.0)', async () => {
    const input = join(dir, 'in3.xml');
    const output = join(dir, 'out3.xml');
    const existing = '<competences-numeriques comp-num-commun-refs="RESP_01"><appreciation-num>Déjà saisie</appreciation-num><competence-num code="CN_ENV_EVO" niveau="1"/></competences-numeriques>';
    await writeSampleLsuFile(input, { uai: '0991234A', schemaVersion: '3.0', crlf: true, pupils: [{ idBe: '7', lastName: 'Ōtsuka', firstName: 'Mei', division: 'CM2', existingBlock: existing, periods: [2, 1, 3] }] });
    expect(await validateLsuFile(input, '3.0', settings)).toMatchObject({ valid: true });
    const inspection = await inspectLsu(input);
    const { reportsWritten } = await writeEnrichedLsu({ inputPath: input, outputPath: output, inspection, blocks: new Map([['EL_1', block]]), lastReportOnly: true });
    expect(reportsWritten).toBe(1);
    const out = readFileSync(output, 'utf8');
    expect(out.split(existing)).toHaveLength(3); // two untouched reports keep their block as it was
    expect(out).toContain('<competences-numeriques comp-num-commun-refs="RESP_01">\r\n');
    expect(out).toContain('<appreciation-num>Déjà saisie</appreciation-num>\r\n');
    expect(out).toContain('<competence-num code="CN_CRE_PRO" niveau="3"/>');
    // The replaced one is the report of period 3 (the last), the third in the file.
    const reports = out.split('<bilan-periodique ').slice(1);
    expect(reports[2]).toContain('CN_CRE_PRO');
    expect(reports[0]).not.toContain('CN_CRE_PRO');
    expect(await validateLsuFile(output, '3.0', settings)).toMatchObject({ valid: true });
  });

  it('enriches the reference sample (schemaVersion 2.0, CRLF) and it still validates against both schemas', async () => {
    const input = join(LSU_SCHEMA_DIR, 'sample-bilan-complet.xml');
    const output = join(dir, 'sample-out.xml');
    const inspection = await inspectLsu(input);
    expect(inspection.schemaVersion).toBe('2.0');
    await writeEnrichedLsu({ inputPath: input, outputPath: output, inspection, blocks: new Map([['EL_01', block]]), lastReportOnly: false });
    expect(await validateLsuFile(output, '2.0', settings)).toMatchObject({ valid: true });
    expect(await validateLsuFile(output, '7.0', settings)).toMatchObject({ valid: true });
    const original = readFileSync(input, 'utf8');
    const out = readFileSync(output, 'utf8');
    // Pupil 2's reports and everything before the reports are untouched.
    expect(out.slice(0, original.indexOf('<bilans-periodiques>'))).toBe(original.slice(0, original.indexOf('<bilans-periodiques>')));
    expect(out).toContain('comp-num-commun-refs="CNC_02">');
  });

  it('refuses an invalid file with the schema messages', async () => {
    const input = join(dir, 'bad.xml');
    await writeSampleLsuFile(input, { uai: '0991234A', schemaVersion: '7.0', pupils: [{ idBe: 'abc', lastName: 'A', firstName: 'B', division: '6A' }] });
    const check = await validateLsuFile(input, '7.0', settings, 'ecole.xml');
    expect(check.valid).toBe(false);
    if (!check.valid) expect(check.messages.join('\n')).toMatch(/ecole\.xml.*id-be/);
    expect(await validateLsuFile(input, '13.0', settings)).toMatchObject({ valid: false, reason: 'VERSION_UNSUPPORTED' });
  });
});
