import { levenshtein, normalizeName } from './name-matching.ts';
import type { RosterCandidate } from './reconciliation-matching.ts';

/** How many roster pupils a teacher is offered for one request: a class, with room to spare. */
export const MAX_CANDIDATES_PER_REQUEST = 40;

export interface RequestToSettle {
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD, as the pupil typed it. */
  birthdate: string;
  /** Her GAR classes, codes and labels (the roster names a class by its SIECLE code). */
  divisionKeys: readonly string[];
}

type Ranked = RosterCandidate & { division: string };

// One collator for every comparison: localeCompare(…, 'fr') builds one per call, far too slow for a school.
const collator = new Intl.Collator('fr');

/** Edit distance over the reference's length, on names normalised beforehand (done once per candidate). */
function ratio(typed: string, reference: string): number {
  if (!reference.length) return typed.length ? 1 : 0;
  return levenshtein(typed, reference) / reference.length;
}

/**
 * For each request, the roster pupils a teacher may link it to, most likely first: pupils of her classes or born
 * on the day she gave; those born that day first, then by closeness of names (first and last name distances
 * added), then alphabetically. Never decides: the teacher picks. Candidates are indexed by birthdate and class
 * and their names normalised once, so a large school's list costs little per request.
 */
export function rankCandidates<C extends Ranked>(requests: readonly RequestToSettle[], candidates: readonly C[]): C[][] {
  const prepared = candidates.map((c) => ({
    c,
    firsts: [c.firstName, c.middleName, c.thirdName].filter((n): n is string => Boolean(n)).map(normalizeName),
    lasts: [c.lastName, c.preferredLastName].filter((n): n is string => Boolean(n)).map(normalizeName),
  }));
  const byBirthdate = new Map<string, typeof prepared>();
  const byDivision = new Map<string, typeof prepared>();
  const add = (index: Map<string, typeof prepared>, key: string, p: (typeof prepared)[number]) => {
    const list = index.get(key);
    if (list) list.push(p);
    else index.set(key, [p]);
  };
  for (const p of prepared) {
    add(byBirthdate, p.c.birthdate, p);
    add(byDivision, p.c.division, p);
  }
  return requests.map((request) => {
    const first = normalizeName(request.firstName);
    const last = normalizeName(request.lastName);
    const pool = new Set([...(byBirthdate.get(request.birthdate) ?? []), ...request.divisionKeys.flatMap((k) => byDivision.get(k) ?? [])]);
    return [...pool]
      .map((p) => ({
        c: p.c,
        sameDay: p.c.birthdate === request.birthdate ? 0 : 1,
        distance: Math.min(1, ...p.firsts.map((n) => ratio(first, n))) + Math.min(1, ...p.lasts.map((n) => ratio(last, n))),
      }))
      .sort((a, b) => a.sameDay - b.sameDay || a.distance - b.distance || collator.compare(a.c.lastName, b.c.lastName) || collator.compare(a.c.firstName, b.c.firstName))
      .slice(0, MAX_CANDIDATES_PER_REQUEST)
      .map(({ c }) => c);
  });
}
