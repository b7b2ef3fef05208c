import type { PupilLevels } from './pupil-levels.ts';

/**
 * How an LSU file pupil is found in the roster. The file's `eleve` carries only `id-be` (SIECLE ELEVE_ID),
 * and optional `nom`, `prenom` (marked "debugging information" by the schema) and `code-division`: no INE,
 * no birthdate. `id-be` is the only identifier, so it is the only matching rule: names alone (even within one
 * division) cannot tell two homonyms apart, nor a pupil from a namesake whose own line is missing, and a
 * wrong match would write one child's levels in another child's school report.
 */
export const LSU_MATCH_RULE = 'ID_BE' as const;

/** `id-be` is an xs:positiveInteger: "0042" and "42" are the same pupil. */
export function normaliseIdBe(value: string): string {
  return value.trim().replace(/^0+(?=\d)/, '');
}

/** Names compared for the diagnosis only (never to match): case, accents, spaces and punctuation ignored. */
export function nameKey(lastName: string, firstName: string): string {
  const clean = (name: string) =>
    name
      .replace(/[œŒ]/g, 'oe')
      .replace(/[æÆ]/g, 'ae')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]/gu, '');
  return `${clean(lastName)}|${clean(firstName)}`;
}

/**
 * What the enrichment needs from the roster, kept small while the roster is read page by page: the rostered
 * pupils the file asks for (by `id-be`), and the names of the pupils who have no `id-be` at all (imported from
 * a CSV), so a file pupil missing from the roster can be told apart from one whose roster line lacks it.
 */
export function createRosterIndex<T>(wantedIdBe: ReadonlySet<string>, keep: (pupil: PupilLevels) => T) {
  const byIdBe = new Map<string, T>();
  const namesWithoutSiecleId = new Set<string>();
  let withoutSiecleId = 0;
  return {
    add(pupil: PupilLevels): void {
      if (pupil.siecleEleveId) {
        const key = normaliseIdBe(pupil.siecleEleveId);
        if (wantedIdBe.has(key)) byIdBe.set(key, keep(pupil));
        return;
      }
      withoutSiecleId += 1;
      namesWithoutSiecleId.add(nameKey(pupil.lastName, pupil.firstName));
    },
    find(idBe: string): T | undefined {
      return byIdBe.get(normaliseIdBe(idBe));
    },
    /** The file pupil is not found by `id-be` but a roster pupil of that name has no `id-be`. */
    lacksSiecleId(lastName: string, firstName: string): boolean {
      return (lastName.trim() !== '' || firstName.trim() !== '') && namesWithoutSiecleId.has(nameKey(lastName, firstName));
    },
    get withoutSiecleId(): number {
      return withoutSiecleId;
    },
  };
}
