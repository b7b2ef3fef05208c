import { frameworkFileSchema, type FrameworkFile } from './framework-file.ts';
import type { TextFile } from './read-referential-files.ts';
import { errorReporter, reportSchemaIssues, type ReferentialError } from './referential-error.ts';
import { SCHEMA_PARSE_OPTIONS } from './validate-tube-file.ts';
import { parseYamlFile } from './yaml/parse-yaml-file.ts';

/**
 * Reads framework.yaml (schema of framework-file.ts) and checks that every competence is declared once,
 * in the area its index starts with. Null when it cannot be used; errors are pushed to `errors`.
 */
export function readFramework(file: TextFile, errors: ReferentialError[], verifyYaml: boolean): { framework: FrameworkFile | null; fast: boolean } {
  const report = errorReporter(file.path, errors);
  const parsed = parseYamlFile(file.text, report, verifyYaml);
  if (!parsed) return { framework: null, fast: true };
  const result = frameworkFileSchema.safeParse(parsed.value, SCHEMA_PARSE_OPTIONS);
  if (!result.success) {
    reportSchemaIssues(result.error.issues, report, undefined);
    return { framework: null, fast: parsed.fast };
  }
  const framework = result.data;
  const seen = new Set<string>();
  for (const area of framework.areas) {
    for (const competence of area.competences) {
      const where = { id: competence.index, field: 'index' };
      if (seen.has(competence.index)) report('framework.duplicateCompetence', `la compétence ${competence.index} est déclarée deux fois`, where);
      if (!competence.index.startsWith(`${area.code}.`)) {
        report('framework.competenceArea', `la compétence ${competence.index} n’appartient pas au domaine ${area.code}`, where);
      }
      seen.add(competence.index);
    }
  }
  return { framework, fast: parsed.fast };
}
