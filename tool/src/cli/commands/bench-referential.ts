import { ok, type CliCommand } from '../command.ts';
import { loadReferential } from '../../referential/infrastructure/load-referential.ts';
import { DEFAULT_REFERENTIAL_DIR } from '../../referential/infrastructure/referential-dir.ts';

const RUNS = 20;
/** The start-up budget of the loader (issue 3). */
const BUDGET_MS = 200;

/**
 * Times the start-up load of the referential (as the server does it: no similarity, coverage or YAML
 * cross-check). Wall time and the process's CPU time are both reported: on a busy machine they differ.
 */
export const benchReferentialCommand: CliCommand = {
  words: ['bench', 'referential'],
  usage: 'bench referential [--json] [--dir <dossier>]',
  summary: `Mesure le temps de chargement du référentiel (${RUNS} chargements, budget ${BUDGET_MS} ms)`,
  needsDatabase: false,
  async run({ options }) {
    const dir = typeof options.dir === 'string' ? options.dir : DEFAULT_REFERENTIAL_DIR;
    const wall: number[] = [];
    const cpu: number[] = [];
    let challenges = 0;
    let slowYamlFiles: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      const result = await loadReferential(dir);
      wall.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
      challenges = result.referential.challenges.size;
      slowYamlFiles = result.slowYamlFiles;
    }
    const json = {
      loadMs: round(percentile(wall, 0.5)),
      p95Ms: round(percentile(wall, 0.95)),
      runs: RUNS,
      challenges,
      cpuMs: round(percentile(cpu, 0.5)),
      yamlFallbacks: slowYamlFiles.length,
    };
    const verdict = json.loadMs <= BUDGET_MS ? 'dans le budget' : 'HORS budget';
    const text = [
      `Chargement du référentiel (${challenges} épreuves, tous statuts), ${RUNS} fois :`,
      `  médiane ${json.loadMs} ms (${verdict} de ${BUDGET_MS} ms), p95 ${json.p95Ms} ms, CPU médian ${json.cpuMs} ms`,
      ...(slowYamlFiles.length > 0 ? [`  lus par le parseur YAML complet (plus lent) : ${slowYamlFiles.join(', ')}`] : []),
    ].join('\n');
    return ok(json, text);
  },
};

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
