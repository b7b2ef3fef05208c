import { normalizeAnswer } from './normalize.ts';
import type { Treatment } from './types.ts';

/**
 * Characters that NFD does not decompose but a learner considers equivalent to plain ASCII.
 * Applied after lower-casing, so Œ and Æ are covered by their lower-case forms.
 */
const FOLDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/œ/g, 'oe'],
  [/æ/g, 'ae'],
  [/[\u2019\u2018\u02BC]/g, "'"], // ’ ‘ ʼ
  [/[\u00AB\u00BB\u201C\u201D]/g, '"'], // « » “ ”
];

const COMBINING_MARKS = /\p{M}/gu;
const WHITESPACE = /\s+/g;
const NOT_ASCII_ALNUM_OR_SPACE = /[^A-Za-z0-9 ]/g;
const SPACE_RUNS = / {2,}/g;

/** t1 "espaces, casse & accents": case, accents, ligatures, typographic quotes and every space ignored. */
export function t1(s: string): string {
  let out = s.trim().toLowerCase();
  for (const [pattern, replacement] of FOLDS) out = out.replace(pattern, replacement);
  return out.normalize('NFD').replace(COMBINING_MARKS, '').replace(WHITESPACE, '');
}

/**
 * t2 "ponctuation": keeps ASCII letters, digits and spaces only. Also trims, so that
 * "Paris !" equals "Paris" when t2 is used without t1.
 */
export function t2(s: string): string {
  return s.replace(NOT_ASCII_ALNUM_OR_SPACE, '').replace(SPACE_RUNS, ' ').trim();
}

/**
 * Pre-treatment, then t1 and t2 in that order whatever the order given (t3 is not a text
 * transform: it switches comparison to fuzzy matching, see match-text.ts).
 */
export function applyTreatments(s: string, treatments: Treatment[]): string {
  let out = normalizeAnswer(s);
  if (treatments.includes('t1')) out = t1(out);
  if (treatments.includes('t2')) out = t2(out);
  return out;
}
