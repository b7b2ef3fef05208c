import { AnswerValidationError } from './errors.ts';
import { assertStringLength } from './limits.ts';
import type { Correction } from './types.ts';

const POSITIVE_INTEGER = /^\d+$/;

/**
 * Reads one proposal number: an integer, or a string of digits (surrounding spaces allowed).
 * Returns null for a well-typed but meaningless value ("abc", 2.5), which is simply wrong.
 */
export function readChoice(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value === 'string') {
    assertStringLength(value, 'The answer');
    const trimmed = value.trim();
    return POSITIVE_INTEGER.test(trimmed) ? Number(trimmed) : null;
  }
  throw new AnswerValidationError('ANSWER_MALFORMED', 'A QCU answer must be a proposal number');
}

/** QCU: the selected proposal (1-based) must be the solution. */
export function validateQcu(solution: { value: number }, value: unknown): Correction {
  return { correct: readChoice(value) === solution.value };
}
