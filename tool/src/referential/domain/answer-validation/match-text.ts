import { levenshteinRatio } from './levenshtein.ts';
import { normalizeAnswer } from './normalize.ts';
import { applyTreatments } from './treatments.ts';
import type { BlockKind, Treatment } from './types.ts';

/** Upstream LEVENSHTEIN_DISTANCE_MAX_RATE: at most one edit per four characters of the answer. */
export const MAX_LEVENSHTEIN_RATIO = 0.25;

/** True when the trimmed answer is empty: an empty field is wrong, never compared. */
export function isBlank(answer: string): boolean {
  return normalizeAnswer(answer).trim() === '';
}

/**
 * Free-text matching with treatments. An answer that the treatments reduce to nothing
 * ("???" under t2) matches nothing, and empty accepted values are ignored, so punctuation alone
 * can never be right.
 */
export function matchesTreated(answer: string, accepted: readonly string[], treatments: Treatment[]): boolean {
  const treatedAnswer = applyTreatments(answer, treatments);
  if (treatedAnswer === '') return false;
  const references = accepted.map((value) => applyTreatments(value, treatments)).filter((value) => value !== '');
  if (references.includes(treatedAnswer)) return true;
  if (!treatments.includes('t3')) return false;
  return references.some((reference) => levenshteinRatio(treatedAnswer, reference) <= MAX_LEVENSHTEIN_RATIO);
}

/** Select options are sent verbatim by the widget: compare exactly, after the pre-treatment only. */
export function matchesExactly(answer: string, accepted: readonly string[]): boolean {
  const normalized = normalizeAnswer(answer);
  return accepted.some((value) => normalizeAnswer(value) === normalized);
}

/** One text field of a QROC/QROCM, whichever its block kind. */
export function matchesField(answer: string, accepted: readonly string[], kind: BlockKind, treatments: Treatment[]): boolean {
  if (isBlank(answer)) return false;
  return kind === 'select' ? matchesExactly(answer, accepted) : matchesTreated(answer, accepted, treatments);
}
