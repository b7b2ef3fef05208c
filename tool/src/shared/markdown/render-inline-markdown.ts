import { renderInline } from './render-inline.ts';

/**
 * One short text (a QCU/QCM choice) to safe inline HTML: **bold**, *italic*, `code`, everything else
 * escaped. No blocks and no clickable links: the whole choice is a click target, and a link inside it
 * would steal the click (a link is shown as "label (url)").
 */
export function renderInlineMarkdown(text: string): string {
  return renderInline(text.trim().replace(/\s*\n\s*/g, ' '), { allowLinks: false, inLink: false, depth: 0 });
}
