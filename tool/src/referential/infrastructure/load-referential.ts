import { findNearDuplicates } from '../domain/instruction-similarity.ts';
import type { Referential } from '../domain/referential.ts';
import { assembleReferential } from './assemble-referential.ts';
import { buildTube, type BuiltTube } from './build-tube.ts';
import { checkCoverage } from './check-coverage.ts';
import { dropDuplicateIds } from './check-unique-ids.ts';
import { frameworkFileSchema, type FrameworkFile } from './framework-file.ts';
import { compareCodeUnits, readReferentialFiles, type TextFile } from './read-referential-files.ts';
import { errorReporter, reportSchemaIssues, type ReferentialError } from './referential-error.ts';
import { SCHEMA_PARSE_OPTIONS, validateTubeFile } from './validate-tube-file.ts';
import { parseYamlFile } from './yaml/parse-yaml-file.ts';

export type { ReferentialError } from './referential-error.ts';

export interface LoadReferentialOptions {
  /** Compare every pair of instructions (quadratic): for `referential check`, never at server start-up. */
  checkSimilarity?: boolean;
  /** Check the bank's coverage targets (`coverage.*`): for `referential check`. */
  checkCoverage?: boolean;
  /** Read every file again with the full YAML parser and report any disagreement: for `referential check`. */
  verifyYaml?: boolean;
}

export interface LoadReferentialResult {
  /** Everything that could be built, even when there are errors (statistics, self-tests). */
  referential: Referential;
  /** Sorted by file; empty when the referential is valid. */
  errors: ReferentialError[];
  /** Files the fast YAML reader handed over to the full parser: valid, but slower to load. */
  slowYamlFiles: string[];
}

/** Above this similarity two instructions are one épreuve written twice (referential/README.md). */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;

/**
 * Loads the referential directory (framework.yaml, competences/<index>/<tube>.yaml, attachments/) into the
 * indexed in-memory referential, collecting every error in one pass instead of stopping at the first.
 */
export async function loadReferential(dir: string, options: LoadReferentialOptions = {}): Promise<LoadReferentialResult> {
  const files = readReferentialFiles(dir);
  const errors: ReferentialError[] = [];
  const slowYamlFiles: string[] = [];
  const verify = options.verifyYaml === true;

  const framework = files.framework ? readFramework(files.framework, errors, slowYamlFiles, verify) : null;
  if (!files.framework) errors.push({ file: 'framework.yaml', rule: 'file.missing', message: 'framework.yaml est introuvable' });
  for (const path of files.strayFiles) {
    errors.push({ file: path, rule: 'file.unexpected', message: 'seuls des fichiers competences/<compétence>/<sujet>.yaml sont attendus ici' });
  }

  const competenceIndexes = framework ? new Set(framework.areas.flatMap((area) => area.competences.map((competence) => competence.index))) : null;
  const built: BuiltTube[] = [];
  for (const file of files.tubeFiles) {
    const report = errorReporter(file.path, errors);
    const parsed = parseYamlFile(file.text, report, verify);
    if (!parsed) continue;
    if (!parsed.fast) slowYamlFiles.push(file.path);
    const records = validateTubeFile(parsed.value, report);
    if (records) built.push(buildTube(file.path, records, { competenceIndexes, attachments: files.attachments }, report));
  }

  const tubes = dropDuplicateIds(built, errors);
  if (options.checkSimilarity === true) checkSimilarity(tubes, errors);
  const referential = assembleReferential(files.version, framework, tubes);
  if (options.checkCoverage === true) errors.push(...checkCoverage(referential));

  // Stable: within a file, errors keep the order of the records.
  errors.sort((a, b) => compareCodeUnits(a.file, b.file));
  return { referential, errors, slowYamlFiles };
}

/** The result of `loadReferential` as a referential the server can run on, or an error naming the problems. */
export function assertValidReferential(result: LoadReferentialResult): Referential {
  if (result.errors.length > 0) throw new InvalidReferentialError(result.errors);
  return result.referential;
}

const LISTED_ERRORS = 20;

export class InvalidReferentialError extends Error {
  override readonly name = 'InvalidReferentialError';
  readonly code = 'REFERENTIAL_INVALID';
  readonly errors: readonly ReferentialError[];

  constructor(errors: readonly ReferentialError[]) {
    const listed = errors.slice(0, LISTED_ERRORS).map((error) => `  ${formatReferentialError(error)}`);
    const more = errors.length > LISTED_ERRORS ? [`  … et ${errors.length - LISTED_ERRORS} autre(s)`] : [];
    super([`Référentiel invalide (${errors.length} erreur(s)) ; détail : npx pix-embed referential check`, ...listed, ...more].join('\n'));
    this.errors = errors;
  }
}

/** `file · id · field [rule] message`, the one-line form used in logs and in the CLI. */
export function formatReferentialError(error: ReferentialError): string {
  const where = [error.file, error.id, error.field].filter((part) => part !== undefined).join(' · ');
  return `${where} [${error.rule}] ${error.message}`;
}

function readFramework(file: TextFile, errors: ReferentialError[], slowYamlFiles: string[], verify: boolean): FrameworkFile | null {
  const report = errorReporter(file.path, errors);
  const parsed = parseYamlFile(file.text, report, verify);
  if (!parsed) return null;
  if (!parsed.fast) slowYamlFiles.push(file.path);
  const result = frameworkFileSchema.safeParse(parsed.value, SCHEMA_PARSE_OPTIONS);
  if (!result.success) {
    reportSchemaIssues(result.error.issues, report, undefined);
    return null;
  }
  const framework = result.data;
  const seen = new Set<string>();
  for (const area of framework.areas) {
    for (const competence of area.competences) {
      if (seen.has(competence.index)) report('framework.duplicateCompetence', `la compétence ${competence.index} est déclarée deux fois`, { id: competence.index, field: 'index' });
      if (!competence.index.startsWith(`${area.code}.`)) {
        report('framework.competenceArea', `la compétence ${competence.index} n’appartient pas au domaine ${area.code}`, { id: competence.index, field: 'index' });
      }
      seen.add(competence.index);
    }
  }
  return framework;
}

/** Archived épreuves are left out: a corrected version naturally resembles the one it replaces. */
function checkSimilarity(tubes: BuiltTube[], errors: ReferentialError[]): void {
  const fileOf = new Map<string, string>();
  const items: Array<{ id: string; text: string }> = [];
  for (const built of tubes) {
    for (const challenge of built.challenges) {
      if (challenge.status === 'archivé') continue;
      fileOf.set(challenge.id, built.file);
      items.push({ id: challenge.id, text: challenge.instruction });
    }
  }
  items.sort((a, b) => compareCodeUnits(a.id, b.id));
  for (const pair of findNearDuplicates(items, NEAR_DUPLICATE_THRESHOLD)) {
    errors.push({
      file: fileOf.get(pair.second) ?? '',
      id: pair.second,
      field: 'instruction',
      rule: 'instruction.nearDuplicate',
      message: `consigne semblable à ${Math.floor(pair.similarity * 100)} % à celle de ${pair.first} (${fileOf.get(pair.first) ?? '?'}) ; au-delà de 80 %, c’est la même épreuve`,
    });
  }
}
