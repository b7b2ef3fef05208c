import type { RosterPupil } from './roster-pupil.ts';

/**
 * A CSV roster carries fewer fields than a SIECLE export (no sex, birthplace, MEF, status…), and an empty cell
 * means "not given". So a CSV line never erases what the school's roster already holds: every field the line
 * leaves empty keeps its stored value (the ELEVE_ID included: to correct one, import the right one or the SIECLE
 * export); the fields it gives replace it, a CSV ELEVE_ID being the school's latest word.
 */
export function csvLineOverStored(stored: RosterPupil, line: RosterPupil): RosterPupil {
  const merged = { ...line };
  for (const key of Object.keys(line) as Array<keyof RosterPupil>) {
    if (line[key] === null && stored[key] !== null && stored[key] !== undefined) (merged as Record<string, unknown>)[key] = stored[key];
  }
  return merged;
}
