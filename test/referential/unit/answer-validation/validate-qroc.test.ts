import { describe, expect, it } from 'vitest';
import {
  validateAnswer,
  type AnswerStatus,
  type Solution,
  type Treatment,
} from '../../../../tool/src/referential/domain/answer-validation/index.ts';
import { errorCodeOf } from './helpers.ts';

const ALL: Treatment[] = ['t1', 't2', 't3'];

function qroc(accepted: string[], treatments: Treatment[] = ALL, extra: { format?: string; select?: boolean } = {}): Solution {
  const solution: Solution = { type: 'QROC', accepted, treatments, blockKind: extra.select ? 'select' : 'input' };
  if (extra.format !== undefined) solution.format = extra.format;
  return solution;
}

/** Rows are written as compact tuples; naming them lets the test title show the expected status. */
function named<Row extends [string, Solution, unknown, AnswerStatus]>(rows: Row[]) {
  return rows.map(([name, solution, value, expected]) => ({ name, solution, value, expected }));
}

describe('QROC, free text', () => {
  it.each(named<[string, Solution, unknown, AnswerStatus]>([
    // default treatments t1 t2 t3
    ['exact answer', qroc(['musaraigne', 'la musaraigne']), 'musaraigne', 'ok'],
    ['capitalised', qroc(['musaraigne']), 'Musaraigne', 'ok'],
    ['upper case with spaces around', qroc(['musaraigne']), '  MUSARAIGNE  ', 'ok'],
    ['second accepted variant', qroc(['musaraigne', 'la musaraigne']), 'la musaraigne', 'ok'],
    ['trailing punctuation', qroc(['musaraigne', 'la musaraigne']), 'La Musaraigne.', 'ok'],
    ['one typo (t3, ratio 0.1)', qroc(['musaraigne']), 'musaraigme', 'ok'],
    ['plural (t3, ratio 1/11)', qroc(['musaraigne']), 'Musaraignes', 'ok'],
    ['another animal', qroc(['musaraigne']), 'girafe', 'ko'],
    ['empty string', qroc(['musaraigne']), '', 'ko'],
    ['only spaces', qroc(['musaraigne']), '   ', 'ko'],
    ['only a non-breaking space', qroc(['musaraigne']), '\u00A0', 'ko'],
    ['only punctuation', qroc(['a']), '???', 'ko'],
    // accents
    ['missing accents under t1', qroc(['élève'], ['t1']), 'eleve', 'ok'],
    ['upper-case accents under t1', qroc(['élève'], ['t1']), 'ÉLÈVE', 'ok'],
    ['decomposed accents under t1', qroc(['élève'], ['t1']), 'e\u0301le\u0300ve', 'ok'],
    ['missing accents without t1', qroc(['élève'], []), 'eleve', 'ko'],
    ['decomposed accents without treatment (NFC)', qroc(['élève'], []), 'e\u0301le\u0300ve', 'ok'],
    ['accepted value written decomposed', qroc(['e\u0301le\u0300ve'], []), 'élève', 'ok'],
    // ligatures
    ['oe for œ under t1', qroc(['œuvre'], ['t1']), 'oeuvre', 'ok'],
    ['OEUVRE for œuvre under t1', qroc(['œuvre'], ['t1']), 'OEUVRE', 'ok'],
    ['Œ for oe under t1', qroc(['oeuvre'], ['t1']), 'Œuvre', 'ok'],
    ['æ for ae under t1', qroc(['ex aequo'], ['t1']), 'ex æquo', 'ok'],
    ['oe for œ without t1', qroc(['œuvre'], []), 'oeuvre', 'ko'],
    // apostrophes and quotes
    ['’ for \' under t1', qroc(["l'école"], ['t1']), 'l’école', 'ok'],
    ['\' for ’ under t1', qroc(['l’école'], ['t1']), "l'ecole", 'ok'],
    ['ʼ for \' under t1', qroc(["l'école"], ['t1']), 'lʼécole', 'ok'],
    ['‘ and capitals under t1', qroc(["l'école"], ['t1']), 'L‘École', 'ok'],
    ['« » for " under t1', qroc(['"ok"'], ['t1']), '« ok »', 'ok'],
    ['’ for \' without treatment', qroc(["l'école"], []), 'l’école', 'ko'],
    // spaces
    ['non-breaking space without treatment', qroc(['a b'], []), 'a\u00A0b', 'ok'],
    ['narrow non-breaking space without treatment', qroc(['a b'], []), 'a\u202Fb', 'ok'],
    ['double space without treatment', qroc(['a b'], []), 'a  b', 'ko'],
    ['extra inner spaces under t1', qroc(['mot de passe'], ['t1']), 'mot  de   passe', 'ok'],
    ['no spaces at all under t1', qroc(['mot de passe'], ['t1']), 'motdepasse', 'ok'],
    // case and punctuation
    ['wrong case without t1', qroc(['Paris'], ['t2']), 'paris', 'ko'],
    ['right case under t2 only', qroc(['Paris'], ['t2']), 'Paris', 'ok'],
    ['punctuation under t2 only', qroc(['Paris'], ['t2']), 'Paris !', 'ok'],
    ['punctuation missing without t2', qroc(["l'ENT"], ['t1']), 'lent', 'ko'],
    ['same punctuation without t2', qroc(["l'ENT"], ['t1']), "l'ENT", 'ok'],
    ['apostrophe as a space under t1 t2', qroc(["l'ENT"], ['t1', 't2']), 'l ENT', 'ok'],
    ['extra punctuation under t1 t2', qroc(["l'ENT"], ['t1', 't2']), "l'ENT !", 'ok'],
    ['no apostrophe under t1 t2', qroc(["l'ENT"], ['t1', 't2']), 'lent', 'ok'],
    // t3 boundaries: ratio = distance / answer length, accepted up to 0.25 included
    ['t3 exact', qroc(['abcd'], ['t3']), 'abcd', 'ok'],
    ['t3 ratio exactly 0.25 (1/4)', qroc(['abcd'], ['t3']), 'abce', 'ok'],
    ['t3 ratio exactly 0.25 (2/8)', qroc(['abcdefgh'], ['t3']), 'abcdefXY', 'ok'],
    ['t3 ratio 0.2 (1/5)', qroc(['abcd'], ['t3']), 'abcde', 'ok'],
    ['t3 ratio 0.33 (1/3) rejected', qroc(['abcd'], ['t3']), 'abc', 'ko'],
    ['t3 ratio 0.375 (3/8) rejected', qroc(['abcdefgh'], ['t3']), 'abcdeXYZ', 'ko'],
    ['t3 short answer, long reference', qroc(['abcd'], ['t3']), 'ab', 'ko'],
    ['typo without t3', qroc(['abcd'], ['t1', 't2']), 'abce', 'ko'],
    ['t3 after t1 (accent and typo)', qroc(['Géographie'], ALL), 'geografie', 'ok'],
    // numbers sent unquoted are read as text
    ['a number value', qroc(['42'], ALL), 42, 'ok'],
    ['a wrong number value', qroc(['42'], ['t1']), 43, 'ko'],
    ['exactly 2,000 characters is still judged', qroc(['abc']), 'x'.repeat(2_000), 'ko'],
  ]))('$name → $expected', ({ solution, value, expected }) => {
    expect(validateAnswer(solution, { value }).status).toBe(expected);
  });
});

