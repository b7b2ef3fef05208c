import type { Referential } from '../../referential/domain/referential.ts';
import type { AdaptiveConfig } from '../domain/algorithms/adaptive/adaptive-config.ts';
import { DEFAULT_MAX_REACHABLE_LEVEL, PIX_COUNT_BY_LEVEL } from '../domain/evaluation-rules.ts';
import { ASSESSMENT_METHODS, type AssessmentMethod } from '../domain/models/assessment.ts';
import { percentile } from './percentile.ts';
import { simulateCompetenceEvaluation } from './simulate-assessment.ts';
import { createSimulatedLearners, MAX_TRUE_LEVEL } from './simulated-learners.ts';

export interface CompetenceBenchmark {
  /** Validated épreuves in the pool. */
  poolSize: number;
  /**
   * Scorecard level of a perfectly measured learner of true level L = 0…6 (every acquis up to L validated):
   * below L when the bank lacks pix at some level (a level holding a single acquis is worth 4 pix, not 8).
   */
  idealPlacement: number[];
  meanChallenges: number;
  exactLevelAccuracy: number;
  maxExposure: number;
}

export interface MethodBenchmark {
  /** Épreuves per competence evaluation. */
  meanChallenges: number;
  /** Share of evaluations placing the learner at min(L, maxReachableLevel). */
  exactLevelAccuracy: number;
  withinOneLevelAccuracy: number;
  /** Over the competence pools: the largest share of learners who saw one épreuve. */
  maxExposure: number;
  selectionP99Ms: number;
  /** Present when a CPU clock was given. */
  selectionCpuP99Ms?: number;
  competences: Record<string, CompetenceBenchmark>;
}

export interface CatBenchmarkReport {
  /** One entry per method run (both by default). */
  methods: Partial<Record<AssessmentMethod, MethodBenchmark>>;
  learners: number;
  seed: string;
  maxReachableLevel: number;
  /** Competences without any validated épreuve cannot be evaluated: left out. */
  skippedCompetences: string[];
}

export interface CatBenchmarkInput {
  referential: Referential;
  learners: number;
  seed: string;
  /** Defaults to every competence that has a validated épreuve. */
  competenceIndexes?: readonly string[];
  methods?: readonly AssessmentMethod[];
  maxReachableLevel?: number;
  adaptiveConfig?: Partial<AdaptiveConfig>;
  /** Milliseconds (performance.now); selection times are 0 without it. */
  timer?: () => number;
  /** Milliseconds of CPU used by the process (process.cpuUsage), optional. */
  cpuTimer?: () => number;
  startDate?: Date;
}

const DEFAULT_START = new Date('2026-03-02T08:00:00Z');

/**
 * The CAT benchmark: every simulated learner takes one competence evaluation per competence with each method;
 * each evaluation is scored by the scorecard and compared with the learner's true level.
 */
export function runCatBenchmark(input: CatBenchmarkInput): CatBenchmarkReport {
  const { referential, seed } = input;
  const maxReachableLevel = input.maxReachableLevel ?? DEFAULT_MAX_REACHABLE_LEVEL;
  const candidates = input.competenceIndexes ?? [...referential.competences.keys()];
  const hasPool = (index: string) => (referential.challengesByCompetence.get(index) ?? []).some((c) => c.status === 'validé');
  const competenceIndexes = candidates.filter(hasPool);
  const learners = createSimulatedLearners({ count: input.learners, competenceIndexes, seed });
  const methods = input.methods ?? ASSESSMENT_METHODS;

  const report: Partial<Record<AssessmentMethod, MethodBenchmark>> = {};
  for (const method of methods) {
    let challenges = 0;
    let exact = 0;
    let withinOne = 0;
    let evaluations = 0;
    const durations: number[] = [];
    const cpuDurations: number[] = [];
    const competences: Record<string, CompetenceBenchmark> = {};
    for (const competenceIndex of competenceIndexes) {
      const seen = new Map<string, number>();
      let competenceChallenges = 0;
      let competenceExact = 0;
      for (const learner of learners) {
        const result = simulateCompetenceEvaluation({
          referential,
          learner,
          competenceIndex,
          method,
          seed,
          startDate: input.startDate ?? DEFAULT_START,
          maxReachableLevel,
          adaptiveConfig: input.adaptiveConfig,
          timer: input.timer,
          cpuTimer: input.cpuTimer,
        });
        const expected = Math.min(learner.trueLevels.get(competenceIndex) ?? 0, maxReachableLevel);
        competenceChallenges += result.challengeIds.length;
        if (result.placedLevel === expected) competenceExact += 1;
        if (Math.abs(result.placedLevel - expected) <= 1) withinOne += 1;
        for (const id of result.challengeIds) seen.set(id, (seen.get(id) ?? 0) + 1);
        for (const duration of result.selectionDurationsMs) durations.push(duration);
        for (const duration of result.selectionCpuDurationsMs) cpuDurations.push(duration);
      }
      const count = learners.length;
      competences[competenceIndex] = {
        poolSize: (referential.challengesByCompetence.get(competenceIndex) ?? []).filter((c) => c.status === 'validé').length,
        idealPlacement: idealPlacement(referential, competenceIndex, maxReachableLevel),
        meanChallenges: round(competenceChallenges / count),
        exactLevelAccuracy: round(competenceExact / count),
        maxExposure: round(Math.max(0, ...seen.values()) / count),
      };
      challenges += competenceChallenges;
      exact += competenceExact;
      evaluations += count;
    }
    report[method] = {
      meanChallenges: round(challenges / Math.max(1, evaluations)),
      exactLevelAccuracy: round(exact / Math.max(1, evaluations)),
      withinOneLevelAccuracy: round(withinOne / Math.max(1, evaluations)),
      maxExposure: Math.max(0, ...Object.values(competences).map((c) => c.maxExposure)),
      selectionP99Ms: round(percentile(durations, 99)),
      ...(input.cpuTimer ? { selectionCpuP99Ms: round(percentile(cpuDurations, 99)) } : {}),
      competences,
    };
  }
  return {
    methods: report,
    learners: learners.length,
    seed,
    maxReachableLevel,
    skippedCompetences: candidates.filter((index) => !hasPool(index)),
  };
}

function idealPlacement(referential: Referential, competenceIndex: string, maxReachableLevel: number): number[] {
  const skills = referential.skillsByCompetence.get(competenceIndex) ?? [];
  return Array.from({ length: MAX_TRUE_LEVEL + 1 }, (_, trueLevel) => {
    const pix = skills.filter((skill) => skill.level <= trueLevel).reduce((sum, skill) => sum + skill.pixValue, 0);
    return Math.min(Math.floor(pix / PIX_COUNT_BY_LEVEL + 1e-9), maxReachableLevel);
  });
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
