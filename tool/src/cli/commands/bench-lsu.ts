import { loadConfig } from '../../config/config.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLsuConnector } from '../../../../connectors/livret-scolaire/lsu/lsu-connector.ts';
import { writeSampleLsuFile, type SamplePupil } from '../../../../connectors/livret-scolaire/lsu/lsu-sample-file.ts';
import { ok, type CliCommand } from '../command.ts';
import { exportLsu } from '../../livret/domain/usecases/export-lsu.ts';
import { DEFAULT_LSU_LEVEL_MAPPING } from '../../livret/domain/lsu-level-mapping.ts';
import type { SchoolLevelsReader } from '../../livret/domain/livret-ports.ts';
import type { PupilLevels } from '../../livret/domain/pupil-levels.ts';
import type { OrganizationRepository } from '../../identity/infrastructure/organization-repository.ts';

const PUPILS = 2000;
const BUDGET_MS = 2000;
const RSS_BUDGET_MB = 200;
const UAI = '0991234A';
const COMPETENCES = ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '5.1', '5.2'];

/**
 * Enriches a generated 2,000-pupil LSU file (6e and CM2, three periodic reports each) through the same use
 * case as `export lsu`, with in-memory levels: what is measured is the file work (two streaming passes, input
 * and output schema validation with xmllint). Peak RSS is this process's high-water mark, loaded code
 * included (`rssBeforeMb` is the part already there before the file work); xmllint runs in its own process.
 */
export const benchLsuCommand: CliCommand = {
  words: ['bench', 'lsu'],
  usage: 'bench lsu [--json] [--pupils 2000] [--schema-dir DOSSIER (défaut : LSU_SCHEMA_DIR)]',
  summary: `Mesure l’enrichissement d’un fichier LSU de ${PUPILS} élèves (budget ${BUDGET_MS} ms, 200 Mo)`,
  needsDatabase: false,
  async run({ options }) {
    const count = typeof options.pupils === 'string' && /^\d+$/.test(options.pupils) ? Number(options.pupils) : PUPILS;
    // The same default as the server's: LSU_SCHEMA_DIR (the schemas are not shipped with the tool).
    const schemaDir = typeof options['schema-dir'] === 'string' ? options['schema-dir'] : loadConfig(process.env).lsu.schemaDir;
    const dir = await mkdtemp(join(tmpdir(), 'pix-bench-lsu-'));
    try {
      const pupils: SamplePupil[] = Array.from({ length: count }, (_, i) => ({
        idBe: String(100000 + i),
        lastName: i % 7 === 0 ? `L'Héritier-Saint-Exupéry ${i}` : `Élève ${i}`,
        firstName: i % 3 === 0 ? 'Zoé' : 'Loïc',
        division: i % 2 === 0 ? `6EME_${i % 5}` : `CM2 ${i % 4}`,
      }));
      const input = join(dir, 'ecole.xml');
      await writeSampleLsuFile(input, { uai: UAI, schemaVersion: '7.0', pupils });
      const listPupils: SchoolLevelsReader['listPupils'] = async (_org, { limit, offset }) =>
        pupils.slice(offset, offset + limit).map(
          (p, i): PupilLevels => ({
            rosterId: String(offset + i),
            ine: `${String(offset + i).padStart(9, '0')}AB`,
            siecleEleveId: p.idBe,
            lastName: p.lastName,
            firstName: p.firstName,
            birthdate: '2013-01-01',
            division: p.division,
            userId: String(offset + i),
            levels: COMPETENCES.map((competenceId, k) => ({ competenceId, level: (offset + i + k) % 5 })),
            pixScore: 100,
            lastChangedAt: new Date(0),
          }),
        );
      const levels: SchoolLevelsReader = {
        countPupils: async () => count,
        listDivisions: async () => [],
        listPupils,
        pageOfPupils: async (_school, page) => ({ total: count, pupils: await listPupils('bench', page) }),
      };
      const organizations: Pick<OrganizationRepository, 'findByUai'> = { findByUai: async () => ({ id: 'bench', uai: UAI, name: 'Bench', type: 'SCO' }) };
      const lsu = createLsuConnector({ schemaDir });
      const rssBeforeMb = Math.round(process.memoryUsage().rss / 1048576);
      const start = performance.now();
      const report = await exportLsu({
        uai: UAI,
        inputPath: input,
        outputPath: join(dir, 'enrichi.xml'),
        displayName: 'bench.xml',
        lastReportOnly: false,
        mapping: DEFAULT_LSU_LEVEL_MAPPING,
        lsu,
        levels,
        organizations,
      });
      const ms = Math.round(performance.now() - start);
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      const json = { pupils: count, ms, peakRssMb, rssBeforeMb, enriched: report.enriched, reportsWritten: report.reportsWritten };
      return ok(
        json,
        `${count} élèves (${report.reportsWritten} bilans) enrichis en ${ms} ms (${ms <= BUDGET_MS ? 'dans le' : 'HORS'} budget de ${BUDGET_MS} ms), pic mémoire ${peakRssMb} Mo (${peakRssMb <= RSS_BUDGET_MB ? 'dans le' : 'HORS'} budget de ${RSS_BUDGET_MB} Mo ; ${rssBeforeMb} Mo avant l’enrichissement)`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
