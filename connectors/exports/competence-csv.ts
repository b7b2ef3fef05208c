import { csvDocument, frenchDate } from './csv-writer.ts';

export interface CsvPupil {
  ine: string;
  lastName: string;
  firstName: string;
  birthdate: string;
  division: string;
  /** In referential order. */
  levels: ReadonlyArray<{ competenceId: string; level: number }>;
  pixScore: number;
  lastChangedAt: Date | null;
}

/** Competence levels (0–8) per pupil of a school or a class, for the school's administrators. */
export function competenceLevelsCsv(pupils: readonly CsvPupil[], competenceIds: readonly string[]): string {
  const header = ['INE', 'Nom', 'Prénom', 'Date de naissance', 'Classe', ...competenceIds.map((id) => `Compétence ${id}`), 'Score Pix', 'Dernière évolution'];
  return csvDocument(
    header,
    pupils.map((p) => [
      p.ine,
      p.lastName,
      p.firstName,
      frenchDate(p.birthdate),
      p.division,
      ...competenceIds.map((id) => p.levels.find((l) => l.competenceId === id)?.level ?? 0),
      p.pixScore,
      frenchDate(p.lastChangedAt),
    ]),
  );
}

export interface ManualEntryPupil {
  ine: string;
  lastName: string;
  firstName: string;
  /** By LSU code, 1–3, null when not positioned. */
  lsuLevels: ReadonlyArray<{ code: string; niveau: number | null }>;
}

/**
 * One class, for a person typing the cycle 3 positioning into LSU by hand (software that cannot re-import):
 * pupil, INE, the 16 codes at level 1–3 (empty: not positioned).
 */
export function manualEntryCsv(pupils: readonly ManualEntryPupil[], codes: readonly string[]): string {
  return csvDocument(
    ['Élève', 'INE', ...codes],
    pupils.map((p) => [`${p.lastName} ${p.firstName}`, p.ine, ...codes.map((code) => p.lsuLevels.find((l) => l.code === code)?.niveau ?? null)]),
  );
}
