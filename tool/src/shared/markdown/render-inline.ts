import { escapeHtml } from './escape-html.ts';

export interface InlineContext {
  allowLinks: boolean;
  /** Inside a link label: no nested links. */
  inLink: boolean;
  /** Nesting depth of emphasis; bounded so that hostile input cannot exhaust the stack. */
  depth: number;
}

const MAX_DEPTH = 16;
const ESCAPABLE = /[\\`*_[\]()#!.+\-{}>|~]/;
const SAFE_URL = /^(?:https?:\/\/|mailto:)\S+$/i;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Renders one paragraph's text: code spans, links, **bold**, *italic*, _italic_. As in CommonMark, a single newline is a
 * soft break (a space: authors wrap long lines); a backslash at the end of a line makes a <br>.
 */
export function renderInline(text: string, context: InlineContext): string {
  let html = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? '';
    const next = text[i + 1] ?? '';

    if (char === '\\' && next === '\n') {
      html += '<br>';
      i += 2;
      continue;
    }
    if (char === '\\' && ESCAPABLE.test(next)) {
      html += escapeHtml(next);
      i += 2;
      continue;
    }
    if (char === '\n') {
      html = `${html.replace(/ +$/, '')} `;
      i += 1;
      while (text[i] === ' ') i += 1;
      continue;
    }
    if (char === '`') {
      const span = readCodeSpan(text, i);
      html += span.html;
      i = span.end;
      continue;
    }
    if (char === '[' && !context.inLink) {
      const link = readLink(text, i, context);
      if (link) {
        html += link.html;
        i = link.end;
        continue;
      }
    }
    if (context.depth < MAX_DEPTH && (char === '*' || char === '_')) {
      const emphasis = char === '*' && next === '*' ? readStrong(text, i, context) : readEmphasis(text, i, char, context);
      if (emphasis) {
        html += emphasis.html;
        i = emphasis.end;
        continue;
      }
    }
    html += escapeHtml(char);
    i += 1;
  }
  return html;
}

interface Rendered {
  html: string;
  /** Index just after the consumed source. */
  end: number;
}

/** A run of N backticks closes at the next run of exactly N; unmatched backticks stay literal. */
function readCodeSpan(text: string, start: number): Rendered {
  let runEnd = start;
  while (text[runEnd] === '`') runEnd++;
  const fence = text.slice(start, runEnd);
  let search = runEnd;
  while (search < text.length) {
    const close = text.indexOf(fence, search);
    if (close === -1) break;
    let closeEnd = close + fence.length;
    if (text[closeEnd] !== '`') {
      const content = text.slice(runEnd, close).replace(/\n/g, ' ');
      return { html: `<code>${escapeHtml(content)}</code>`, end: closeEnd };
    }
    while (text[closeEnd] === '`') closeEnd++;
    search = closeEnd;
  }
  return { html: escapeHtml(fence), end: runEnd };
}

/** `[label](url)`; the URL may contain balanced parentheses (Wikipedia) but no spaces. */
function readLink(text: string, start: number, context: InlineContext): Rendered | null {
  const labelEnd = findUnescaped(text, ']', start + 1);
  if (labelEnd === -1 || text[labelEnd + 1] !== '(') return null;
  let depth = 0;
  let i = labelEnd + 2;
  for (; i < text.length; i++) {
    const char = text[i] ?? '';
    if (/\s/.test(char)) return null;
    if (char === '(') depth++;
    else if (char === ')') {
      if (depth === 0) break;
      depth--;
    }
  }
  if (i >= text.length) return null;
  const url = text.slice(labelEnd + 2, i);
  const rawLabel = text.slice(start + 1, labelEnd);
  const label = renderInline(rawLabel === '' ? url : rawLabel, { ...context, inLink: true });
  const end = i + 1;
  // GAR mode and unsafe schemes (javascript:, data:, relative paths…): show the address as text.
  if (!context.allowLinks || !SAFE_URL.test(url)) return { html: `${label} (${escapeHtml(url)})`, end };
  return { html: `<a href="${escapeHtml(url)}" rel="noopener noreferrer" target="_blank">${label}</a>`, end };
}

/** `**strong**`: the closing pair is the last two stars of its run, so `***x***` nests em inside strong. */
function readStrong(text: string, start: number, context: InlineContext): Rendered | null {
  const contentStart = start + 2;
  if (isSpace(text[contentStart])) return null;
  let search = contentStart + 1;
  while (search < text.length) {
    let close = text.indexOf('**', search);
    if (close === -1) return null;
    while (text[close + 2] === '*') close++;
    if (!isSpace(text[close - 1]) && close > contentStart) {
      const inner = renderInline(text.slice(contentStart, close), { ...context, depth: context.depth + 1 });
      return { html: `<strong>${inner}</strong>`, end: close + 2 };
    }
    search = close + 2;
  }
  return null;
}

/**
 * `*em*` or `_em_`. The opening delimiter must touch a non-space; `_` must not sit inside a word, so
 * snake_case_names stay literal. A `**` pair met while looking for the closing `*` belongs to a
 * nested strong and is skipped.
 */
function readEmphasis(text: string, start: number, delimiter: '*' | '_', context: InlineContext): Rendered | null {
  const contentStart = start + 1;
  if (isSpace(text[contentStart]) || text[contentStart] === undefined) return null;
  if (delimiter === '_' && isWordChar(text[start - 1])) return null;
  for (let i = contentStart + 1; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (char !== delimiter) continue;
    if (delimiter === '*' && text[i + 1] === '*') {
      i++;
      continue;
    }
    if (isSpace(text[i - 1])) continue;
    if (delimiter === '_' && isWordChar(text[i + 1])) continue;
    const inner = renderInline(text.slice(contentStart, i), { ...context, depth: context.depth + 1 });
    return { html: `<em>${inner}</em>`, end: i + 1 };
  }
  return null;
}

function findUnescaped(text: string, char: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === char) return i;
  }
  return -1;
}

function isSpace(char: string | undefined): boolean {
  return char !== undefined && /\s/.test(char);
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_CHAR.test(char);
}
