import { escapeHtml } from './escape-html.ts';
import { renderInline, type InlineContext } from './render-inline.ts';

export interface RenderMarkdownOptions {
  /** false in GAR mode: links are printed as "label (url)" instead of being clickable. Default true. */
  allowLinks?: boolean;
}

type Block =
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'heading'; level: 3 | 4; text: string }
  | { kind: 'list'; ordered: boolean; start: number; items: string[][] }
  | { kind: 'code'; lines: string[] };

const FENCE = /^ {0,3}(`{3,})[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const BULLET_ITEM = /^ {0,3}[-*][ \t]+(.*)$/;
const ORDERED_ITEM = /^ {0,3}(\d{1,9})\.[ \t]+(.*)$/;
const INDENTED = /^[ \t]+\S/;
/** CommonMark indented code: four spaces (or a tab) after a blank line — how authors show programs. */
const CODE_INDENT = /^(?: {4}|\t)/;

/**
 * Renders the Markdown subset of épreuve instructions and tutorial pages to HTML.
 * Safe by construction: every piece of source text goes through escapeHtml and the only tags
 * emitted are the ones written below, so raw HTML in the source is shown as text.
 * Headings start at h3 because the widget page owns h1 and h2.
 */
export function renderMarkdown(md: string, options: RenderMarkdownOptions = {}): string {
  const context: InlineContext = { allowLinks: options.allowLinks ?? true, inLink: false, depth: 0 };
  return parseBlocks(md).map((block) => renderBlock(block, context)).join('\n');
}

type ListBlock = Extract<Block, { kind: 'list' }>;

/** The paragraph or list being accumulated while reading lines. */
interface OpenBlocks {
  paragraph: string[] | null;
  list: ListBlock | null;
  /** A blank line followed the list: only another item of the same kind continues it. */
  listGap: boolean;
}

function parseBlocks(md: string): Block[] {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  const open: OpenBlocks = { paragraph: null, list: null, listGap: false };

  const closeOpenBlocks = (): void => {
    if (open.paragraph) blocks.push({ kind: 'paragraph', lines: open.paragraph });
    if (open.list) blocks.push(open.list);
    open.paragraph = null;
    open.list = null;
    open.listGap = false;
  };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';

    const fence = FENCE.exec(line);
    if (fence) {
      closeOpenBlocks();
      const marker = fence[1] ?? '```';
      const code: string[] = [];
      index++;
      // An unclosed fence runs to the end, as in CommonMark.
      while (index < lines.length && !isClosingFence(lines[index] ?? '', marker)) code.push(lines[index++] ?? '');
      blocks.push({ kind: 'code', lines: code });
      continue;
    }
    if (line.trim() === '') {
      // Items separated by blank lines still form one list (a "loose" list in CommonMark).
      if (open.list) open.listGap = true;
      else closeOpenBlocks();
      continue;
    }
    if (!open.paragraph && (!open.list || open.listGap) && CODE_INDENT.test(line)) {
      closeOpenBlocks();
      const code: string[] = [];
      while (index < lines.length) {
        const current = lines[index] ?? '';
        if (CODE_INDENT.test(current)) code.push(current.replace(CODE_INDENT, ''));
        else if (current.trim() === '' && CODE_INDENT.test(nextNonBlank(lines, index) ?? '')) code.push('');
        else break;
        index++;
      }
      index--;
      blocks.push({ kind: 'code', lines: code });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading && heading[2]) {
      closeOpenBlocks();
      blocks.push({ kind: 'heading', level: (heading[1] ?? '').length >= 4 ? 4 : 3, text: heading[2] ?? '' });
      continue;
    }
    const bullet = BULLET_ITEM.exec(line);
    const numbered = bullet ? null : ORDERED_ITEM.exec(line);
    if (bullet || numbered) {
      const ordered = numbered !== null;
      const text = (bullet ? bullet[1] : numbered?.[2]) ?? '';
      if (open.list && open.list.ordered === ordered) {
        open.list.items.push([text]);
        open.listGap = false;
      } else {
        closeOpenBlocks();
        open.list = { kind: 'list', ordered, start: numbered ? Number(numbered[1]) : 1, items: [[text]] };
      }
      continue;
    }
    if (open.list && !open.listGap && INDENTED.test(line)) {
      // An indented line continues the last item (nested lists are not part of the subset).
      open.list.items[open.list.items.length - 1]?.push(line.trim());
      continue;
    }
    if (open.list) closeOpenBlocks();
    open.paragraph = open.paragraph ?? [];
    open.paragraph.push(line.trim());
  }
  closeOpenBlocks();
  return blocks;
}

function nextNonBlank(lines: readonly string[], from: number): string | undefined {
  for (let i = from + 1; i < lines.length; i++) if ((lines[i] ?? '').trim() !== '') return lines[i];
  return undefined;
}

function isClosingFence(line: string, marker: string): boolean {
  const trimmed = line.trim();
  return /^`+$/.test(trimmed) && trimmed.length >= marker.length;
}

function renderBlock(block: Block, context: InlineContext): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${renderInline(block.lines.join('\n'), context)}</p>`;
    case 'heading':
      return `<h${block.level}>${renderInline(block.text, context)}</h${block.level}>`;
    case 'code':
      return `<pre><code>${escapeHtml(block.lines.join('\n'))}</code></pre>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      const start = block.ordered && block.start !== 1 ? ` start="${block.start}"` : '';
      const items = block.items.map((item) => `<li>${renderInline(item.join('\n'), context)}</li>`).join('');
      return `<${tag}${start}>${items}</${tag}>`;
    }
  }
}
