import { ProposalsSyntaxError } from './errors.ts';
import type { ParsedProposals, ProposalSegment } from './types.ts';

const BLOCK_OPEN = '${';
const OPTIONS_MARKER = 'options=';
const KEY = /^[A-Za-z0-9_-]+$/;

/** A block's content before `options=`, split into its parts. */
interface BlockHead {
  key: string;
  placeholder?: string;
  ariaLabel?: string;
}

/**
 * Parses QROC/QROCM proposals: text with blocks `${key}`, `${key#placeholder}`, `${key§aria label}`,
 * `${key#placeholder§aria label}` and selects `${key§aria label options=["a","b"]}`.
 * A block never spans lines. Without `§` the label is "Réponse N", N being the block's ordinal.
 * Throws ProposalsSyntaxError on the first malformed block or duplicate key.
 */
export function parseProposals(text: string): ParsedProposals {
  const rawLines = trimBlankLines(text.replace(/\r\n?/g, '\n').split('\n'));
  const blocks: ParsedProposals['blocks'] = [];
  const lines = rawLines.map((line, index) => parseLine(line, index + 1, blocks));
  return { lines, blocks };
}

/** YAML block scalars end with a newline; leading or trailing blank lines carry no meaning. */
function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start++;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
  return lines.slice(start, end);
}

function parseLine(line: string, lineNumber: number, blocks: ParsedProposals['blocks']): ProposalSegment[] {
  const segments: ProposalSegment[] = [];
  let cursor = 0;
  while (cursor < line.length) {
    const open = line.indexOf(BLOCK_OPEN, cursor);
    if (open === -1) break;
    if (open > cursor) segments.push({ kind: 'text', text: line.slice(cursor, open) });
    const { segment, end } = parseBlock(line, open, lineNumber, blocks.length + 1);
    if (blocks.some((block) => block.key === segment.key)) {
      throw new ProposalsSyntaxError(lineNumber, `duplicate block key "${segment.key}"`);
    }
    blocks.push({ key: segment.key, kind: segment.kind });
    segments.push(segment);
    cursor = end;
  }
  if (cursor < line.length) segments.push({ kind: 'text', text: line.slice(cursor) });
  return segments;
}

type BlockSegment = Exclude<ProposalSegment, { kind: 'text' }>;

/** Parses the block opening at `open`; returns it and the index just after its closing `}`. */
function parseBlock(line: string, open: number, lineNumber: number, ordinal: number): { segment: BlockSegment; end: number } {
  const bodyStart = open + BLOCK_OPEN.length;
  const close = line.indexOf('}', bodyStart);
  const options = line.indexOf(OPTIONS_MARKER, bodyStart);
  const excerpt = line.slice(open, open + 30);

  // `options=` inside this block: its JSON may itself contain "}", so the block ends after the array.
  if (options !== -1 && (close === -1 || options < close)) {
    const head = parseHead(line.slice(bodyStart, options), lineNumber);
    if (head.placeholder !== undefined) {
      throw new ProposalsSyntaxError(lineNumber, `select block "${head.key}" cannot have a placeholder (#)`);
    }
    const arrayStart = options + OPTIONS_MARKER.length;
    const arrayEnd = findJsonArrayEnd(line, arrayStart);
    if (arrayEnd === -1) {
      throw new ProposalsSyntaxError(lineNumber, `options of block "${head.key}" must be a JSON array of texts, e.g. options=["a","b"]`);
    }
    const values = parseOptions(line.slice(arrayStart, arrayEnd), head.key, lineNumber);
    const rest = line.slice(arrayEnd);
    const closeAfter = rest.search(/\S/);
    if (closeAfter === -1 || rest[closeAfter] !== '}') {
      throw new ProposalsSyntaxError(lineNumber, `block "${head.key}" must end with "}" right after its options`);
    }
    const ariaLabel = head.ariaLabel ?? defaultLabel(ordinal);
    return { segment: { kind: 'select', key: head.key, ariaLabel, options: values }, end: arrayEnd + closeAfter + 1 };
  }

  if (close === -1) throw new ProposalsSyntaxError(lineNumber, `unclosed block "${excerpt}" (missing "}")`);
  const head = parseHead(line.slice(bodyStart, close), lineNumber);
  const segment: Extract<ProposalSegment, { kind: 'input' }> = {
    kind: 'input',
    key: head.key,
    ariaLabel: head.ariaLabel ?? defaultLabel(ordinal),
  };
  if (head.placeholder !== undefined) segment.placeholder = head.placeholder;
  return { segment, end: close + 1 };
}

/** `key`, then optionally `#placeholder`, then optionally `§label`, in that order. */
function parseHead(raw: string, lineNumber: number): BlockHead {
  const body = raw.trimEnd();
  const labelAt = body.indexOf('§');
  const beforeLabel = labelAt === -1 ? body : body.slice(0, labelAt);
  const placeholderAt = beforeLabel.indexOf('#');
  const key = placeholderAt === -1 ? beforeLabel : beforeLabel.slice(0, placeholderAt);

  if (!KEY.test(key)) {
    const shown = key === '' ? 'an empty key' : `invalid key "${key}"`;
    throw new ProposalsSyntaxError(lineNumber, `block "\${${body}}" has ${shown} (letters, digits, "_" and "-" only)`);
  }
  const head: BlockHead = { key };
  if (placeholderAt !== -1) {
    const placeholder = beforeLabel.slice(placeholderAt + 1).trim();
    if (placeholder === '') throw new ProposalsSyntaxError(lineNumber, `block "${key}" has an empty placeholder after "#"`);
    head.placeholder = placeholder;
  }
  if (labelAt !== -1) {
    const ariaLabel = body.slice(labelAt + 1).trim();
    if (ariaLabel === '') throw new ProposalsSyntaxError(lineNumber, `block "${key}" has an empty label after "§"`);
    head.ariaLabel = ariaLabel;
  }
  return head;
}

/** Index just after the `]` closing the JSON array starting at `start`, or -1; honours JSON strings. */
function findJsonArrayEnd(line: string, start: number): number {
  if (line[start] !== '[') return -1;
  let depth = 0;
  let inString = false;
  for (let i = start; i < line.length; i++) {
    const char = line[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '[') {
      depth++;
    } else if (char === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function parseOptions(json: string, key: string, lineNumber: number): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ProposalsSyntaxError(lineNumber, `options of block "${key}" are not valid JSON: ${json}`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((option): option is string => typeof option === 'string')) {
    throw new ProposalsSyntaxError(lineNumber, `options of block "${key}" must be a non-empty JSON array of texts`);
  }
  const options: string[] = parsed;
  if (options.some((option) => option.trim() === '')) {
    throw new ProposalsSyntaxError(lineNumber, `options of block "${key}" contain an empty option`);
  }
  const duplicate = options.find((option, index) => options.indexOf(option) !== index);
  if (duplicate !== undefined) {
    throw new ProposalsSyntaxError(lineNumber, `options of block "${key}" contain "${duplicate}" twice`);
  }
  return options;
}

function defaultLabel(ordinal: number): string {
  return `Réponse ${ordinal}`;
}
