import { isBlank, matchesField } from './match-text.ts';
import { numbersEqual, parseLocaleNumber } from './parse-number.ts';
import { readTextAnswer } from './read-answer.ts';
import type { Correction, Solution } from './types.ts';

type QrocSolution = Extract<Solution, { type: 'QROC' }>;

/**
 * QROC: one field. With `format: nombre`, when the answer and every accepted value read as numbers,
 * they are compared as numbers ("1,50" = "1.5" = 1.5); otherwise as text, exactly for a select,
 * with the treatments for an input.
 */
export function validateQroc(solution: QrocSolution, value: unknown): Correction {
  const answer = readTextAnswer(value);
  if (isBlank(answer)) return { correct: false };
  if (solution.format === 'nombre' && solution.blockKind === 'input') {
    const numeric = compareAsNumbers(answer, solution.accepted);
    if (numeric !== null) return { correct: numeric };
  }
  return { correct: matchesField(answer, solution.accepted, solution.blockKind, solution.treatments) };
}

/** Null when a number comparison does not apply (some value is not a number). */
function compareAsNumbers(answer: string, accepted: readonly string[]): boolean | null {
  const number = parseLocaleNumber(answer);
  if (number === null || accepted.length === 0) return null;
  const references: number[] = [];
  for (const value of accepted) {
    const reference = parseLocaleNumber(value);
    if (reference === null) return null;
    references.push(reference);
  }
  return references.some((reference) => numbersEqual(number, reference));
}
