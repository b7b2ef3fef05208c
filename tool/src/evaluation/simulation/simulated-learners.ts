import { createRandom, randomIndex } from '../domain/random/seeded-random.ts';
import { RANDOM_RESPONDER_SHARE, type SimulatedLearner } from './response-model.ts';

/** Highest true level drawn for a simulated learner. */
export const MAX_TRUE_LEVEL = 6;

/** `count` learners, each with a true level drawn uniformly in 0–6 for every competence; reproducible from the seed. */
export function createSimulatedLearners({
  count,
  competenceIndexes,
  seed,
}: {
  count: number;
  competenceIndexes: readonly string[];
  seed: string;
}): SimulatedLearner[] {
  return Array.from({ length: count }, (_, i) => {
    const random = createRandom(`${seed}:learner:${i}`);
    const answersAtRandom = random() < RANDOM_RESPONDER_SHARE;
    const trueLevels = new Map(competenceIndexes.map((index) => [index, randomIndex(random, MAX_TRUE_LEVEL + 1)] as const));
    return { id: `learner-${i}`, trueLevels, answersAtRandom };
  });
}
