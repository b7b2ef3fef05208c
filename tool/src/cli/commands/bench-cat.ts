import { failure, ok, type CliCommand } from '../command.ts';
import { ASSESSMENT_METHODS, type AssessmentMethod } from '../../evaluation/domain/models/assessment.ts';
import { runCatBenchmark, type CatBenchmarkReport, type MethodBenchmark } from '../../evaluation/simulation/run-cat-benchmark.ts';
import { loadReferential } from '../../referential/infrastructure/load-referential.ts';
import { DEFAULT_REFERENTIAL_DIR } from '../../referential/infrastructure/referential-dir.ts';

const DEFAULT_LEARNERS = 2000;
const DEFAULT_SEED = 'bench-cat';
const MAX_LEARNERS = 100_000;
/** Learners simulated first and discarded, so selection times are those of a warm (JIT-compiled) server. */
const WARM_UP_LEARNERS = 20;

/**
 * Simulates competence evaluations of learners with known levels on the real bank, with our adaptive engine
 * and with upstream's smart random, and compares length, accuracy, exposure and selection time.
 */
export const benchCatCommand: CliCommand = {
  words: ['bench', 'cat'],
  usage: 'bench cat [--json] [--learners N] [--seed S] [--dir <dossier>]',
  summary: `Compare l'algorithme adaptatif et le smart random sur des élèves simulés (${DEFAULT_LEARNERS} par défaut)`,
  needsDatabase: false,
  async run({ options }) {
    const learners = options.learners === undefined ? DEFAULT_LEARNERS : Number(options.learners);
    if (!Number.isInteger(learners) || learners < 1 || learners > MAX_LEARNERS) {
      return failure('CLI_INVALID_OPTION', `--learners attend un entier entre 1 et ${MAX_LEARNERS}.`, 2);
    }
    const seed = typeof options.seed === 'string' ? options.seed : DEFAULT_SEED;
    const dir = typeof options.dir === 'string' ? options.dir : DEFAULT_REFERENTIAL_DIR;
    const { referential, errors } = await loadReferential(dir);

    runCatBenchmark({ referential, learners: Math.min(learners, WARM_UP_LEARNERS), seed: `${seed}:warm-up` });
    const started = performance.now();
    const report = runCatBenchmark({
      referential,
      learners,
      seed,
      timer: () => performance.now(),
      cpuTimer: () => {
        const { user, system } = process.cpuUsage();
        return (user + system) / 1000;
      },
    });
    const durationSeconds = Math.round((performance.now() - started) / 100) / 10;
    const json = { ...report, referentialVersion: referential.version, referentialErrors: errors.length, durationSeconds };
    return ok(json, text(report, errors.length, durationSeconds));
  },
};

function text(report: CatBenchmarkReport, referentialErrors: number, durationSeconds: number): string {
  const row = (method: AssessmentMethod, m: MethodBenchmark) =>
    `${method.padEnd(13)} ${m.meanChallenges.toFixed(2).padStart(9)} ${pct(m.exactLevelAccuracy)} ${pct(m.withinOneLevelAccuracy)} ${m.maxExposure.toFixed(2).padStart(9)} ${m.selectionP99Ms.toFixed(3).padStart(9)}`;
  const lines = [
    `${report.learners} élèves simulés par méthode, graine « ${report.seed} », niveau max ${report.maxReachableLevel}, ${durationSeconds} s`,
    '',
    'méthode       épreuves  exact  ±1 niv  exposition  p99 (ms)',
    ...ASSESSMENT_METHODS.flatMap((method) => {
      const m = report.methods[method];
      return m ? [row(method, m)] : [];
    }),
  ];
  const { adaptive, 'smart-random': smartRandom } = report.methods;
  if (adaptive && smartRandom && smartRandom.meanChallenges > 0) {
    lines.push('', `Adaptatif : ${Math.round((adaptive.meanChallenges / smartRandom.meanChallenges) * 100)} % des épreuves du smart random.`);
  }
  if (report.skippedCompetences.length > 0) lines.push(`Compétences sans épreuve validée, ignorées : ${report.skippedCompetences.join(', ')}`);
  if (referentialErrors > 0) lines.push(`Attention : le référentiel a ${referentialErrors} erreur(s) (npx pix-embed referential check).`);
  return lines.join('\n');
}

function pct(value: number): string {
  return `${(value * 100).toFixed(1)} %`.padStart(7);
}
