/**
 * A line-based reader for the YAML subset that referential files are written in: block mappings and
 * sequences, `|` and `>` block scalars, single-line flow collections and quoted strings, plain scalars
 * (multi-line included) and comments. It is about ten times faster than the `yaml` package, which is
 * what keeps the start-up load of the whole bank under its time budget.
 *
 * It never guesses: anything outside the subset (anchors, tags, multi-line quoted strings, keep
 * chomping, tabs in indentation, duplicate keys, a plain scalar containing ": "…) makes it return
 * null, and the caller falls back to the full parser, which also reports real syntax errors.
 * Plain scalars are resolved like read-yaml.ts's reference parse: null and booleans as in YAML 1.2
 * core, numbers kept as written (strings), so both readers always agree (`referential check`
 * verifies it file by file).
 */
export function readYamlSubset(source: string): { value: unknown } | null {
  if (source.includes('\r') || source.charCodeAt(0) === 0xfeff) return null;
  try {
    return { value: new SubsetReader(source).readDocument() };
  } catch (error) {
    if (error instanceof OutsideSubset) return null;
    throw error;
  }
}

/** Control flow only: unwinds the recursive reader as soon as the input leaves the subset. */
class OutsideSubset extends Error {}

function outside(): OutsideSubset {
  return new OutsideSubset();
}

/**
 * `key:` then a space or the end of the line; keys are words: ASCII or accented Latin letters, digits,
 * `_ . / + -` and inner spaces (no `u` flag: this regex runs on every line).
 */