describe('QROC, format nombre', () => {
  const number = (accepted: string[]): Solution => qroc(accepted, ['t1', 't2'], { format: 'nombre' });

  it.each(named<[string, Solution, unknown, AnswerStatus]>([
    ['decimal comma', number(['1.5']), '1,5', 'ok'],
    ['decimal point', number(['1.5']), '1.5', 'ok'],
    ['trailing zero', number(['1.5']), '1,50', 'ok'],
    ['spaces around', number(['1.5']), ' 1,5 ', 'ok'],
    ['accepted written with a comma', number(['1,5']), '1.5', 'ok'],
    ['a number value', number(['1.5']), 1.5, 'ok'],
    ['another number', number(['1.5']), '1.4', 'ko'],
    ['thousands with a space', number(['1000']), '1 000', 'ok'],
    ['thousands with a non-breaking space', number(['1000']), '1\u00A0000', 'ok'],
    ['thousands with a narrow non-breaking space', number(['1000']), '1\u202F000', 'ok'],
    ['accepted written with a thousands space', number(['1 000']), '1000,0', 'ok'],
    ['"1,000" is one in French', number(['1000']), '1,000', 'ko'],
    ['floating-point rounding is tolerated', number(['0.3']), 0.1 + 0.2, 'ok'],
    ['"1,2,3" is not a number and not the answer', number(['1.5']), '1,2,3', 'ko'],
    ['a fraction is compared as text', number(['1.5']), '3/2', 'ko'],
    ['text accepted values keep text matching', number(['1.5', 'un et demi']), 'Un et demi', 'ok'],
    ['without format nombre "1,5" is text', qroc(['1.5'], []), '1,5', 'ko'],
  ]))('$name → $expected', ({ solution, value, expected }) => {
    expect(validateAnswer(solution, { value }).status).toBe(expected);
  });
});

describe('QROC, select block', () => {
  const select = (accepted: string[]): Solution => qroc(accepted, ALL, { select: true });

  it.each(named<[string, Solution, unknown, AnswerStatus]>([
    ['the exact option', select(['Firefox']), 'Firefox', 'ok'],
    ['another case (no treatment on selects)', select(['Firefox']), 'firefox', 'ko'],
    ['a space before', select(['Firefox']), ' Firefox', 'ko'],
    ['a typo (no t3 on selects)', select(['Firefox']), 'Firefo', 'ko'],
    ['a non-breaking space (pre-treatment still applies)', select(['Mozilla Firefox']), 'Mozilla\u00A0Firefox', 'ok'],
    ['empty', select(['Firefox']), '', 'ko'],
  ]))('$name → $expected', ({ solution, value, expected }) => {
    expect(validateAnswer(solution, { value }).status).toBe(expected);
  });
});

describe('QROC, malformed answers', () => {
  it.each<[string, unknown, string]>([
    ['null', null, 'ANSWER_MALFORMED'],
    ['undefined', undefined, 'ANSWER_MALFORMED'],
    ['an object', { animal: 'musaraigne' }, 'ANSWER_MALFORMED'],
    ['an array of strings', ['musaraigne'], 'ANSWER_MALFORMED'],
    ['a boolean', false, 'ANSWER_MALFORMED'],
    ['NaN', Number.NaN, 'ANSWER_MALFORMED'],
    ['Infinity', Number.POSITIVE_INFINITY, 'ANSWER_MALFORMED'],
    ['2,001 characters', 'x'.repeat(2_001), 'ANSWER_TOO_LONG'],
    ['a 10 kB string', 'x'.repeat(10_240), 'ANSWER_TOO_LONG'],
  ])('%s → %s', (_name, value, code) => {
    expect(errorCodeOf(() => validateAnswer(qroc(['musaraigne']), { value }))).toBe(code);
  });
});
