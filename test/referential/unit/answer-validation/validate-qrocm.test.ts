import { describe, expect, it } from 'vitest';
import {
  validateAnswer,
  type AnswerStatus,
  type Solution,
} from '../../../../tool/src/referential/domain/answer-validation/index.ts';
import { errorCodeOf } from './helpers.ts';

describe('QROCM-ind', () => {
  const solution: Solution = {
    type: 'QROCM-ind',
    accepted: { dossier: ['Histoire'], ext: ['odt'] },
    treatments: ['t1', 't2', 't3'],
    blocks: { dossier: 'input', ext: 'select' },
  };

  it.each<[string, unknown, AnswerStatus, Record<string, boolean>]>([
    ['both right', { dossier: 'histoire', ext: 'odt' }, 'ok', { dossier: true, ext: true }],
    ['a typo in the input (t3)', { dossier: 'Histoir', ext: 'odt' }, 'ok', { dossier: true, ext: true }],
    ['wrong input', { dossier: 'Géographie', ext: 'odt' }, 'ko', { dossier: false, ext: true }],
    ['select in another case', { dossier: 'Histoire', ext: 'ODT' }, 'ko', { dossier: true, ext: false }],
    ['a missing key', { dossier: 'Histoire' }, 'ko', { dossier: true, ext: false }],
    ['an empty field', { dossier: '', ext: 'odt' }, 'ko', { dossier: false, ext: true }],
    ['an empty object', {}, 'ko', { dossier: false, ext: false }],
    ['a number value', { dossier: 'Histoire', ext: 5 }, 'ko', { dossier: true, ext: false }],
    ['a YAML dump', 'dossier: Histoire\next: odt\n', 'ok', { dossier: true, ext: true }],
    ['a YAML dump with quotes', "dossier: 'histoire'\next: \"odt\"", 'ok', { dossier: true, ext: true }],
    ['a YAML flow map', '{dossier: Histoire, ext: odt}', 'ok', { dossier: true, ext: true }],
    ['a YAML dump with an empty value', 'dossier:\next: odt', 'ko', { dossier: false, ext: true }],
    ['a YAML value with a colon inside quotes', "dossier: 'Histoire: moderne'\next: odt", 'ko', { dossier: false, ext: true }],
  ])('%s → %s', (_name, value, status, details) => {
    expect(validateAnswer(solution, { value })).toEqual({ status, details });
  });

  it('keeps YAML scalars as strings (FAILSAFE: "007" stays "007", "yes" stays "yes")', () => {
    const codes: Solution = {
      type: 'QROCM-ind',
      accepted: { code: ['007'], answer: ['yes'] },
      treatments: [],
      blocks: { code: 'input', answer: 'input' },
    };
    expect(validateAnswer(codes, { value: 'code: 007\nanswer: yes' })).toEqual({ status: 'ok', details: { code: true, answer: true } });
  });

  it.each<[string, unknown, string]>([
    ['an unknown key', { dossier: 'Histoire', ext: 'odt', autre: 'x' }, 'ANSWER_UNKNOWN_KEY'],
    ['an unknown key in YAML', 'dossier: Histoire\nautre: x', 'ANSWER_UNKNOWN_KEY'],
    ['a __proto__ key', JSON.parse('{"__proto__": "x"}'), 'ANSWER_UNKNOWN_KEY'],
    ['a "constructor" key', { constructor: 'x' }, 'ANSWER_UNKNOWN_KEY'],
    ['null', null, 'ANSWER_MALFORMED'],
    ['an array', ['Histoire', 'odt'], 'ANSWER_MALFORMED'],
    ['a number', 42, 'ANSWER_MALFORMED'],
    ['a nested object', { dossier: { nom: 'Histoire' }, ext: 'odt' }, 'ANSWER_MALFORMED'],
    ['a null value', { dossier: null, ext: 'odt' }, 'ANSWER_MALFORMED'],
    ['an array value', { dossier: ['Histoire'], ext: 'odt' }, 'ANSWER_MALFORMED'],
    ['unclosed YAML', 'dossier: [Histoire', 'ANSWER_MALFORMED'],
    ['YAML with a duplicate key', 'dossier: a\ndossier: b', 'ANSWER_MALFORMED'],
    ['a YAML scalar', 'just a sentence', 'ANSWER_MALFORMED'],
    ['an empty string', '', 'ANSWER_MALFORMED'],
    ['a YAML list', '- Histoire\n- odt', 'ANSWER_MALFORMED'],
    ['nested YAML', 'dossier:\n  nom: Histoire', 'ANSWER_MALFORMED'],
    ['a YAML alias', 'dossier: &a Histoire\next: *a', 'ANSWER_MALFORMED'],
    ['a YAML complex key', '? [dossier]\n: Histoire', 'ANSWER_MALFORMED'],
    ['several YAML documents', 'dossier: a\n---\next: odt', 'ANSWER_MALFORMED'],
    ['a 2,001-character value', { dossier: 'x'.repeat(2_001), ext: 'odt' }, 'ANSWER_TOO_LONG'],
    ['a 2,001-character YAML value', `dossier: ${'x'.repeat(2_001)}`, 'ANSWER_TOO_LONG'],
    ['a YAML payload over 10 kB', `dossier: Histoire\next: odt\n#${'x'.repeat(10_000)}`, 'ANSWER_TOO_LONG'],
    [
      'an object payload over 10 kB',
      Object.fromEntries(Array.from({ length: 6 }, (_, index) => [`k${index}`, 'x'.repeat(1_900)])),
      'ANSWER_TOO_LONG',
    ],
  ])('%s → %s', (_name, value, code) => {
    expect(errorCodeOf(() => validateAnswer(solution, { value }))).toBe(code);
  });
});