const KEY = /^([A-Za-z0-9_\u00C0-\u024F][A-Za-z0-9_\u00C0-\u024F ./+-]*?) *:(?:[ \t]+|$)/;
const BLOCK_SCALAR_HEADER = /^([|>])(-?)(?:[ \t]+#.*)?[ \t]*$/;
const NULL = /^(?:~|null|Null|NULL)$/;
const TRUE = /^(?:true|True|TRUE)$/;
const FALSE = /^(?:false|False|FALSE)$/;
/** Characters that cannot start a plain scalar (YAML indicators). */
const INDICATORS = ',[]{}#&*!|>\'"%@`';
const FLOW_INDICATORS = ',[]{}';

interface Line {
  indent: number;
  /** The line without its indentation and trailing spaces. */
  content: string;
}

class SubsetReader {
  private readonly lines: string[];
  private pos = 0;

  constructor(source: string) {
    this.lines = source.split('\n');
  }

  readDocument(): unknown {
    this.skipInsignificant();
    if (this.pos >= this.lines.length) throw outside();
    const line = this.current();
    if (line.indent !== 0 || isSequenceItem(line.content)) throw outside();
    const value = this.readMapping(0, null);
    this.skipInsignificant();
    if (this.pos < this.lines.length) throw outside();
    return value;
  }

  /** Blank and comment lines between nodes; document markers and directives are outside the subset. */
  private skipInsignificant(): void {
    while (this.pos < this.lines.length) {
      const raw = this.lines[this.pos] ?? '';
      const first = firstNonBlank(raw);
      if (first !== -1 && raw.charCodeAt(first) !== HASH) {
        if (raw.startsWith('---') || raw.startsWith('...') || raw.startsWith('%')) throw outside();
        return;
      }
      this.pos++;
    }
  }

  private current(): Line {
    const raw = this.lines[this.pos] ?? '';
    const indent = countSpaces(raw);
    if (raw[indent] === '\t') throw outside();
    return { indent, content: raw.slice(indent).trimEnd() };
  }

  /** A block mapping with keys at column `indent`; `first` is the rest of a `- key: value` line. */
  private readMapping(indent: number, first: string | null): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    let content = first;
    for (;;) {
      if (content === null) {
        this.skipInsignificant();
        if (this.pos >= this.lines.length) break;
        const line = this.current();
        if (line.indent < indent) break;
        if (line.indent > indent || isSequenceItem(line.content)) throw outside();
        content = line.content;
      }
      const entry = KEY.exec(content);
      if (!entry) throw outside();
      const key = readKey(entry[1] ?? '');
      if (Object.hasOwn(map, key)) throw outside();
      map[key] = this.readValue(content.slice(entry[0].length), indent, true);
      content = null;
    }
    return map;
  }

  /** Items `- …` at column `indent`. */
  private readSequence(indent: number): unknown[] {
    const items: unknown[] = [];
    for (;;) {
      this.skipInsignificant();
      if (this.pos >= this.lines.length) break;
      const line = this.current();
      if (line.indent < indent) break;
      if (line.indent > indent) throw outside();
      if (!isSequenceItem(line.content)) break;
      const afterDash = line.content.slice(1);
      if (afterDash.startsWith('\t')) throw outside();
      const rest = afterDash.trimStart();
      if (rest === '' || rest.startsWith('#')) {
        this.pos++;
        items.push(this.readNestedNode(indent, false));
      } else if (isSequenceItem(rest)) {
        throw outside();
      } else if (KEY.test(rest)) {
        // `- key: value`: a mapping whose keys sit at the column of this first key.
        items.push(this.readMapping(indent + 1 + afterDash.length - rest.length, rest));
      } else {
        items.push(this.readValue(rest, indent, false));
      }
    }
    return items;
  }

  /**
   * The value after `key:` or `- ` on the current line. Its children and continuation lines are indented
   * deeper than `parentIndent`; a mapping value may also be a sequence at the key's own column.
   */
  private readValue(rest: string, parentIndent: number, inMapping: boolean): unknown {
    if (rest === '' || rest.startsWith('#')) {
      this.pos++;
      return this.readNestedNode(parentIndent, inMapping);
    }
    const first = rest[0] ?? '';
    if (first === '|' || first === '>') return this.readBlockScalar(rest, parentIndent);
    if (first === '"' || first === "'" || first === '[' || first === '{') {
      const { value, end } = readFlowNode(rest, 0);
      if (!isBlankOrComment(rest.slice(end))) throw outside();
      this.pos++;
      return value;
    }
    return this.readPlain(rest, parentIndent);
  }

  /** What follows an empty `key:` or `-`: a deeper node, a same-column sequence, or null. */
  private readNestedNode(parentIndent: number, inMapping: boolean): unknown {
    this.skipInsignificant();
    if (this.pos >= this.lines.length) return null;
    const line = this.current();
    if (line.indent > parentIndent) {
      if (isSequenceItem(line.content)) return this.readSequence(line.indent);
      if (KEY.test(line.content)) return this.readMapping(line.indent, null);
      return this.readValue(line.content, parentIndent, false);
    }
    if (inMapping && line.indent === parentIndent && isSequenceItem(line.content)) return this.readSequence(parentIndent);
    return null;
  }

  /** A plain scalar, folded over its continuation lines (one space per line break, a newline per blank line). */
  private readPlain(text: string, parentIndent: number): unknown {
    const { value: firstLine, hasComment } = stripComment(text);
    if (startsWithIndicator(firstLine) || !isPlainLine(firstLine)) throw outside();
    let folded = firstLine;
    this.pos++;
    if (hasComment) return resolvePlain(folded);

    let blankLines = 0;
    for (let probe = this.pos; probe < this.lines.length; probe++) {
      const raw = this.lines[probe] ?? '';
      if (firstNonBlank(raw) === -1) {
        blankLines++;
        continue;
      }
      const indent = countSpaces(raw);
      if (raw[indent] === '\t') throw outside();
      if (indent <= parentIndent) break;
      const { value: part, hasComment: partComment } = stripComment(raw.slice(indent));
      if (partComment || startsWithIndicator(part) || /^[-?:](?: |$)/.test(part) || !isPlainLine(part)) throw outside();
      folded += blankLines === 0 ? ` ${part}` : `${'\n'.repeat(blankLines)}${part}`;
      blankLines = 0;
      this.pos = probe + 1;
    }
    return resolvePlain(folded);
  }

  /** `|` (literal) or `>` (folded), clip or strip (`-`) chomping, indentation taken from the first line. */
  private readBlockScalar(header: string, parentIndent: number): string {
    const match = BLOCK_SCALAR_HEADER.exec(header);
    if (!match) throw outside();
    const folded = match[1] === '>';
    const strip = match[2] === '-';
    this.pos++;

    let indent = -1;
    let leadingBlankWidth = 0;
    const lines: string[] = [];
    while (this.pos < this.lines.length) {
      const raw = this.lines[this.pos] ?? '';
      const spaces = countSpaces(raw);
      if (firstNonBlank(raw) === -1) {
        // Whitespace beyond the indentation of a blank line is content the subset does not model.
        if (raw.includes('\t') || (indent !== -1 && spaces > indent)) throw outside();
        if (indent === -1) leadingBlankWidth = Math.max(leadingBlankWidth, spaces);
        lines.push('');
        this.pos++;
        continue;
      }
      if (indent === -1) {
        if (spaces <= parentIndent) break;
        if (leadingBlankWidth > spaces) throw outside();
        indent = spaces;
      } else if (spaces < indent) {
        break;
      }
      if (raw[spaces] === '\t' && spaces < indent) throw outside();
      lines.push(raw.slice(indent));
      this.pos++;
    }
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    if (lines.length === 0) return '';
    const body = folded ? foldLines(lines) : lines.join('\n');
    return strip ? body : `${body}\n`;
  }
}

