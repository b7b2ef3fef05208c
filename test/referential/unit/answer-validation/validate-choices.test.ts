import { describe, expect, it } from 'vitest';
import {
  validateAnswer,
  type AnswerStatus,
  type Solution,
} from '../../../../tool/src/referential/domain/answer-validation/index.ts';
import { errorCodeOf } from './helpers.ts';

describe('QCU', () => {
  const solution: Solution = { type: 'QCU', value: 2 };

  it.each<[string, unknown, AnswerStatus]>([
    ['the right number', 2, 'ok'],
    ['the right number as a string', '2', 'ok'],
    ['the right number with spaces around', ' 2 ', 'ok'],
    ['a leading zero', '02', 'ok'],
    ['another proposal', 3, 'ko'],
    ['another proposal as a string', '3', 'ko'],
    ['a decimal number', 2.5, 'ko'],
    ['a decimal string', '2.0', 'ko'],
    ['a negative number', -2, 'ko'],
    ['a word', 'deux', 'ko'],
    ['an empty string', '', 'ko'],
    ['NaN', Number.NaN, 'ko'],
  ])('%s → %s', (_name, value, expected) => {
    expect(validateAnswer(solution, { value }).status).toBe(expected);
  });

  it.each<[string, unknown, string]>([
    ['null', null, 'ANSWER_MALFORMED'],
    ['undefined', undefined, 'ANSWER_MALFORMED'],
    ['a boolean', true, 'ANSWER_MALFORMED'],
    ['an array', [2], 'ANSWER_MALFORMED'],
    ['an object', { value: 2 }, 'ANSWER_MALFORMED'],
    ['a 2,001-character string', '2'.repeat(2_001), 'ANSWER_TOO_LONG'],
  ])('%s → %s', (_name, value, code) => {
    expect(errorCodeOf(() => validateAnswer(solution, { value }))).toBe(code);
  });
});

describe('QCM', () => {
  const solution: Solution = { type: 'QCM', values: [2, 4] };

  it.each<[string, unknown, AnswerStatus]>([
    ['the right numbers', [2, 4], 'ok'],
    ['the right numbers in another order', [4, 2], 'ok'],
    ['a comma-separated string', '2,4', 'ok'],
    ['a comma-separated string, other order, spaces', ' 4 , 2 ', 'ok'],
    ['numeric strings in an array', ['2', '4'], 'ok'],
    ['one missing', [2], 'ko'],
    ['one too many', [2, 4, 1], 'ko'],
    ['a duplicate in an array', [2, 2, 4], 'ko'],
    ['a duplicate in a string', '2,4,4', 'ko'],
    ['an empty array', [], 'ko'],
    ['an empty string', '', 'ko'],
    ['an empty item', '2,,4', 'ko'],
    ['another separator', '2;4', 'ko'],
    ['words', 'a,b', 'ko'],
    ['a decimal choice', [2, 4.5], 'ko'],
  ])('%s → %s', (_name, value, expected) => {
    expect(validateAnswer(solution, { value }).status).toBe(expected);
  });

  it.each<[string, unknown, string]>([
    ['null', null, 'ANSWER_MALFORMED'],
    ['an object', { 0: 2, 1: 4 }, 'ANSWER_MALFORMED'],
    ['a null choice', [2, null], 'ANSWER_MALFORMED'],
    ['a nested array', [[2], [4]], 'ANSWER_MALFORMED'],
    ['101 choices in an array', Array.from({ length: 101 }, (_, index) => index + 1), 'ANSWER_TOO_LONG'],
    ['101 choices in a string', Array.from({ length: 101 }, (_, index) => index + 1).join(','), 'ANSWER_TOO_LONG'],
    ['a 2,001-character choice', ['2'.repeat(2_001)], 'ANSWER_TOO_LONG'],
  ])('%s → %s', (_name, value, code) => {
    expect(errorCodeOf(() => validateAnswer(solution, { value }))).toBe(code);
  });
});
