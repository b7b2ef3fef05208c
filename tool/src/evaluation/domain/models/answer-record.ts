import type { AnswerStatus } from '../../../referential/domain/answer-validation/types.ts';

/** ok, ko, aband (« Je passe »), timedout, focusedOut — only `ok` is a success. */
export type AnswerResult = AnswerStatus;

/** One answer of an assessment, once corrected. */
export interface AnswerRecord {
  id: string;
  assessmentId: string;
  challengeId: string;
  result: AnswerResult;
  /** The épreuve was timed when asked: the next one must not be (no two timed épreuves in a row). */
  timed: boolean;
  createdAt: Date;
}

export function isSuccess(result: AnswerResult): boolean {
  return result === 'ok';
}
