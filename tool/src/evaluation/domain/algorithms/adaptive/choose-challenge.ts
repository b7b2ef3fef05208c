import type { Challenge } from '../../../../referential/domain/referential.ts';
import { randomIndex, type RandomSource } from '../../random/seeded-random.ts';
import { expectedInformation, type Posterior } from './posterior.ts';

/** Information values closer than this are ties (same parameters computed in a different order). */
const TIE = 1e-12;

/**
 * Randomesque maximum information: rank the eligible épreuves by expected Fisher information and draw one
 * uniformly among the `size` best — every épreuve tied with the last of them included, since épreuves of one
 * level share their default parameters — so no épreuve is shown to everyone of a given level (exposure control).
 */
export function chooseChallenge({
  challenges,
  posterior,
  size,
  random,
}: {
  challenges: readonly Challenge[];
  posterior: Posterior;
  size: number;
  random: RandomSource;
}): Challenge | null {
  if (challenges.length === 0) return null;
  const ranked = challenges
    .map((challenge) => ({ challenge, information: expectedInformation(posterior, challenge.irt) }))
    .sort((a, b) => b.information - a.information);
  const cut = ranked[Math.min(Math.max(1, size), ranked.length) - 1]!.information - TIE;
  const pool = ranked.filter((entry) => entry.information >= cut);
  return pool[randomIndex(random, pool.length)]!.challenge;
}
