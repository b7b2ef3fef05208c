import { editDistanceRatio, normalizeName } from './name-matching.ts';

/**
 * Which imported pupil is this GAR pupil? Same birthdate, always (asked to the pupil); then the names:
 * a first name (or second, or third) and a last name (or usage name) equal once normalised, else within an
 * edit-distance ratio of 0.25. Exactly one candidate or nothing: several is never guessed.
 */
export const MAX_NAME_RATIO = 0.25;

export interface RosterCandidate {
  id: string;
  firstName: string;
  middleName: string | null;
  thirdName: string | null;
  lastName: string;
  preferredLastName: string | null;
  /** YYYY-MM-DD */
  birthdate: string;
}

export interface PupilToMatch {
  firstName: string;
  lastName: string;
  birthdate: string;
}

export type MatchResult<C extends RosterCandidate = RosterCandidate> =
  | { kind: 'MATCH'; candidate: C; exact: boolean }
  | { kind: 'NO_MATCH' }
  | { kind: 'SEVERAL'; count: number };

function close(typed: string, references: Array<string | null>, ratio: number): boolean {
  if (!normalizeName(typed)) return false;
  return references.some((reference) => reference !== null && normalizeName(reference) !== '' && editDistanceRatio(typed, reference) <= ratio);
}

export function matchRosterPupil<C extends RosterCandidate>(pupil: PupilToMatch, candidates: readonly C[]): MatchResult<C> {
  const sameBirthdate = candidates.filter((c) => c.birthdate === pupil.birthdate);
  for (const ratio of [0, MAX_NAME_RATIO]) {
    const found = sameBirthdate.filter(
      (c) => close(pupil.firstName, [c.firstName, c.middleName, c.thirdName], ratio) && close(pupil.lastName, [c.lastName, c.preferredLastName], ratio),
    );
    if (found.length === 1) return { kind: 'MATCH', candidate: found[0]!, exact: ratio === 0 };
    if (found.length > 1) return { kind: 'SEVERAL', count: found.length };
  }
  return { kind: 'NO_MATCH' };
}
