import { AnswerValidationError } from './errors.ts';
import { matchesField } from './match-text.ts';
import { readKeyedAnswer, truncate } from './read-answer.ts';
import type { Correction, Solution } from './types.ts';

type QrocmIndSolution = Extract<Solution, { type: 'QROCM-ind' }>;

/**
 * QROCM-ind: every block is checked on its own (select exactly, input with the treatments);
 * right only when every block is. A block left out of the answer is wrong; a key that is not a
 * block means the widget and the épreuve disagree, which is an error.
 */
export function validateQrocmInd(solution: QrocmIndSolution, value: unknown): Correction {
  const fields = readKeyedAnswer(value);
  const keys = solutionKeys(solution);
  for (const key of fields.keys()) {
    if (!keys.includes(key)) throw new AnswerValidationError('ANSWER_UNKNOWN_KEY', `Unknown answer key "${truncate(key)}"`);
  }

  const details: Record<string, boolean> = {};
  for (const key of keys) {
    const answer = fields.get(key);
    const accepted = Object.hasOwn(solution.accepted, key) ? (solution.accepted[key] ?? []) : [];
    const kind = Object.hasOwn(solution.blocks, key) ? (solution.blocks[key] ?? 'input') : 'input';
    details[key] = answer !== undefined && matchesField(answer, accepted, kind, solution.treatments);
  }
  const correct = keys.length > 0 && keys.every((key) => details[key] === true);
  return { correct, details };
}

/** Blocks of the proposals, plus any key that only the solution names (checked, so never silently right). */
function solutionKeys(solution: QrocmIndSolution): string[] {
  return [...new Set([...Object.keys(solution.blocks), ...Object.keys(solution.accepted)])];
}
