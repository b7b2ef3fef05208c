/**
 * Near-duplicate instructions: two épreuves built from one template ("the same question with another
 * word") are one épreuve for the learner and for the adaptive engine. Similarity is the Sørensen–Dice
 * coefficient of the character-trigram sets of the normalised texts.
 */

export interface SimilarityItem {
  id: string;
  text: string;
}

export interface NearDuplicate {
  /** The two ids, `first` before `second` in the input order. */
  first: string;
  second: string;
  /** Dice coefficient, 0–1. */
  similarity: number;
}

const COMBINING_MARKS = /\p{M}/gu;
const WHITESPACE = /\s+/g;

/** Lower case, no accents, single spaces: "Ouvre  le FICHIER" ≈ "ouvre le fichier". */
export function normalizeForSimilarity(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '').replace(WHITESPACE, ' ').trim();
}

/** Distinct character trigrams; a text shorter than three characters is its own single "trigram". */
export function trigrams(text: string): Set<string> {
  const set = new Set<string>();
  if (text.length < 3) {
    if (text !== '') set.add(text);
    return set;
  }
  for (let i = 0; i + 3 <= text.length; i++) set.add(text.slice(i, i + 3));
  return set;
}

/** 2·|A∩B| / (|A|+|B|); two empty sets are identical. */
export function diceCoefficient(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const gram of small) if (large.has(gram)) shared++;
  return (2 * shared) / (a.size + b.size);
}

export function similarity(a: string, b: string): number {
  return diceCoefficient(trigrams(normalizeForSimilarity(a)), trigrams(normalizeForSimilarity(b)));
}

/**
 * Every pair whose similarity is strictly above `threshold`, in input order. Trigrams become sorted integer
 * arrays (a merge counts the shared ones), and pairs are visited by increasing set size so that the
 * bound Dice ≤ 2·min/(|A|+|B|) ends each row early: 600 instructions take a few milliseconds.
 */
export function findNearDuplicates(items: readonly SimilarityItem[], threshold = 0.8): NearDuplicate[] {
  const vocabulary = new Map<string, number>();
  const sets = items.map((item, index) => {
    const ids = [...trigrams(normalizeForSimilarity(item.text))].map((gram) => {
      let id = vocabulary.get(gram);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(gram, id);
      }
      return id;
    });
    return { index, grams: Int32Array.from(ids).sort() };
  });
  sets.sort((a, b) => a.grams.length - b.grams.length || a.index - b.index);

  const pairs: Array<{ first: number; second: number; similarity: number }> = [];
  for (let i = 0; i < sets.length; i++) {
    const a = sets[i];
    if (!a) continue;
    for (let j = i + 1; j < sets.length; j++) {
      const b = sets[j];
      if (!b) continue;
      const total = a.grams.length + b.grams.length;
      // b only grows from here: once even a full overlap cannot exceed the threshold, no later b can.
      if (total > 0 && (2 * a.grams.length) / total <= threshold) break;
      const dice = total === 0 ? 1 : (2 * countShared(a.grams, b.grams)) / total;
      if (dice <= threshold) continue;
      const [first, second] = a.index < b.index ? [a.index, b.index] : [b.index, a.index];
      pairs.push({ first, second, similarity: dice });
    }
  }
  return pairs
    .sort((x, y) => x.first - y.first || x.second - y.second)
    .map((pair) => ({ first: items[pair.first]?.id ?? '', second: items[pair.second]?.id ?? '', similarity: pair.similarity }));
}

function countShared(a: Int32Array, b: Int32Array): number {
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}
