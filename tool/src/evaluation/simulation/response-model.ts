import type { Challenge } from '../../referential/domain/referential.ts';

/**
 * The simulated learners' response model, fixed by the issue so that no method can be tuned to it: an épreuve
 * whose acquis level is ≤ the learner's true level L is passed with probability 0.9; otherwise guessed right with
 * probability 1 ÷ number of proposals (QCU) or 0.05 (other types); 10 % of learners answer at random (0.5).
 */
export const MASTERED_SUCCESS_PROBABILITY = 0.9;
export const GUESS_PROBABILITY_OTHER_TYPES = 0.05;
export const RANDOM_RESPONDER_SHARE = 0.1;
export const RANDOM_RESPONDER_SUCCESS_PROBABILITY = 0.5;

export interface SimulatedLearner {
  id: string;
  /** True level L (0–6) per competence index. */
  trueLevels: ReadonlyMap<string, number>;
  /** One of the 10 % who answer at random. */
  answersAtRandom: boolean;
}

export function successProbability(challenge: Challenge, learner: SimulatedLearner): number {
  if (learner.answersAtRandom) return RANDOM_RESPONDER_SUCCESS_PROBABILITY;
  const trueLevel = learner.trueLevels.get(challenge.competenceIndex) ?? 0;
  if (challenge.level <= trueLevel) return MASTERED_SUCCESS_PROBABILITY;
  if (challenge.type === 'QCU' && challenge.proposals.kind === 'choices' && challenge.proposals.choicesHtml.length > 0) {
    return 1 / challenge.proposals.choicesHtml.length;
  }
  return GUESS_PROBABILITY_OTHER_TYPES;
}
