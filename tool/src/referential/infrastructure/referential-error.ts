import type { z } from 'zod';

/** One problem in the referential, precise enough for an author to fix it without reading any code. */
export interface ReferentialError {
  /** Relative to the referential directory, e.g. "competences/1.1/requete.yaml" (a folder for coverage rules). */
  file: string;
  /** The record concerned: épreuve id, "@acquis", tutorial id, tube name, competence index. */
  id?: string;
  /** The field within the record, e.g. "solution", "proposals[2]", "illustration.file". */
  field?: string;
  /** Stable rule name ("solution.range", "coverage.level2"): scripts and tests match on it, not on the message. */
  rule: string;
  message: string;
}

/** Reports one error of a given file; `where` names the record and the field. */
export type ReportError = (rule: string, message: string, where?: { id?: string | undefined; field?: string | undefined }) => void;

export function errorReporter(file: string, errors: ReferentialError[]): ReportError {
  return (rule, message, where = {}) => {
    const error: ReferentialError = { file, rule, message };
    if (where.id !== undefined) error.id = where.id;
    if (where.field !== undefined) error.field = where.field;
    errors.push(error);
  };
}

/** `file · id · field [rule] message`, the one-line form of logs and start-up failures. */
export function formatReferentialError(error: ReferentialError): string {
  const where = [error.file, error.id, error.field].filter((part) => part !== undefined).join(' · ');
  return `${where} [${error.rule}] ${error.message}`;
}

/** `['proposals', 2, 'x']` → `proposals[2].x` */
export function formatFieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Turns zod issues into referential errors named `schema.<what>` (or the rule a refinement declares). */
export function reportSchemaIssues(issues: readonly z.core.$ZodIssue[], report: ReportError, id: string | undefined): void {
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        report('schema.unknownKey', `champ inconnu « ${key} » (faute de frappe ?)`, { id, field: formatFieldPath([...issue.path, key]) });
      }
      continue;
    }
    const field = issue.path.length > 0 ? formatFieldPath(issue.path) : undefined;
    report(ruleOf(issue), issue.message, { id, field });
  }
}

function ruleOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'custom') {
    const rule: unknown = issue.params?.['rule'];
    return typeof rule === 'string' ? rule : 'schema.custom';
  }
  // Parsed with `reportInput`: a missing field is the only type or value issue without an input.
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) return 'schema.required';
  return `schema.${issue.code.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())}`;
}
