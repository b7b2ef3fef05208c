import { z } from 'zod';
import { reportSchemaIssues, type ReportError } from './referential-error.ts';
import {
  challengeRecordSchema,
  skillRecordSchema,
  tubeFileSchema,
  tubeHeaderSchema,
  tutorialRecordSchema,
  type ChallengeRecord,
  type SkillRecord,
  type TubeHeader,
  type TutorialRecord,
} from './tube-file-schema.ts';

/** Authors read the messages: French, and inputs kept so that a missing field is told apart. */
export const SCHEMA_PARSE_OPTIONS = { error: z.locales.fr().localeError, reportInput: true } as const;

/** The valid records of one tube file; invalid ones have been reported and left out. */
export interface TubeFileRecords {
  /** The tube's own fields. */
  header: Omit<TubeHeader, 'skills' | 'tutorials' | 'challenges'>;
  skills: SkillRecord[];
  tutorials: TutorialRecord[];
  challenges: ChallengeRecord[];
}

/**
 * Validates a parsed tube file record by record, so that one broken épreuve is reported without hiding
 * the errors of the others. Returns null when the tube's own fields are invalid.
 */
export function validateTubeFile(value: unknown, report: ReportError): TubeFileRecords | null {
  // One pass over the whole file is twice as fast; record by record only to report errors.
  const whole = tubeFileSchema.safeParse(value, SCHEMA_PARSE_OPTIONS);
  if (whole.success) {
    const { skills, tutorials, challenges, ...header } = whole.data;
    return { header, skills, tutorials, challenges };
  }

  const raw = isObject(value) ? value : {};
  const rawName = typeof raw['name'] === 'string' ? raw['name'] : undefined;
  const header = tubeHeaderSchema.safeParse(value, SCHEMA_PARSE_OPTIONS);
  if (!header.success) reportSchemaIssues(header.error.issues, report, rawName);

  const skills = validateRecords(raw['skills'], 'skills', skillRecordSchema, report, (record) => {
    const level = record['level'];
    return rawName !== undefined && (typeof level === 'string' || typeof level === 'number') ? `@${rawName}${level}` : undefined;
  });
  const tutorials = validateRecords(raw['tutorials'], 'tutorials', tutorialRecordSchema, report, stringId);
  const challenges = validateRecords(raw['challenges'], 'challenges', challengeRecordSchema, report, stringId);
  if (!header.success) return null;
  const { name, competence, title, description } = header.data;
  return { header: { name, competence, title, description }, skills, tutorials, challenges };
}

/** Errors name the record by its id, or by its position when it has none. */
function validateRecords<T>(
  list: unknown,
  listName: string,
  schema: z.ZodType<T>,
  report: ReportError,
  idOf: (record: Record<string, unknown>) => string | undefined,
): T[] {
  if (!Array.isArray(list)) return [];
  const valid: T[] = [];
  list.forEach((item: unknown, index) => {
    const result = schema.safeParse(item, SCHEMA_PARSE_OPTIONS);
    if (result.success) {
      valid.push(result.data);
      return;
    }
    const id = isObject(item) ? idOf(item) : undefined;
    const position = `${listName}[${index}]`;
    reportSchemaIssues(result.error.issues, (rule, message, where) => {
      const field = id !== undefined ? where?.field : where?.field === undefined ? position : `${position}.${where.field}`;
      report(rule, message, { id, field });
    }, id);
  });
  return valid;
}

function stringId(record: Record<string, unknown>): string | undefined {
  const id = record['id'];
  return typeof id === 'string' ? id : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
