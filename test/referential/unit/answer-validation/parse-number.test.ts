import { describe, expect, it } from 'vitest';
import { parseLocaleNumber } from '../../../../tool/src/referential/domain/answer-validation/index.ts';

describe('parseLocaleNumber', () => {
  it.each<[string, number | null]>([
    ['1,5', 1.5],
    ['1.5', 1.5],
    ['1,50', 1.5],
    [' 42 ', 42],
    ['1 000', 1000],
    ['1\u00A0000,5', 1000.5],
    ['1\u202F000', 1000],
    ['1\u2009000', 1000],
    ['−3', -3],
    ['+2', 2],
    ['.5', 0.5],
    ['5.', 5],
    ['1,2,3', null],
    ['1.000,5', null],
    ['1e3', null],
    ['abc', null],
    ['', null],
    ['-', null],
  ])('%j → %s', (input, expected) => {
    expect(parseLocaleNumber(input)).toBe(expected);
  });
});
