/**
 * Parameters of the adaptive engine (docs/adaptive-testing.md explains each choice and how they were tuned on
 * the bank). Lengths count the épreuves of one competence within one assessment.
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
  /** 6: a competence evaluation always goes past its first checkpoint (one every 5 answers). */
  minLength: number;
  maxLength: number;
  /** Past the minimum length, stop once the posterior standard deviation is at most this… */
  stopSd: number;
  /** …or once every untested acquis is settled at least this surely (P(mastered) ≥ it or ≤ 1 − it). */
  stopSettledConfidence: number;
  /** Randomesque exposure control: the next épreuve is drawn among the this-many most informative ones. */
  randomesqueSize: number;
  /**
   * Chance that a learner who masters an acquis still fails its épreuve (inattention, misclick): with it, one
   * careless error no longer pulls the estimate down by several levels.
   */
  lapseRate: number;
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
  minLength: 6,
  maxLength: 12,
  stopSd: 0.75,
  stopSettledConfidence: 0.9,
  randomesqueSize: 5,
  defaultDiscrimination: 1.5,
  lapseRate: 0.05,
};
