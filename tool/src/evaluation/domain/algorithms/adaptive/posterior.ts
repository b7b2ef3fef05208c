import type { AdaptiveConfig } from './adaptive-config.ts';

/**
 * Response model of an épreuve on the level scale: the referential's 2PL (difficulty b, discrimination a) with an
 * optional lapse (upper asymptote 1 − lapse): P(θ) = (1 − lapse) × σ(a(θ − b)).
 */
export interface ItemParameters {
  difficulty: number;
  discrimination: number;
  /** Chance of a wrong answer despite mastery (inattention, misclick). */
  lapse?: number;
}

/** One scored response. */
export interface Observation {
  item: ItemParameters;
  correct: boolean;
}

/** A discrete posterior over θ: `weights` sum to 1. */
export interface Posterior {
  grid: Grid;
  weights: Float64Array;
}

/** P(success | θ) = (1 − lapse) ÷ (1 + e^(−a(θ − b))). */
export function probabilityCorrect(theta: number, item: ItemParameters): number {
  return (1 - (item.lapse ?? 0)) / (1 + Math.exp(-item.discrimination * (theta - item.difficulty)));
}

export type GridConfig = Pick<AdaptiveConfig, 'gridMin' | 'gridMax' | 'gridStep' | 'priorMean' | 'priorSd'>;

/** Item curves on the grid, computed once per (difficulty, discrimination): a bank has few distinct pairs. */
interface ItemCurves {
  logSuccess: Float64Array;
  logFailure: Float64Array;
  /** Fisher information at each grid point. */
  information: Float64Array;
}

export interface Grid {
  min: number;
  step: number;
  thetas: Float64Array;
  logPrior: Float64Array;
  curves: Map<string, ItemCurves>;
  /** Same curves by parameter object: the selection asks for the same épreuves' curves again and again. */
  curvesByItem: WeakMap<ItemParameters, ItemCurves>;
}

const grids = new Map<string, Grid>();
const gridsByConfig = new WeakMap<GridConfig, Grid>();

function gridFor(config: GridConfig): Grid {
  const known = gridsByConfig.get(config);
  if (known) return known;
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
    grid = { min: config.gridMin, step: config.gridStep, thetas, logPrior, curves: new Map(), curvesByItem: new WeakMap() };
    grids.set(key, grid);
  }
  gridsByConfig.set(config, grid);
  return grid;
}

function curvesFor(grid: Grid, item: ItemParameters): ItemCurves {
  const known = grid.curvesByItem.get(item);
  if (known) return known;
  const lapse = item.lapse ?? 0;
  const key = `${item.difficulty}|${item.discrimination}|${lapse}`;
  let curves = grid.curves.get(key);
  if (!curves) {
    const size = grid.thetas.length;
    curves = { logSuccess: new Float64Array(size), logFailure: new Float64Array(size), information: new Float64Array(size) };
    for (let i = 0; i < size; i += 1) {
      const z = item.discrimination * (grid.thetas[i]! - item.difficulty);
      // log σ(z) without overflow; log(1 − (1 − lapse)σ(z)) = log(σ(−z) + lapse·σ(z)).
      const logSigma = z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
      const sigma = Math.exp(logSigma);
      const p = (1 - lapse) * sigma;
      curves.logSuccess[i] = Math.log1p(-lapse) + logSigma;
      curves.logFailure[i] = lapse === 0 ? logSigma - z : Math.log(Math.exp(logSigma - z) + lapse * sigma);
      // Fisher information P'² ÷ (P(1 − P)), P' = a(1 − lapse)σ(1 − σ).
      const slope = item.discrimination * (1 - lapse) * sigma * (1 - sigma);
      curves.information[i] = p > 0 && p < 1 ? (slope * slope) / (p * (1 - p)) : 0;
    }
    grid.curves.set(key, curves);
  }
  grid.curvesByItem.set(item, curves);
  return curves;
}

/** EAP posterior on the grid: prior × Π likelihoods, in log space, then normalised. */
export function computePosterior(observations: readonly Observation[], config: GridConfig): Posterior {
  const grid = gridFor(config);
  const logWeights = Float64Array.from(grid.logPrior);
  for (const observation of observations) {
    const curves = curvesFor(grid, observation.item);
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

const tails = new WeakMap<Posterior, Float64Array>();

/** P(θ ≥ threshold), from tail sums computed once per posterior. */
export function probabilityAtLeast(posterior: Posterior, threshold: number): number {
  const { grid, weights } = posterior;
  let tail = tails.get(posterior);
  if (!tail) {
    tail = new Float64Array(weights.length + 1);
    for (let i = weights.length - 1; i >= 0; i -= 1) tail[i] = tail[i + 1]! + weights[i]!;
    tails.set(posterior, tail);
  }
  const first = Math.ceil((threshold - grid.min) / grid.step - 0.5);
  return tail[Math.min(weights.length, Math.max(0, first))]!;
}

/** Fisher information, averaged over the posterior (robust while the estimate is still vague). */
export function expectedInformation({ grid, weights }: Posterior, item: ItemParameters): number {
  const { information } = curvesFor(grid, item);
  let total = 0;
  for (let i = 0; i < weights.length; i += 1) total += weights[i]! * information[i]!;
  return total;
}