/** Folded block scalar: single breaks become spaces, blank lines newlines; more-indented lines are outside the subset. */
function foldLines(lines: string[]): string {
  let out = '';
  let breaks = 0;
  let started = false;
  for (const line of lines) {
    if (line === '') {
      breaks++;
      continue;
    }
    if (line[0] === ' ' || line[0] === '\t') throw outside();
    out += started && breaks === 0 ? ' ' : '\n'.repeat(breaks);
    out += line;
    breaks = 0;
    started = true;
  }
  return out;
}

/** A quoted string or a flow collection starting at `start`, all on this line. */
function readFlowNode(text: string, start: number): { value: unknown; end: number } {
  switch (text[start]) {
    case '"':
      return readDoubleQuoted(text, start);
    case "'":
      return readSingleQuoted(text, start);
    case '[':
      return readFlowSequence(text, start);
    case '{':
      return readFlowMapping(text, start);
    default:
      return readFlowPlain(text, start);
  }
}

function readFlowSequence(text: string, start: number): { value: unknown[]; end: number } {
  const items: unknown[] = [];
  let i = skipSpaces(text, start + 1);
  if (text[i] === ']') return { value: items, end: i + 1 };
  for (;;) {
    const item = readFlowNode(text, i);
    items.push(item.value);
    i = skipSpaces(text, item.end);
    if (text[i] === ']') return { value: items, end: i + 1 };
    if (text[i] !== ',') throw outside();
    i = skipSpaces(text, i + 1);
    if (text[i] === ']' || text[i] === ',') throw outside();
  }
}

function readFlowMapping(text: string, start: number): { value: Record<string, unknown>; end: number } {
  const map: Record<string, unknown> = {};
  let i = skipSpaces(text, start + 1);
  if (text[i] === '}') return { value: map, end: i + 1 };
  for (;;) {
    const keyNode = text[i] === '"' || text[i] === "'" ? readFlowNode(text, i) : readFlowPlain(text, i);
    if (typeof keyNode.value !== 'string' || keyNode.value === '__proto__' || Object.hasOwn(map, keyNode.value)) throw outside();
    i = skipSpaces(text, keyNode.end);
    if (text[i] !== ':' || text[i + 1] !== ' ') throw outside();
    i = skipSpaces(text, i + 1);
    if (text[i] === ',' || text[i] === '}') throw outside();
    const valueNode = readFlowNode(text, i);
    map[keyNode.value] = valueNode.value;
    i = skipSpaces(text, valueNode.end);
    if (text[i] === '}') return { value: map, end: i + 1 };
    if (text[i] !== ',') throw outside();
    i = skipSpaces(text, i + 1);
  }
}