describe('QROCM-dep', () => {
  const browsers: Solution = {
    type: 'QROCM-dep',
    accepted: {
      firefox: ['Firefox', 'Mozilla Firefox'],
      chrome: ['Chrome', 'Google Chrome', 'Chromium'],
      edge: ['Edge', 'Microsoft Edge'],
      safari: ['Safari'],
    },
    treatments: ['t1', 't2', 't3'],
    fieldKeys: ['n1', 'n2'],
  };

  it.each<[string, unknown, AnswerStatus, Record<string, boolean>]>([
    ['two different browsers', { n1: 'Firefox', n2: 'Chrome' }, 'ok', { n1: true, n2: true }],
    ['in the other order', { n1: 'chrome', n2: 'firefox' }, 'ok', { n1: true, n2: true }],
    ['two variants of one group (group used once)', { n1: 'Firefox', n2: 'Mozilla Firefox' }, 'ko', { n1: true, n2: false }],
    ['the same answer twice', { n1: 'Firefox', n2: 'Firefox' }, 'ko', { n1: true, n2: false }],
    ['one empty field', { n1: 'Firefox', n2: '' }, 'ko', { n1: true, n2: false }],
    ['one missing field', { n1: 'Firefox' }, 'ko', { n1: true, n2: false }],
    ['one unknown browser', { n1: 'Opera', n2: 'Edge' }, 'ko', { n1: false, n2: true }],
    ['typos (t3)', { n1: 'Firefx', n2: 'Chrom' }, 'ok', { n1: true, n2: true }],
    ['a YAML dump', 'n1: Safari\nn2: Microsoft Edge', 'ok', { n1: true, n2: true }],
  ])('%s → %s', (_name, value, status, details) => {
    expect(validateAnswer(browsers, { value })).toEqual({ status, details });
  });

  it('assigns fields to groups so that order never matters (not first-come greedy)', () => {
    // "soleil" fits both groups, "lune" only the first: a greedy pass in field order would fail.
    const solution: Solution = {
      type: 'QROCM-dep',
      accepted: { a: ['soleil', 'lune'], b: ['soleil'] },
      treatments: ['t1'],
      fieldKeys: ['f1', 'f2'],
    };
    expect(validateAnswer(solution, { value: { f1: 'soleil', f2: 'lune' } })).toEqual({ status: 'ok', details: { f1: true, f2: true } });
    expect(validateAnswer(solution, { value: { f1: 'lune', f2: 'soleil' } })).toEqual({ status: 'ok', details: { f1: true, f2: true } });
  });

  it.each<[string, unknown, string]>([
    ['an unknown field key', { n1: 'Firefox', n3: 'Chrome' }, 'ANSWER_UNKNOWN_KEY'],
    ['a group key instead of a field key', { firefox: 'Firefox' }, 'ANSWER_UNKNOWN_KEY'],
    ['a null field', { n1: null, n2: 'Chrome' }, 'ANSWER_MALFORMED'],
    ['a YAML list value', 'n1: [Firefox]\nn2: Chrome', 'ANSWER_MALFORMED'],
    ['a plain string', 'Firefox, Chrome', 'ANSWER_MALFORMED'],
  ])('%s → %s', (_name, value, code) => {
    expect(errorCodeOf(() => validateAnswer(browsers, { value }))).toBe(code);
  });
});
