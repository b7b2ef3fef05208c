import type { Referential } from '../domain/referential.ts';
import { assembleReferential } from './assemble-referential.ts';
import { buildTube, type BuiltTube } from './build-tube.ts';
import { checkCoverage } from './check-coverage.ts';
import { checkLengthCue } from './check-length-cue.ts';
import { checkSimilarity } from './check-similarity.ts';
import { dropDuplicateIds } from './check-unique-ids.ts';
import type { FrameworkFile } from './framework-file.ts';
import { readFramework } from './read-framework.ts';
import { compareCodeUnits, FRAMEWORK_FILE, readReferentialFiles } from './read-referential-files.ts';
import { InvalidReferentialError } from './invalid-referential-error.ts';
import { errorReporter, type ReferentialError } from './referential-error.ts';
import { validateTubeFile } from './validate-tube-file.ts';
import { parseYamlFile } from './yaml/parse-yaml-file.ts';

export type { ReferentialError } from './referential-error.ts';
export { formatReferentialError } from './referential-error.ts';
export { InvalidReferentialError } from './invalid-referential-error.ts';

export interface LoadReferentialOptions {
  /** Compare every pair of instructions (quadratic): for `referential check`, never at server start-up. */
  checkSimilarity?: boolean;
  /** Check the bank's coverage targets (`coverage.*`): for `referential check`. */
  checkCoverage?: boolean;
  /** Check that the right proposal of a QCU is not the longest, or the shortest, too often (`cue.keyLength`). */
  checkLengthCue?: boolean;
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

/**
 * Loads the referential directory (framework.yaml, competences/<index>/<tube>.yaml, attachments/) into the
 * indexed in-memory referential, collecting every error in one pass instead of stopping at the first.
 */
export async function loadReferential(dir: string, options: LoadReferentialOptions = {}): Promise<LoadReferentialResult> {
  const files = readReferentialFiles(dir);
  const errors: ReferentialError[] = [];
  const slowYamlFiles: string[] = [];
  const verify = options.verifyYaml === true;

  let framework: FrameworkFile | null = null;
  if (files.framework) {
    const read = readFramework(files.framework, errors, verify);
    framework = read.framework;
    if (!read.fast) slowYamlFiles.push(files.framework.path);
  } else {
    errors.push({ file: FRAMEWORK_FILE, rule: 'file.missing', message: `${FRAMEWORK_FILE} est introuvable` });
  }
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
  if (options.checkSimilarity === true) errors.push(...checkSimilarity(tubes));
  const referential = assembleReferential(files.version, framework, tubes);
  if (options.checkCoverage === true) errors.push(...checkCoverage(referential));
  if (options.checkLengthCue === true) errors.push(...checkLengthCue(referential));

  // Stable: within a file, errors keep the order of the records.
  errors.sort((a, b) => compareCodeUnits(a.file, b.file));
  return { referential, errors, slowYamlFiles };
}

/** The result of `loadReferential` as a referential the server can run on, or an error naming the problems. */
export function assertValidReferential(result: LoadReferentialResult): Referential {
  if (result.errors.length > 0) throw new InvalidReferentialError(result.errors);
  return result.referential;
}
