import type { RosterLineError } from '../../domain/roster/roster-pupil.ts';
import type { OrganizationRepository } from '../../../identity/infrastructure/organization-repository.ts';
import type { Clock } from '../../../shared/domain/clock.ts';
import { readRosterFile } from '../../infrastructure/roster/read-roster-file.ts';
import { RosterError } from '../../infrastructure/roster/roster-errors.ts';
import type { RosterRepository } from '../../infrastructure/roster-repository.ts';

export interface RosterImportReport {
  imported: number;
  updated: number;
  inactivated: number;
  errors: RosterLineError[];
}

export type ImportProgress = { phase: 'read'; pupils: number } | { phase: 'save'; done: number; total: number };

/**
 * Imports a school's roster file (SIECLE XML or ZIP, or CSV): the file must be this school's (UAJ), lines with
 * errors are reported and skipped, the rest is upserted by INE; pupils missing from the file become inactive.
 */
export async function importRoster(
  deps: { roster: RosterRepository; organizations: OrganizationRepository; clock: Clock },
  input: { uai: string; path: string; byUserId: string | null; onProgress?: (progress: ImportProgress) => void },
): Promise<RosterImportReport> {
  const school = await deps.organizations.findByUai(input.uai);
  if (!school) throw new RosterError('ROSTER_SCHOOL_UNKNOWN', `Aucun établissement d’UAI ${input.uai.toUpperCase()}.`);
  const parsed = await readRosterFile(input.path, { expectedUai: input.uai, onPupilRead: (pupils) => input.onProgress?.({ phase: 'read', pupils }) });
  if (parsed.pupils.length === 0 && parsed.errors.length === 0) throw new RosterError('ROSTER_EMPTY', 'Aucun élève dans ce fichier (élèves sortis ou sans classe exclus) : rien n’a été modifié.');
  const now = deps.clock.now();
  const { siecleIdConflicts, ...counts } = await deps.roster.applyImport({
    organizationId: school.id,
    source: parsed.format,
    format: parsed.fileFormat,
    pupils: parsed.pupils,
    keepIne: parsed.ineWithErrors,
    byUserId: input.byUserId,
    now,
    onProgress: (done, total) => input.onProgress?.({ phase: 'save', done, total }),
  });
  // Known only once the stored roster is read: a CSV ELEVE_ID that another pupil of the school already holds.
  const lineOf = new Map(parsed.pupils.map((p, i) => [p.ine, parsed.lines?.[i] ?? 0]));
  const conflictErrors = siecleIdConflicts.map((c) => ({
    line: lineOf.get(c.ine) ?? 0,
    field: 'ELEVE_ID',
    reason: `« ${c.siecleEleveId} » déjà attribué à un autre élève (INE ${c.heldByIne}) / already given to another pupil`,
  }));
  const errors = conflictErrors.length ? [...parsed.errors, ...conflictErrors].sort((a, b) => a.line - b.line) : parsed.errors;
  await deps.roster.recordImport({ organizationId: school.id, format: parsed.fileFormat, counts, errorCount: errors.length, byUserId: input.byUserId, now });
  return { ...counts, errors };
}
