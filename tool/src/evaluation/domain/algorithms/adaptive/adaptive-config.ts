/**
 * Parameters of the adaptive engine (docs/adaptive-testing.md explains each choice). Lengths count the épreuves
 * of one competence within one assessment.
 */
export interface AdaptiveConfig {
  /** θ grid on the level scale: [gridMin, gridMax] cut in cells of gridStep, θ at each cell's centre. */
  gridMin: number;
  gridMax: number;
  gridStep: number;
  /** Gaussian prior on θ, wide enough for every level 0–8. */
  priorMean: number;
  priorSd: number;
  /** The first épreuve of a competence is a non-timed one at this level (or the nearest). */
  firstChallengeLevel: number;
  /** Never an acquis more than this many levels above the current estimate. */
  maxLevelsAboveEstimate: number;
  minLength: number;
  maxLength: number;
  /** Stop once the posterior standard deviation is at most this… */
  stopSd: number;
  /** …or once every untested acquis is settled: P(mastered) ≥ settleProbability or ≤ 1 − settleProbability. */
  settleProbability: number;
  finalSettleProbability: number;
  stopLevelProbability: number;
  stopMaxShift: number;
  /** Randomesque exposure control: the next épreuve is drawn among the this-many most informative ones. */
  randomesqueSize: number;
  /** Discrimination given to a past direct KE used as an observation (no épreuve parameters at hand). */
  defaultDiscrimination: number;
}

export const DEFAULT_ADAPTIVE_CONFIG: AdaptiveConfig = {
  gridMin: -2,
  gridMax: 10,
  gridStep: 0.1,
  priorMean: 3,
  priorSd: 2,
  firstChallengeLevel: 2,
  maxLevelsAboveEstimate: 2,
  minLength: 5,
  maxLength: 12,
  stopSd: 0.3,
  settleProbability: 0.9,
  finalSettleProbability: 0.5,
  stopLevelProbability: 1.1,
  stopMaxShift: 100,
  randomesqueSize: 5,
  defaultDiscrimination: 1.5,
};
