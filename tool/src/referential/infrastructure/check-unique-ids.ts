import type { BuiltTube } from './build-tube.ts';
import type { ReferentialError } from './referential-error.ts';

/**
 * Tube names, épreuve ids and tutorial ids are unique across the whole referential: answers, tutorials
 * shown and learner progress refer to them forever. Each duplicate is reported where it appears again and
 * dropped from the bank, the first occurrence (in file order) being kept.
 */
export function dropDuplicateIds(tubes: BuiltTube[], errors: ReferentialError[]): BuiltTube[] {
  const tubeFiles = new Map<string, string>();
  const challengeFiles = new Map<string, string>();
  const tutorialFiles = new Map<string, string>();
  const kept: BuiltTube[] = [];

  for (const built of tubes) {
    const firstFile = tubeFiles.get(built.tube.name);
    if (firstFile !== undefined) {
      errors.push({ file: built.file, id: built.tube.name, field: 'name', rule: 'tube.duplicateName', message: `le sujet « ${built.tube.name} » existe déjà dans ${firstFile}` });
      continue;
    }
    tubeFiles.set(built.tube.name, built.file);
    const isNew = (seen: Map<string, string>, id: string, rule: string, what: string): boolean => {
      const first = seen.get(id);
      if (first === undefined) {
        seen.set(id, built.file);
        return true;
      }
      errors.push({ file: built.file, id, field: 'id', rule, message: `${what} « ${id} » existe déjà dans ${first}` });
      return false;
    };
    kept.push({
      ...built,
      challenges: built.challenges.filter((challenge) => isNew(challengeFiles, challenge.id, 'challenge.duplicateId', 'l’épreuve')),
      tutorials: built.tutorials.filter((tutorial) => isNew(tutorialFiles, tutorial.id, 'tutorial.duplicateId', 'le tutoriel')),
    });
  }
  return kept;
}
