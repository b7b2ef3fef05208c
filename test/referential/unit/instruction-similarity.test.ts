import { describe, expect, it } from 'vitest';
import {
  diceCoefficient,
  findNearDuplicates,
  normalizeForSimilarity,
  similarity,
  trigrams,
} from '../../../tool/src/referential/domain/instruction-similarity.ts';

describe('instruction similarity', () => {
  it('normalises case, accents and spaces', () => {
    expect(normalizeForSimilarity('  Ouvre   le FICHIER\n*élève.odt*  ')).toBe('ouvre le fichier *eleve.odt*');
  });

  it('takes distinct character trigrams, short texts being their own trigram', () => {
    expect(trigrams('abcab')).toEqual(new Set(['abc', 'bca', 'cab']));
    expect(trigrams('ab')).toEqual(new Set(['ab']));
    expect(trigrams('')).toEqual(new Set());
  });

  it('computes the Sørensen–Dice coefficient', () => {
    expect(diceCoefficient(new Set(['a', 'b']), new Set(['b', 'c']))).toBe(0.5);
    expect(diceCoefficient(new Set(), new Set())).toBe(1);
    expect(diceCoefficient(new Set(['a']), new Set())).toBe(0);
    expect(similarity('Cite deux navigateurs web.', 'CITE deux  navigateurs wéb.')).toBe(1);
  });

  it('finds a templated near-duplicate and leaves different questions alone', () => {
    const items = [
      { id: 'piscine', text: 'Tu veux connaître les horaires de la piscine Jean-Bouin le dimanche. Quelle requête est la plus efficace ?' },
      { id: 'autre', text: 'Quel est le type du fichier *vacances.jpg* ?' },
      { id: 'cinema', text: 'Tu veux connaître les horaires du cinéma Jean-Bouin le dimanche. Quelle requête est la plus efficace ?' },
    ];
    const pairs = findNearDuplicates(items);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({ first: 'piscine', second: 'cinema' });
    expect(pairs[0]?.similarity).toBeGreaterThan(0.8);
  });

  it('flags only pairs strictly above the threshold', () => {
    const items = [
      { id: 'a', text: 'abcdefghij' },
      { id: 'b', text: 'abcdefghik' },
    ];
    const score = similarity('abcdefghij', 'abcdefghik');
    expect(findNearDuplicates(items, score)).toEqual([]);
    expect(findNearDuplicates(items, score - 0.01)).toHaveLength(1);
  });

  it('agrees with a brute-force comparison despite its pruning', () => {
    const random = seeded(42);
    const words = ['fichier', 'dossier', 'ouvre', 'image', 'requête', 'moteur', 'page', 'lien', 'mot', 'clé', 'le', 'la', 'un'];
    const items = Array.from({ length: 120 }, (_, index) => ({
      id: `c${index}`,
      text: Array.from({ length: 2 + Math.floor(random() * 6) }, () => words[Math.floor(random() * words.length)] ?? '').join(' '),
    }));
    const threshold = 0.6;
    const expected: string[] = [];
    items.forEach((a, i) =>
      items.slice(i + 1).forEach((b) => {
        if (similarity(a.text, b.text) > threshold) expected.push(`${a.id}~${b.id}`);
      }),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(findNearDuplicates(items, threshold).map((pair) => `${pair.first}~${pair.second}`)).toEqual(expected);
  });

  it('compares 600 instructions quickly', () => {
    const random = seeded(7);
    const items = Array.from({ length: 600 }, (_, index) => ({
      id: `c${index}`,
      text: Array.from({ length: 30 }, () => String.fromCharCode(97 + Math.floor(random() * 26)).repeat(1 + Math.floor(random() * 5))).join(' '),
    }));
    const start = performance.now();
    findNearDuplicates(items);
    // Generous bound for a busy CI machine; it takes a few tens of milliseconds.
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});

/** Mulberry32: reproducible pseudo-random numbers in [0, 1). */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
