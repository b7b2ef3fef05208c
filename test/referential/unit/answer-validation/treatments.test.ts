import { describe, expect, it } from 'vitest';
import { applyTreatments, normalizeAnswer, type Treatment } from '../../../../tool/src/referential/domain/answer-validation/index.ts';

describe('normalizeAnswer (pre-treatment)', () => {
  it.each<[string, string, string]>([
    ['keeps plain text', 'Paris', 'Paris'],
    ['turns a non-breaking space into a space', 'a\u00A0b', 'a b'],
    ['turns a narrow non-breaking space into a space', 'Quoi\u202F?', 'Quoi ?'],
    ['composes a decomposed accent (NFC)', 'e\u0301le\u0300ve', 'élève'],
    ['does not trim nor change case', ' Élève ', ' Élève '],
  ])('%s', (_name, input, expected) => {
    expect(normalizeAnswer(input)).toBe(expected);
  });
});

describe('applyTreatments', () => {
  it.each<[string, string, Treatment[], string]>([
    ['t1 trims, lower-cases and strips accents', '  Élève ', ['t1'], 'eleve'],
    ['t1 removes every inner space, tab and newline', 'A\tB\nC d', ['t1'], 'abcd'],
    ['t1 folds œ', 'cœur', ['t1'], 'coeur'],
    ['t1 folds Œ', 'Œuvre', ['t1'], 'oeuvre'],
    ['t1 folds æ', 'ex æquo', ['t1'], 'exaequo'],
    ['t1 folds Æ', 'ÆSOP', ['t1'], 'aesop'],
    ['t1 turns ’ into an ASCII apostrophe', 'L’École', ['t1'], "l'ecole"],
    ['t1 turns ‘ into an ASCII apostrophe', 'l‘x', ['t1'], "l'x"],
    ['t1 turns ʼ into an ASCII apostrophe', 'lʼx', ['t1'], "l'x"],
    ['t1 turns « » with non-breaking spaces into quotes', '«\u00A0Bonjour\u00A0»', ['t1'], '"bonjour"'],
    ['t1 turns “ ” into quotes', '“a b”', ['t1'], '"ab"'],
    ['t1 strips a decomposed accent', 'E\u0301cole', ['t1'], 'ecole'],
    ['t2 drops punctuation and trims', 'Paris !', ['t2'], 'Paris'],
    ['t2 drops the apostrophe', "l'ENT !", ['t2'], 'lENT'],
    ['t2 collapses the spaces left by removed punctuation', 'a  -  b', ['t2'], 'a b'],
    ['t2 alone drops accented letters (why t1 runs first)', 'Élève', ['t2'], 'lve'],
    ['t1 then t2 whatever the order given', 'L’ÉCOLE !', ['t2', 't1'], 'lecole'],
    ['t3 does not transform the text', 'Hello  World', ['t3'], 'Hello  World'],
    ['no treatment still applies the pre-treatment', 'a\u202Fb', [], 'a b'],
  ])('%s', (_name, input, treatments, expected) => {
    expect(applyTreatments(input, treatments)).toBe(expected);
  });
});
