import { AnswerValidationError } from './errors.ts';
import type { AnswerSubmission, Correction, Solution, ValidationResult } from './types.ts';
import { validateQcm } from './validate-qcm.ts';
import { validateQcu } from './validate-qcu.ts';
import { validateQroc } from './validate-qroc.ts';
import { validateQrocmDep } from './validate-qrocm-dep.ts';
import { validateQrocmInd } from './validate-qrocm-ind.ts';

/** The value a widget sends when the learner skips ("Je passe"), for every type. */
export const SKIPPED_ANSWER = '#ABAND#';

export interface ValidateAnswerOptions {
  /** Leaving the window only counts against a correct answer during a certification. */
  certification?: boolean;
}

/**
 * Corrects one answer and applies the Examiner rules of upstream Pix, in this order:
 * skipped → `aband` (not corrected); wrong → `ko`; correct but timed out → `timedout`;
 * correct, focus lost and certification → `focusedOut`; otherwise `ok`.
 * Throws AnswerValidationError when the value cannot be an answer to this épreuve.
 */
export function validateAnswer(
  solution: Solution,
  submission: AnswerSubmission,
  options: ValidateAnswerOptions = {},
): ValidationResult {
  if (submission.value === SKIPPED_ANSWER) return { status: 'aband' };

  const { correct, details } = correctByType(solution, submission.value);
  const withDetails = (status: ValidationResult['status']): ValidationResult =>
    details === undefined ? { status } : { status, details };

  if (!correct) return withDetails('ko');
  if (submission.timedOut === true) return withDetails('timedout');
  if (submission.focusedOut === true && options.certification === true) return withDetails('focusedOut');
  return withDetails('ok');
}

function correctByType(solution: Solution, value: unknown): Correction {
  switch (solution.type) {
    case 'QCU':
      return validateQcu(solution, value);
    case 'QCM':
      return validateQcm(solution, value);
    case 'QROC':
      return validateQroc(solution, value);
    case 'QROCM-ind':
      return validateQrocmInd(solution, value);
    case 'QROCM-dep':
      return validateQrocmDep(solution, value);
    default:
      return unsupported(solution);
  }
}

/** Solutions come from parsed YAML: guard the runtime even though the type union is exhaustive. */
function unsupported(solution: never): never {
  const untyped: unknown = solution;
  const type = typeof untyped === 'object' && untyped !== null && 'type' in untyped ? untyped.type : undefined;
  throw new AnswerValidationError('SOLUTION_UNSUPPORTED', `Unsupported solution type ${JSON.stringify(type) ?? 'undefined'}`);
}
