import type { OrganizationRepository } from '../../../identity/infrastructure/organization-repository.ts';
import { isCycle3EndDivision } from '../cycle3.ts';
import { livretErrors } from '../livret-errors.ts';
import type { LsuBlock, LsuConnector, SchoolLevelsReader } from '../livret-ports.ts';
import { mapToLsuNiveau, type LsuLevelMapping } from '../lsu-level-mapping.ts';
import { createRosterIndex, LSU_MATCH_RULE, normaliseIdBe } from '../lsu-pupil-matching.ts';
import { schoolLevelsPages } from './read-school-levels.ts';

/**
 * `NO_SIECLE_ID`: not found by `id-be`, and the roster has a pupil of that name imported without SIECLE's
 * ELEVE_ID (a CSV roster); she is not matched by name (see lsu-pupil-matching.ts): the school re-imports SIECLE, or
 * the CSV with its optional ELEVE_ID column.
 */
export type LsuSkipReason = 'NOT_CM2_OR_6E' | 'NOT_IN_ROSTER' | 'NO_SIECLE_ID' | 'NO_RESULTS' | 'NO_PERIODIC_REPORT';

export interface LsuExportReport {
  /** Pupils whose reports got the block. */
  enriched: number;
  reportsWritten: number;
  schemaVersion: string;
  /** The only rule pupils are matched by: `id-be` = the roster's SIECLE ELEVE_ID. */
  matchedBy: typeof LSU_MATCH_RULE;
  /** Active roster pupils without a SIECLE ELEVE_ID (CSV import): none of them can be matched. */
  rosterWithoutSiecleId: number;
  skipped: Array<{ idBe: string; reason: LsuSkipReason; name: string; division: string }>;
}

/**
 * Enriches the school's own LSU export with the cycle 3 digital competences block: validate the file against
 * the schema of its declared version, match each CM2/6e pupil to the roster by `id-be` (SIECLE ELEVE_ID, not
 * the INE), map her CRCN levels to 1–3, write, and validate the result before handing it over. Every pupil of
 * the file that gets nothing is listed with a reason.
 */
export async function exportLsu(input: {
  uai: string;
  inputPath: string;
  outputPath: string;
  /** What people call the file in messages (an upload's name, the CLI argument). */
  displayName: string;
  lastReportOnly: boolean;
  appreciation?: string;
  mapping: LsuLevelMapping;
  divisionPattern?: RegExp;
  lsu: LsuConnector;
  levels: SchoolLevelsReader;
  organizations: Pick<OrganizationRepository, 'findByUai'>;
}): Promise<LsuExportReport> {
  const uai = input.uai.toUpperCase();
  if (input.appreciation !== undefined && [...input.appreciation].length > 600) throw livretErrors.appreciationTooLong();
  const organization = await input.organizations.findByUai(uai);
  if (!organization) throw livretErrors.organizationNotFound(uai);

  const file = await input.lsu.inspect(input.inputPath);
  if (!file.schemaVersion) throw livretErrors.notLsu();
  const check = await input.lsu.validate(input.inputPath, file.schemaVersion, input.displayName);
  if (!check.valid) {
    if (check.reason === 'VERSION_UNSUPPORTED') throw livretErrors.schemaVersionUnsupported(check.messages);
    if (check.reason === 'SCHEMA_MISSING') throw livretErrors.schemaMissing(check.messages);
    throw livretErrors.schemaInvalid(check.messages, 'input');
  }
  if (file.uai !== uai) throw livretErrors.uaiMismatch(file.uai, uai);

  const cycle3 = file.pupils.filter((p) => isCycle3EndDivision(p.division, input.divisionPattern));
  if (cycle3.length === 0) throw livretErrors.noCycle3Pupil();

  // The roster is read page by page and only what the file's CM2/6e pupils need is kept: their LSU levels.
  const roster = createRosterIndex(new Set(cycle3.map((p) => normaliseIdBe(p.idBe))), (rostered) => ({
    hasResults: rostered.lastChangedAt !== null,
    levels: rostered.levels.flatMap(({ competenceId, level }) => {
      const code = input.lsu.codeOf(competenceId);
      const niveau = mapToLsuNiveau(level, input.mapping);
      return code && niveau ? [{ code, niveau }] : [];
    }),
  }));
  for await (const page of schoolLevelsPages({ organizationId: organization.id, levels: input.levels })) for (const pupil of page) roster.add(pupil);

  const skipped: LsuExportReport['skipped'] = [];
  const blocks = new Map<string, LsuBlock>();
  for (const pupil of file.pupils) {
    const skip = (reason: LsuSkipReason) => skipped.push({ idBe: pupil.idBe, reason, name: `${pupil.lastName} ${pupil.firstName}`.trim(), division: pupil.division });
    if (!isCycle3EndDivision(pupil.division, input.divisionPattern)) {
      skip('NOT_CM2_OR_6E');
      continue;
    }
    const rostered = roster.find(pupil.idBe);
    if (!rostered) {
      skip(roster.lacksSiecleId(pupil.lastName, pupil.firstName) ? 'NO_SIECLE_ID' : 'NOT_IN_ROSTER');
      continue;
    }
    if (pupil.periodicReports === 0) {
      skip('NO_PERIODIC_REPORT');
      continue;
    }
    if (!rostered.hasResults || rostered.levels.length === 0) {
      skip('NO_RESULTS');
      continue;
    }
    blocks.set(pupil.ref, { levels: rostered.levels, ...(input.appreciation !== undefined ? { appreciation: input.appreciation } : {}) });
  }

  const { reportsWritten } = await input.lsu.enrich({ inputPath: input.inputPath, outputPath: input.outputPath, file, blocks, lastReportOnly: input.lastReportOnly });
  const out = await input.lsu.validate(input.outputPath, file.schemaVersion, 'fichier enrichi');
  if (!out.valid) throw livretErrors.schemaInvalid(out.messages, 'output');
  return { enriched: blocks.size, reportsWritten, schemaVersion: file.schemaVersion, matchedBy: LSU_MATCH_RULE, rosterWithoutSiecleId: roster.withoutSiecleId, skipped };
}