/** A plain scalar inside a flow collection: ends at `,[]{}` or at `: `. */
function readFlowPlain(text: string, start: number): { value: unknown; end: number } {
  const first = text[start];
  if (first === undefined || INDICATORS.includes(first)) throw outside();
  const next = text[start + 1];
  if ('-?:'.includes(first) && (next === undefined || next === ' ' || FLOW_INDICATORS.includes(next))) throw outside();
  let end = start;
  for (; end < text.length; end++) {
    const code = text.charCodeAt(end);
    if (isFlowIndicator(code)) break;
    if (code === COLON) {
      const after = text.charCodeAt(end + 1);
      if (Number.isNaN(after) || after === SPACE || isFlowIndicator(after)) break;
    }
    if (code === HASH && text.charCodeAt(end - 1) === SPACE) throw outside();
    if (code === TAB) throw outside();
  }
  const raw = text.slice(start, end).trimEnd();
  if (raw === '') throw outside();
  return { value: resolvePlain(raw), end };
}

const DOUBLE_QUOTED_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPE_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

function readDoubleQuoted(text: string, start: number): { value: string; end: number } {
  let out = '';
  for (let i = start + 1; i < text.length; ) {
    const char = text[i] ?? '';
    if (char === '"') return { value: out, end: i + 1 };
    if (char !== '\\') {
      out += char;
      i++;
      continue;
    }
    const escape = text[i + 1] ?? '';
    const simple = DOUBLE_QUOTED_ESCAPES[escape];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    const length = HEX_ESCAPE_LENGTH[escape];
    const hex = length === undefined ? '' : text.slice(i + 2, i + 2 + length);
    if (length === undefined || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) throw outside();
    const codePoint = Number.parseInt(hex, 16);
    if (codePoint > 0x10ffff) throw outside();
    out += String.fromCodePoint(codePoint);
    i += 2 + length;
  }
  // Unterminated on this line: multi-line quoted strings are outside the subset.
  throw outside();
}

function readSingleQuoted(text: string, start: number): { value: string; end: number } {
  let out = '';
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i];
    if (char !== "'") {
      out += char;
      continue;
    }
    if (text[i + 1] !== "'") return { value: out, end: i + 1 };
    out += "'";
    i++;
  }
  throw outside();
}

/** Null and booleans per YAML 1.2 core; everything else, numbers included, stays the text as written. */
function resolvePlain(text: string): unknown {
  // The special words are at most five characters long; most scalars are sentences.
  if (text.length > 5) return text;
  if (NULL.test(text)) return null;
  if (TRUE.test(text)) return true;
  if (FALSE.test(text)) return false;
  return text;
}

function readKey(raw: string): string {
  const key = resolvePlain(raw.trimEnd());
  if (typeof key !== 'string' || key === '__proto__') throw outside();
  return key;
}

/** Splits off a ` # comment`; a `#` glued to a word (`C#`) is text. */
function stripComment(text: string): { value: string; hasComment: boolean } {
  for (let i = text.indexOf('#', 1); i !== -1; i = text.indexOf('#', i + 1)) {
    if (text[i - 1] === ' ' || text[i - 1] === '\t') return { value: text.slice(0, i).trimEnd(), hasComment: true };
  }
  return { value: text.trimEnd(), hasComment: false };
}

/** `: ` inside a block plain scalar starts a nested mapping, which YAML refuses there. */
function isPlainLine(text: string): boolean {
  return text !== '' && !/:(?:[ \t]|$)/.test(text);
}

function startsWithIndicator(text: string): boolean {
  const first = text[0];
  if (first === undefined) return true;
  if (INDICATORS.includes(first)) return true;
  return '-?:'.includes(first) && (text.length === 1 || text[1] === ' ' || text[1] === '\t');
}

function isSequenceItem(content: string): boolean {
  return content === '-' || content.startsWith('- ') || content.startsWith('-\t');
}

function isBlankOrComment(rest: string): boolean {
  return /^(?:[ \t]+#.*)?[ \t]*$/.test(rest);
}

const TAB = 9;
const SPACE = 32;
const HASH = 35;
const COLON = 58;

/** `,` `[` `]` `{` `}` */
function isFlowIndicator(code: number): boolean {
  return code === 44 || code === 91 || code === 93 || code === 123 || code === 125;
}

/** Index of the first character that is not a space or a tab, -1 for a blank line. */
function firstNonBlank(line: string): number {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code !== 32 && code !== 9) return i;
  }
  return -1;
}

function countSpaces(line: string): number {
  let count = 0;
  while (line.charCodeAt(count) === 32) count++;
  return count;
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (text[i] === ' ') i++;
  return i;
}
