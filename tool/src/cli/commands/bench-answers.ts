import { ok, type CliCommand } from '../command.ts';
import { rerunWithThrowawayPostgres } from '../../bench/rerun-with-throwaway-postgres.ts';
import { runAnswersBench } from '../../bench/answers/run-answers-bench.ts';

function slowest(seconds: ReadonlyArray<{ second: number; p99Ms: number }>): string {
  return [...seconds]
    .sort((a, b) => b.p99Ms - a.p99Ms)
    .slice(0, 3)
    .map((s) => `${s.second + 1}e s ${s.p99Ms} ms`)
    .join(', ');
}

function numberOption(value: string | boolean | undefined, fallback: number): number {
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : fallback;
}

/**
 * `bench answers`: answer throughput and latency on a real PostgreSQL server (DATABASE_URL, or a throwaway
 * PostgreSQL 15 cluster with fsync and synchronous_commit on, started for the run and removed afterwards).
 */
export const benchAnswersCommand: CliCommand = {
  words: ['bench', 'answers'],
  usage: 'bench answers [--json] [--rate 800] [--learners 400] [--seconds 20] [--workers 1] [--warmup 20] [--reload]',
  summary: 'Mesure les réponses par seconde et leur latence sur PostgreSQL (boucle ouverte et fermée)',
  needsDatabase: false,
  async run({ options }) {
    const databaseUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (!databaseUrl) return rerunWithThrowawayPostgres();
    const result = await runAnswersBench({
      databaseUrl,
      learners: numberOption(options.learners, 400),
      offeredPerSec: numberOption(options.rate, 800),
      openLoopSeconds: numberOption(options.seconds, 20),
      closedLoopSeconds: 8,
      warmupSeconds: numberOption(options.warmup, 20),
      seed: numberOption(options.seed, 42),
      workers: Math.max(1, numberOption(options.workers, 1)),
      reload: options.reload === true,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    const open = result.openLoopCpuMsPerStep;
    const text = [
      `Serveur : ${result.workers} processus, après ${result.warmup.seconds} s de mise en température non mesurée (${result.warmup.answers} réponses) ; épreuve suivante ${result.nextChallenge === 'get' ? 'relue par GET après chaque réponse' : 'reçue dans la réponse (comme le widget)'}`,
      `Boucle ouverte : ${result.offeredPerSec} réponses/s proposées par ${result.learners} élèves → ${result.achievedPerSec}/s servies`,
      `  p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, erreurs ${result.errors}`,
      `  secondes les plus lentes (p99) : ${slowest(result.openLoopBySecond)}`,
      `Boucle fermée : maximum ${result.maxAnswersPerSec} réponses/s`,
      ...result.closedLoop.map((c) => `  ${c.concurrency} élèves : ${c.answersPerSec}/s (p50 ${c.p50Ms} ms, p99 ${c.p99Ms} ms)`),
      `GET /health : ${result.healthReqPerSec} req/s`,
      `CPU par réponse en boucle fermée : serveur ${result.serverCpuMsPerStep ?? '?'} ms, PostgreSQL ${result.databaseCpuMsPerStep ?? '? (distant)'} ms, générateur de charge ${result.generatorCpuMsPerStep ?? '?'} ms`,
      `CPU par réponse en boucle ouverte : serveur ${open.server ?? '?'} ms, PostgreSQL ${open.database ?? '? (distant)'} ms, générateur de charge ${open.generator ?? '?'} ms`,
    ].join('\n');
    return ok(result, text);
  },
};
