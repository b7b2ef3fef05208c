import { normalizeAnswer } from './normalize.ts';

/** One optional sign, digits with one optional decimal point (".5" and "5." allowed). */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * Reads a number as a French learner writes it: "1,5", "1.5", "1 000" (plain, non-breaking,
 * narrow or thin spaces as thousands separators), "−3" with a typographic minus.
 * Returns null for anything else, including "1,2,3" or "1.000,5" (ambiguous).
 */
export function parseLocaleNumber(raw: string): number | null {
  const compact = normalizeAnswer(raw).replace(/\s+/g, '').replace(/\u2212/g, '-').replace(/,/g, '.');
  if (!DECIMAL.test(compact)) return null;
  const value = Number(compact);
  return Number.isFinite(value) ? value : null;
}

/** Absolute tolerance: values that differ only by floating-point rounding are equal. */
export const NUMBER_TOLERANCE = 1e-9;

export function numbersEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= NUMBER_TOLERANCE;
}
