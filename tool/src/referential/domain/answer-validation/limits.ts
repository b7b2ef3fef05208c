import { AnswerValidationError } from './errors.ts';

/** Longest single answer string accepted; also bounds the Levenshtein cost (2,000 × reference length). */
export const MAX_ANSWER_LENGTH = 2_000;
/** Longest QROCM payload (YAML text, or keys + values of an object answer). */
export const MAX_QROCM_PAYLOAD_LENGTH = 10_000;
/** Most QCM choices an answer may list; a real QCM has a handful of proposals. */
export const MAX_QCM_CHOICES = 100;

export function assertStringLength(value: string, what: string): void {
  if (value.length > MAX_ANSWER_LENGTH) {
    throw new AnswerValidationError('ANSWER_TOO_LONG', `${what} is longer than ${MAX_ANSWER_LENGTH} characters`);
  }
}
