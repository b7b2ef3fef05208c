/** A pupil as a roster file lists her, validated; what the import upserts by INE. */
export interface RosterPupil {
  ine: string;
  siecleEleveId: string | null;
  lastName: string;
  preferredLastName: string | null;
  firstName: string;
  middleName: string | null;
  thirdName: string | null;
  sex: 'M' | 'F' | null;
  /** YYYY-MM-DD */
  birthdate: string;
  birthCountryCode: string | null;
  birthCityCode: string | null;
  birthDepartmentCode: string | null;
  birthCity: string | null;
  mefCode: string | null;
  status: string | null;
  division: string;
}

export interface RosterLineError {
  /** Line in the file (XML: the line of the pupil's element; CSV: the physical line). */
  line: number;
  field: string;
  reason: string;
}

/** What a parser produced: valid pupils, per-line errors, and how many rows it skipped on purpose. */
export interface ParsedRoster {
  format: 'SIECLE' | 'CSV';
  uai: string | null;
  pupils: RosterPupil[];
  errors: RosterLineError[];
  /** INEs of rows with an error: never inactivated because of a typo. */
  ineWithErrors: string[];
  /** The line of each pupil, in the order of `pupils`, for errors found after parsing (CSV). */
  lines?: number[];
}

/** INE (identifiant national élève): 11 characters, the last one a letter (INE-RNIE, INE-BEA…). */
export const INE = /^[0-9A-Z]{10}[A-Z]$/;

/** `dd/mm/yyyy` → `yyyy-mm-dd`, or null when it is not a real date. */
export function parseFrenchDate(value: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (year < 1900 || year > 2100) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Checks the fields every format shares; returns the errors (empty: valid). */
export function validateRosterPupil(pupil: RosterPupil, line: number): RosterLineError[] {
  const errors: RosterLineError[] = [];
  if (!pupil.ine) errors.push({ line, field: 'INE', reason: 'obligatoire' });
  else if (!INE.test(pupil.ine)) errors.push({ line, field: 'INE', reason: `format invalide « ${pupil.ine} » (11 caractères, le dernier une lettre)` });
  if (!pupil.lastName) errors.push({ line, field: 'NOM', reason: 'obligatoire' });
  if (!pupil.firstName) errors.push({ line, field: 'PRENOM', reason: 'obligatoire' });
  if (!pupil.division) errors.push({ line, field: 'CLASSE', reason: 'obligatoire' });
  return errors;
}

/** Keeps the first row of an INE; the next ones are errors (a roster lists a pupil once). */
export function rejectDuplicates(rows: Array<{ pupil: RosterPupil; line: number }>): { unique: Array<{ pupil: RosterPupil; line: number }>; errors: RosterLineError[] } {
  const firstLine = new Map<string, number>();
  const unique: Array<{ pupil: RosterPupil; line: number }> = [];
  const errors: RosterLineError[] = [];
  for (const row of rows) {
    const seen = firstLine.get(row.pupil.ine);
    if (seen !== undefined) errors.push({ line: row.line, field: 'INE', reason: `en double (déjà ligne ${seen})` });
    else {
      firstLine.set(row.pupil.ine, row.line);
      unique.push(row);
    }
  }
  return { unique, errors };
}
