import { ok, type CliCommand } from '../command.ts';
import { rerunWithThrowawayPostgres } from '../../bench/rerun-with-throwaway-postgres.ts';
import { runLevelsBench } from '../../bench/levels/run-levels-bench.ts';

const BUDGET_MS = 300;

function numberOption(value: string | boolean | undefined, fallback: number): number {
  return typeof value === 'string' && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : fallback;
}

/**
 * `bench levels`: every page of `GET /api/organizations/{uai}/competence-levels` for a school of 2,000 pupils,
 * over HTTP with a real client token, on a real PostgreSQL (DATABASE_URL, or a throwaway durable PostgreSQL 15
 * cluster started for the run and removed afterwards).
 */
export const benchLevelsCommand: CliCommand = {
  words: ['bench', 'levels'],
  usage: 'bench levels [--json] [--pupils 2000] [--page-size 100] [--runs 5]',
  summary: `Mesure la lecture paginée des niveaux de compétence d’une école de 2 000 élèves sur PostgreSQL (budget ${BUDGET_MS} ms)`,
  needsDatabase: false,
  async run({ options }) {
    const databaseUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (!databaseUrl) return rerunWithThrowawayPostgres();
    const result = await runLevelsBench({
      databaseUrl,
      pupils: numberOption(options.pupils, 2000),
      pageSize: Math.min(500, numberOption(options['page-size'], 100)),
      runs: numberOption(options.runs, 5),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    return ok(
      result,
      `${result.pupils} élèves en ${result.pages} pages de ${result.pageSize} : ${result.totalMs} ms (médiane de ${result.runsMs.length} lectures, ${result.totalMs <= BUDGET_MS ? 'dans le' : 'HORS'} budget de ${BUDGET_MS} ms ; première lecture ${result.firstRunMs} ms)`,
    );
  },
};
