import { AnswerValidationError } from './errors.ts';
import { MAX_QCM_CHOICES } from './limits.ts';
import type { Correction } from './types.ts';
import { readChoice } from './validate-qcu.ts';

/** A QCM answer is an array of proposal numbers or the upstream comma-separated string "1, 3". */
function readChoices(value: unknown): unknown[] {
  if (Array.isArray(value)) {
    if (value.length > MAX_QCM_CHOICES) throw new AnswerValidationError('ANSWER_TOO_LONG', 'Too many choices in the answer');
    return value;
  }
  if (typeof value === 'string') {
    const parts = value.split(',');
    if (parts.length > MAX_QCM_CHOICES) throw new AnswerValidationError('ANSWER_TOO_LONG', 'Too many choices in the answer');
    return parts;
  }
  throw new AnswerValidationError('ANSWER_MALFORMED', 'A QCM answer must be a list of proposal numbers');
}

/**
 * QCM, all or nothing: the selected proposals must be exactly the solution set, in any order.
 * A repeated choice or an unreadable one makes the answer wrong rather than an error, since it is
 * a well-formed list.
 */
export function validateQcm(solution: { values: number[] }, value: unknown): Correction {
  const choices = readChoices(value).map((choice) => {
    if (typeof choice !== 'number' && typeof choice !== 'string') {
      throw new AnswerValidationError('ANSWER_MALFORMED', 'Every QCM choice must be a proposal number');
    }
    return readChoice(choice);
  });
  if (choices.length === 0) return { correct: false };
  const expected = new Set(solution.values);
  const selected = new Set<number>();
  for (const choice of choices) {
    if (choice === null || selected.has(choice)) return { correct: false };
    selected.add(choice);
  }
  const correct = selected.size === expected.size && [...selected].every((choice) => expected.has(choice));
  return { correct };
}
