/**
 * Deterministic randomness from a string seed: the same assessment replays the same épreuves, tests and the
 * benchmark are reproducible. Not for anything secret.
 */

/** 32-bit hash of a string (FNV-1a, then murmur3's finaliser to spread close seeds such as "a1", "a2"). */
export function hashString(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i += 1) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A generator of floats in [0, 1). */
export type RandomSource = () => number;

/** mulberry32 seeded by the string's hash: small, fast and good enough for simulations and randomesque picks. */
export function createRandom(seed: string): RandomSource {
  let state = hashString(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n). */
export function randomIndex(random: RandomSource, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}
