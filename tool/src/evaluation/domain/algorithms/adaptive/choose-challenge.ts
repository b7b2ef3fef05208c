import type { Challenge } from '../../../../referential/domain/referential.ts';
import { randomIndex, type RandomSource } from '../../random/seeded-random.ts';
import type { AdaptiveConfig } from './adaptive-config.ts';
import { itemParameters } from './item-parameters.ts';
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
  config,
}: {
  challenges: readonly Challenge[];
  posterior: Posterior;
  size: number;
  random: RandomSource;
  config: AdaptiveConfig;
}): Challenge | null {
  if (challenges.length === 0) return null;
  // Many épreuves share their parameters (the defaults of their level): compute each information once.
  const byParameters = new Map<string, number>();
  const information = (challenge: Challenge) => {
    const key = `${challenge.irt.difficulty}|${challenge.irt.discrimination}`;
    let value = byParameters.get(key);
    if (value === undefined) {
      value = expectedInformation(posterior, itemParameters(challenge, config));
      byParameters.set(key, value);
    }
    return value;
  };
  const ranked = challenges
    .map((challenge) => ({ challenge, information: information(challenge) }))
    .sort((a, b) => b.information - a.information);
  const cut = ranked[Math.min(Math.max(1, size), ranked.length) - 1]!.information - TIE;
  const pool = ranked.filter((entry) => entry.information >= cut);
  return pool[randomIndex(random, pool.length)]!.challenge;
}
