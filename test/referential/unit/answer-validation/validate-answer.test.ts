import { describe, expect, it } from 'vitest';
import {
  AnswerValidationError,
  SKIPPED_ANSWER,
  validateAnswer,
  type AnswerStatus,
  type AnswerSubmission,
  type Solution,
} from '../../../../tool/src/referential/domain/answer-validation/index.ts';
import { errorCodeOf } from './helpers.ts';

const qcu: Solution = { type: 'QCU', value: 1 };
const qroc: Solution = { type: 'QROC', accepted: ['Paris'], treatments: ['t1', 't2', 't3'], blockKind: 'input' };
const qrocmInd: Solution = { type: 'QROCM-ind', accepted: { a: ['x'] }, treatments: ['t1'], blocks: { a: 'input' } };

describe('skipped answers', () => {
  const solutions: Solution[] = [
    qcu,
    { type: 'QCM', values: [1, 2] },
    qroc,
    qrocmInd,
    { type: 'QROCM-dep', accepted: { g: ['x'] }, treatments: ['t1'], fieldKeys: ['f'] },
  ];

  it.each(solutions.map((solution) => [solution.type, solution] as const))('%s: #ABAND# → aband without validation', (_type, solution) => {
    expect(validateAnswer(solution, { value: SKIPPED_ANSWER })).toEqual({ status: 'aband' });
  });

  it('a skipped answer stays aband even when timed out', () => {
    expect(validateAnswer(qcu, { value: '#ABAND#', timedOut: true }, { certification: true }).status).toBe('aband');
  });
});

describe('Examiner rules', () => {
  it.each<[string, AnswerSubmission, { certification?: boolean } | undefined, AnswerStatus]>([
    ['correct', { value: 1 }, undefined, 'ok'],
    ['wrong', { value: 2 }, undefined, 'ko'],
    ['correct, timedOut false', { value: 1, timedOut: false }, undefined, 'ok'],
    ['correct but timed out', { value: 1, timedOut: true }, undefined, 'timedout'],
    ['wrong and timed out stays ko', { value: 2, timedOut: true }, undefined, 'ko'],
    ['correct, focus lost, outside certification', { value: 1, focusedOut: true }, undefined, 'ok'],
    ['correct, focus lost, certification false', { value: 1, focusedOut: true }, { certification: false }, 'ok'],
    ['correct, focus lost, in certification', { value: 1, focusedOut: true }, { certification: true }, 'focusedOut'],
    ['wrong, focus lost, in certification', { value: 2, focusedOut: true }, { certification: true }, 'ko'],
    ['correct, in certification, focus kept', { value: 1 }, { certification: true }, 'ok'],
    ['timed out wins over focus lost', { value: 1, timedOut: true, focusedOut: true }, { certification: true }, 'timedout'],
  ])('%s → %s', (_name, submission, options, expected) => {
    expect(validateAnswer(qcu, submission, options).status).toBe(expected);
  });

  it('keeps the per-key details when the status is not ok', () => {
    expect(validateAnswer(qrocmInd, { value: { a: 'x' }, timedOut: true })).toEqual({ status: 'timedout', details: { a: true } });
    expect(validateAnswer(qrocmInd, { value: { a: 'x' }, focusedOut: true }, { certification: true })).toEqual({
      status: 'focusedOut',
      details: { a: true },
    });
  });

  it('gives no details for single-answer types', () => {
    expect(validateAnswer(qroc, { value: 'paris' })).toEqual({ status: 'ok' });
  });
});

describe('AnswerValidationError', () => {
  it('is a coded Error', () => {
    let caught: unknown;
    try {
      validateAnswer(qroc, { value: null });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AnswerValidationError);
    expect(caught).toBeInstanceOf(Error);
    expect(caught).toMatchObject({ name: 'AnswerValidationError', code: 'ANSWER_MALFORMED' });
  });

  it('does not echo an unbounded unknown key in its message', () => {
    const key = 'k'.repeat(500);
    try {
      validateAnswer(qrocmInd, { value: { [key]: 'x' } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AnswerValidationError);
      expect(String(error instanceof Error ? error.message : '').length).toBeLessThan(100);
    }
  });

  it('rejects a solution type it does not know (solutions come from YAML)', () => {
    const solution: Solution = JSON.parse('{"type": "QCX"}');
    expect(errorCodeOf(() => validateAnswer(solution, { value: 1 }))).toBe('SOLUTION_UNSUPPORTED');
  });
});
