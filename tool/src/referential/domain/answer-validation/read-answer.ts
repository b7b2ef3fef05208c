import { isMap, isScalar, parseDocument } from 'yaml';
import { AnswerValidationError } from './errors.ts';
import { assertStringLength, MAX_QROCM_PAYLOAD_LENGTH } from './limits.ts';

/** A free-text answer: a string, or a finite number that a widget may have sent unquoted. */
export function readTextAnswer(value: unknown): string {
  if (typeof value === 'string') {
    assertStringLength(value, 'The answer');
    return value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new AnswerValidationError('ANSWER_MALFORMED', `Expected a text answer, got ${describe(value)}`);
}

/**
 * A QROCM answer: a flat `{ key: text }` object, or the YAML dump of one (what upstream Pix widgets
 * send). Returned as a Map so that keys such as "__proto__" stay plain data.
 */
export function readKeyedAnswer(value: unknown): Map<string, string> {
  if (typeof value === 'string') return readYamlAnswer(value);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return readObjectAnswer(value);
  throw new AnswerValidationError('ANSWER_MALFORMED', `Expected an object or a YAML map, got ${describe(value)}`);
}

function readObjectAnswer(value: object): Map<string, string> {
  const fields = new Map<string, string>();
  let payloadLength = 0;
  for (const [key, field] of Object.entries(value)) {
    const text = readFieldValue(field, key);
    payloadLength += key.length + text.length;
    assertPayloadLength(payloadLength);
    fields.set(key, text);
  }
  return fields;
}

function readFieldValue(field: unknown, key: string): string {
  if (typeof field === 'string') {
    assertStringLength(field, `The answer for "${truncate(key)}"`);
    return field;
  }
  if (typeof field === 'number' && Number.isFinite(field)) return String(field);
  throw new AnswerValidationError('ANSWER_MALFORMED', `The answer for "${truncate(key)}" must be text, got ${describe(field)}`);
}

/** FAILSAFE schema: every scalar stays a string, so "007" or "yes" are never reinterpreted. */
function readYamlAnswer(text: string): Map<string, string> {
  assertPayloadLength(text.length);
  const document = parseDocument(text, { schema: 'failsafe', uniqueKeys: true });
  const firstError = document.errors[0];
  if (firstError) throw new AnswerValidationError('ANSWER_MALFORMED', `The answer is not valid YAML (${firstError.code})`);
  const root = document.contents;
  if (!isMap(root)) throw new AnswerValidationError('ANSWER_MALFORMED', 'The answer must be a YAML map of keys to texts');

  const fields = new Map<string, string>();
  for (const pair of root.items) {
    const key = isScalar(pair.key) && typeof pair.key.value === 'string' ? pair.key.value : null;
    if (key === null) throw new AnswerValidationError('ANSWER_MALFORMED', 'Every key of the answer must be a plain text');
    // `key:` with nothing after it is an empty field, not a structural error.
    const field = pair.value === null ? '' : isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof field !== 'string') {
      throw new AnswerValidationError('ANSWER_MALFORMED', `The answer for "${truncate(key)}" must be text, not a nested value`);
    }
    assertStringLength(field, `The answer for "${truncate(key)}"`);
    fields.set(key, field);
  }
  return fields;
}

function assertPayloadLength(length: number): void {
  if (length > MAX_QROCM_PAYLOAD_LENGTH) {
    throw new AnswerValidationError('ANSWER_TOO_LONG', `The answer is longer than ${MAX_QROCM_PAYLOAD_LENGTH} characters`);
  }
}

/** Error messages may be logged: never echo an unbounded, learner-controlled key. */
export function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
