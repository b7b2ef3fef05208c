import type { Challenge } from '../../../../referential/domain/referential.ts';
import type { AdaptiveConfig } from './adaptive-config.ts';
import type { ItemParameters } from './posterior.ts';

/** One parameter object per épreuve and lapse rate, so the posterior's curve cache is hit by identity. */
const cache = new WeakMap<Challenge, Map<number, ItemParameters>>();

/** The response model of an épreuve: its referential 2PL parameters and the engine's lapse rate. */
export function itemParameters(challenge: Challenge, config: Pick<AdaptiveConfig, 'lapseRate'>): ItemParameters {
  let byLapse = cache.get(challenge);
  if (!byLapse) {
    byLapse = new Map();
    cache.set(challenge, byLapse);
  }
  let item = byLapse.get(config.lapseRate);
  if (!item) {
    item = { difficulty: challenge.irt.difficulty, discrimination: challenge.irt.discrimination, lapse: config.lapseRate };
    byLapse.set(config.lapseRate, item);
  }
  return item;
}
