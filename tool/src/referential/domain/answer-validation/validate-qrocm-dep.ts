import { AnswerValidationError } from './errors.ts';
import { isBlank, matchesTreated } from './match-text.ts';
import { readKeyedAnswer, truncate } from './read-answer.ts';
import type { Correction, Solution } from './types.ts';

type QrocmDepSolution = Extract<Solution, { type: 'QROCM-dep' }>;

/**
 * QROCM-dep ("cite two browsers"): fields are interchangeable and each accepted group may serve one
 * field only. Fields are assigned to groups with a maximum bipartite matching rather than first-come
 * greedily, so the verdict never depends on the order in which the learner filled the fields
 * (with t3, one answer may be close to two groups).
 */
export function validateQrocmDep(solution: QrocmDepSolution, value: unknown): Correction {
  const fields = readKeyedAnswer(value);
  for (const key of fields.keys()) {
    if (!solution.fieldKeys.includes(key)) {
      throw new AnswerValidationError('ANSWER_UNKNOWN_KEY', `Unknown answer key "${truncate(key)}"`);
    }
  }

  const groups = Object.values(solution.accepted);
  // candidates[f] = indexes of the groups that field f's answer matches.
  const candidates = solution.fieldKeys.map((key) => {
    const answer = fields.get(key);
    if (answer === undefined || isBlank(answer)) return [];
    return groups.flatMap((group, index) => (matchesTreated(answer, group, solution.treatments) ? [index] : []));
  });
  const assignment = maximumMatching(candidates, groups.length);

  const details: Record<string, boolean> = {};
  solution.fieldKeys.forEach((key, field) => {
    details[key] = assignment[field] !== undefined;
  });
  const correct = solution.fieldKeys.length > 0 && solution.fieldKeys.every((key) => details[key] === true);
  return { correct, details };
}

/**
 * Kuhn's augmenting-path algorithm: returns, per field, the group it is matched to (undefined if none).
 * Fields and groups are a handful, so O(fields × edges) is negligible.
 */
function maximumMatching(candidates: number[][], groupCount: number): Array<number | undefined> {
  const fieldOfGroup = new Array<number | undefined>(groupCount).fill(undefined);

  const tryAssign = (field: number, visited: boolean[]): boolean => {
    for (const group of candidates[field] ?? []) {
      if (visited[group]) continue;
      visited[group] = true;
      const owner = fieldOfGroup[group];
      if (owner === undefined || tryAssign(owner, visited)) {
        fieldOfGroup[group] = field;
        return true;
      }
    }
    return false;
  };

  candidates.forEach((_, field) => {
    tryAssign(field, new Array<boolean>(groupCount).fill(false));
  });

  const groupOfField = new Array<number | undefined>(candidates.length).fill(undefined);
  fieldOfGroup.forEach((field, group) => {
    if (field !== undefined) groupOfField[field] = group;
  });
  return groupOfField;
}
