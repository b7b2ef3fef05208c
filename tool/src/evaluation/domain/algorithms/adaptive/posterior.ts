import type { AdaptiveConfig } from './adaptive-config.ts';

/** IRT parameters of an épreuve on the level scale (2PL). */
export interface ItemParameters {
  difficulty: number;
  discrimination: number;
}

/** One scored response. */
export interface Observation extends ItemParameters {
  correct: boolean;
}

/** A discrete posterior over θ: `weights` sum to 1. */
export interface Posterior {
  grid: Grid;
  weights: Float64Array;
}

/** 2PL: P(success | θ) = 1 ÷ (1 + e^(−a(θ − b))). */
export function probabilityCorrect(theta: number, item: ItemParameters): number {
  return 1 / (1 + Math.exp(-item.discrimination * (theta - item.difficulty)));
}

export type GridConfig = Pick<AdaptiveConfig, 'gridMin' | 'gridMax' | 'gridStep' | 'priorMean' | 'priorSd'>;

/** Item curves on the grid, computed once per (difficulty, discrimination): a bank has few distinct pairs. */
interface ItemCurves {
  logSuccess: Float64Array;
  logFailure: Float64Array;
  /** a²P(1 − P) at each grid point. */
  information: Float64Array;
}

export interface Grid {
  min: number;
  step: number;
  thetas: Float64Array;
  logPrior: Float64Array;
  curves: Map<string, ItemCurves>;
}

const grids = new Map<string, Grid>();

function gridFor(config: GridConfig): Grid {
  const key = `${config.gridMin}|${config.gridMax}|${config.gridStep}|${config.priorMean}|${config.priorSd}`;
  let grid = grids.get(key);
  if (!grid) {
    const size = Math.max(1, Math.round((config.gridMax - config.gridMin) / config.gridStep));
    const thetas = new Float64Array(size);
    const logPrior = new Float64Array(size);
    for (let i = 0; i < size; i += 1) {
      // Cell centres: integer levels fall between two points, so P(θ ≥ level) counts no point by halves.
      const theta = config.gridMin + (i + 0.5) * config.gridStep;
      thetas[i] = theta;
      logPrior[i] = -(((theta - config.priorMean) / config.priorSd) ** 2) / 2;
    }
    grid = { min: config.gridMin, step: config.gridStep, thetas, logPrior, curves: new Map() };
    grids.set(key, grid);
  }
  return grid;
}

function curvesFor(grid: Grid, item: ItemParameters): ItemCurves {
  const key = `${item.difficulty}|${item.discrimination}`;
  let curves = grid.curves.get(key);
  if (!curves) {
    const size = grid.thetas.length;
    curves = { logSuccess: new Float64Array(size), logFailure: new Float64Array(size), information: new Float64Array(size) };
    for (let i = 0; i < size; i += 1) {
      const z = item.discrimination * (grid.thetas[i]! - item.difficulty);
      // log σ(z) and log σ(−z) without overflow.
      const logSuccess = z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
      const p = Math.exp(logSuccess);
      curves.logSuccess[i] = logSuccess;
      curves.logFailure[i] = logSuccess - z;
      curves.information[i] = item.discrimination ** 2 * p * (1 - p);
    }
    grid.curves.set(key, curves);
  }
  return curves;
}

/** EAP posterior on the grid: prior × Π likelihoods, in log space, then normalised. */
export function computePosterior(observations: readonly Observation[], config: GridConfig): Posterior {
  const grid = gridFor(config);
  const logWeights = Float64Array.from(grid.logPrior);
  for (const observation of observations) {
    const curves = curvesFor(grid, observation);
    const log = observation.correct ? curves.logSuccess : curves.logFailure;
    for (let i = 0; i < logWeights.length; i += 1) logWeights[i]! += log[i]!;
  }
  let max = -Infinity;
  for (const value of logWeights) max = Math.max(max, value);
  const weights = new Float64Array(logWeights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i += 1) {
    const weight = Math.exp(logWeights[i]! - max);
    weights[i] = weight;
    total += weight;
  }
  for (let i = 0; i < weights.length; i += 1) weights[i]! /= total;
  return { grid, weights };
}

export function posteriorMean({ grid, weights }: Posterior): number {
  let mean = 0;
  for (let i = 0; i < weights.length; i += 1) mean += grid.thetas[i]! * weights[i]!;
  return mean;
}

export function posteriorSd(posterior: Posterior): number {
  const mean = posteriorMean(posterior);
  let variance = 0;
  for (let i = 0; i < posterior.weights.length; i += 1) variance += posterior.weights[i]! * (posterior.grid.thetas[i]! - mean) ** 2;
  return Math.sqrt(variance);
}

/** P(θ ≥ threshold). */
export function probabilityAtLeast({ grid, weights }: Posterior, threshold: number): number {
  let mass = 0;
  const first = Math.max(0, Math.ceil((threshold - grid.min) / grid.step - 0.5));
  for (let i = first; i < weights.length; i += 1) mass += weights[i]!;
  return mass;
}

/** Fisher information a²P(1 − P), averaged over the posterior (robust while the estimate is still vague). */
export function expectedInformation({ grid, weights }: Posterior, item: ItemParameters): number {
  const { information } = curvesFor(grid, item);
  let total = 0;
  for (let i = 0; i < weights.length; i += 1) total += weights[i]! * information[i]!;
  return total;
}

/** The most probable whole level ⌊θ⌋ and its probability. */
export function mostProbableLevel({ grid, weights }: Posterior): { level: number; probability: number } {
  const mass = new Map<number, number>();
  for (let i = 0; i < weights.length; i += 1) {
    const level = Math.floor(grid.thetas[i]!);
    mass.set(level, (mass.get(level) ?? 0) + weights[i]!);
  }
  let best = { level: 0, probability: -1 };
  for (const [level, probability] of mass) if (probability > best.probability) best = { level, probability };
  return best;
}
