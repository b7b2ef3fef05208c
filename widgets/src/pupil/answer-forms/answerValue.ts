// Turns what the pupil ticked or typed into AnswerRequest.value, in the shape of each challenge type.
import type { ChallengeView } from '../../../../tool/src/shared/api-contract/evaluation.ts';

export interface Answer {
  /** QCU: number; QCM: number[]; QROC: string; QROCM: { [key]: string }. */
  value: number | number[] | string | Record<string, string> | undefined;
  /** Enough to submit: a choice, or every field filled. */
  complete: boolean;
  /** Nothing given at all: a timed-out empty answer is sent as skipped. */
  empty: boolean;
}

export function readAnswer(challenge: ChallengeView, picked: number[], texts: Record<string, string>): Answer {
  const { type } = challenge;
  if (challenge.choices) {
    const empty = picked.length === 0;
    return { value: type === 'QCU' ? picked[0] : [...picked].sort((a, b) => a - b), complete: !empty, empty };
  }
  // Keys of the input and select blocks, in reading order.
  const keys = (challenge.lines ?? []).flat().flatMap((segment) => (segment.kind === 'text' ? [] : [segment.key]));
  const filled = keys.filter((key) => texts[key]?.trim()).length;
  const value = type === 'QROC' ? (texts[keys[0] ?? ''] ?? '') : Object.fromEntries(keys.map((key) => [key, texts[key] ?? '']));
  return { value, complete: filled > 0 && filled === keys.length, empty: !filled };
}
