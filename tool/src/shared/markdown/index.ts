export { renderMarkdown } from './render-markdown.ts';
export type { RenderMarkdownOptions } from './render-markdown.ts';
export { escapeHtml } from './escape-html.ts';
export { renderInlineMarkdown } from './render-inline-markdown.ts';
