import type { ChallengeView } from '../shared/api-contract/evaluation.ts';
import type { Solution } from '../referential/domain/answer-validation/types.ts';
import type { Challenge } from '../referential/domain/referential.ts';

/** What a pupil who knows the answer would send through the widget, for the épreuve as the widget shows it. */
export function rightAnswer(challenge: Challenge, shown: ChallengeView): unknown {
  return asShown(challenge, shown, writtenRightAnswer(challenge.solution));
}

/** What a pupil who does not know the answer would send through the widget, for the épreuve as shown. */
export function wrongAnswer(challenge: Challenge, shown: ChallengeView): unknown {
  return asShown(challenge, shown, writtenWrongAnswer(challenge.solution));
}

/**
 * A QCU or QCM answer in written positions (the referential's) as the shown positions the widget sends: each
 * assessment shows the proposals in its own order. Found by the proposal's text, as a pupil finds it.
 */
function asShown(challenge: Challenge, shown: ChallengeView, written: unknown): unknown {
  if (challenge.proposals.kind !== 'choices' || !shown.choices) return written;
  const { choicesHtml } = challenge.proposals;
  const choices = shown.choices;
  const one = (position: number) => {
    const choice = choices.find((c) => c.html === choicesHtml[position - 1]);
    if (!choice) throw new Error(`${challenge.id}: proposal ${position} is not shown`);
    return choice.value;
  };
  return Array.isArray(written) ? written.map((position: number) => one(position)) : one(written as number);
}

/** The right answer in written positions: what the correction expects once the shown order is undone. */
export function writtenRightAnswer(solution: Solution): unknown {
  switch (solution.type) {
    case 'QCU':
      return solution.value;
    case 'QCM':
      return solution.values;
    case 'QROC':
      return solution.accepted[0];
    case 'QROCM-ind':
      return Object.fromEntries(Object.entries(solution.accepted).map(([key, accepted]) => [key, accepted[0] ?? '']));
    case 'QROCM-dep': {
      const groups = Object.values(solution.accepted);
      return Object.fromEntries(solution.fieldKeys.map((key, i) => [key, groups[i]?.[0] ?? '']));
    }
  }
}

/** A wrong answer in written positions. */
export function writtenWrongAnswer(solution: Solution): unknown {
  switch (solution.type) {
    case 'QCU':
      return solution.value === 1 ? 2 : 1;
    case 'QCM':
      return solution.values.length > 1 ? solution.values.slice(1) : [solution.values[0] === 1 ? 2 : 1];
    case 'QROC':
      return solution.format === 'nombre' ? '987654' : 'zzqx réponse fausse';
    case 'QROCM-ind':
      return Object.fromEntries(Object.keys(solution.accepted).map((key) => [key, 'zzqx']));
    case 'QROCM-dep':
      return Object.fromEntries(solution.fieldKeys.map((key) => [key, 'zzqx']));
  }
}
