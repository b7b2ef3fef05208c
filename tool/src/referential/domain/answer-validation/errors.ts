export type AnswerValidationErrorCode =
  | 'ANSWER_MALFORMED'
  | 'ANSWER_TOO_LONG'
  | 'ANSWER_UNKNOWN_KEY'
  | 'SOLUTION_UNSUPPORTED';

/**
 * Raised for input the widget should never send (wrong types, oversized payloads, unknown keys):
 * the caller maps it to a 400 rather than recording a wrong answer. Match on `code`, not on the message.
 */
export class AnswerValidationError extends Error {
  override readonly name = 'AnswerValidationError';
  readonly code: AnswerValidationErrorCode;

  constructor(code: AnswerValidationErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
