import type { Solution } from '../referential/domain/answer-validation/types.ts';

/** What a pupil who knows (or does not know) the answer would send through the widget. */
export function rightAnswer(solution: Solution): unknown {
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

export function wrongAnswer(solution: Solution): unknown {
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
