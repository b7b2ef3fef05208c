import { describe, expect, it } from 'vitest';
import { levenshtein, levenshteinRatio } from '../../../../tool/src/referential/domain/answer-validation/index.ts';

describe('levenshtein', () => {
  it.each<[string, string, number]>([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['same', 'same', 0],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['abc', 'acb', 2],
    ['😀a', 'a', 1],
  ])('levenshtein(%j, %j) = %d', (a, b, expected) => {
    expect(levenshtein(a, b)).toBe(expected);
    expect(levenshtein(b, a)).toBe(expected);
  });

  it('handles two 2,000-character inputs (bounded answers) quickly', () => {
    const a = 'ab'.repeat(1_000);
    const b = 'ba'.repeat(1_000);
    const started = performance.now();
    expect(levenshtein(a, b)).toBe(2);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('levenshteinRatio', () => {
  it.each<[string, string, number]>([
    ['pari', 'paris', 0.25],
    ['abce', 'abcd', 0.25],
    ['abc', 'abcd', 1 / 3],
    ['', '', 0],
    ['', 'x', Number.POSITIVE_INFINITY],
  ])('ratio(%j, %j) = %d (relative to the answer length)', (answer, reference, expected) => {
    expect(levenshteinRatio(answer, reference)).toBe(expected);
  });
});
