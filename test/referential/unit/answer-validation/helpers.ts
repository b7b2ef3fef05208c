import { AnswerValidationError } from '../../../../tool/src/referential/domain/answer-validation/index.ts';

/** The code of the AnswerValidationError thrown by `run`, or "no error"; other errors propagate. */
export function errorCodeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AnswerValidationError) return error.code;
    throw error;
  }
  return 'no error';
}
