import type { WidgetAssets } from './widget-manifest.ts';

export interface WidgetPage {
  widget: string;
  title: string;
  locale: string;
  /** Everything the first screen needs, inlined so the widget renders without another request. */
  boot: { apiBase?: string; token?: string; data?: unknown; messages?: Record<string, string> };
  nonce: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside <script type="application/json">: `<` escaped so no `</script>` can close the block. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * A top-level page (GAR opens resources in a tab) would otherwise request /favicon.ico: a 404 and one more round trip
 * on a school network, for an icon the LMS or ENT around the tool already shows.
 */
const NO_FAVICON = '<link rel="icon" href="data:,">';

export function renderWidgetPage(page: WidgetPage, assets: WidgetAssets): string {
  const lang = page.locale.toLowerCase().startsWith('en') ? 'en' : 'fr';
  const boot = { widget: page.widget, locale: page.locale, ...page.boot };
  // class pix-frame: the kit's full-height, self-scrolling layout for fixed-height LMS frames, set before first paint.
  return `<!doctype html>
<html lang="${lang}" class="pix-frame">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${NO_FAVICON}
<title>${escapeHtml(page.title)}</title>
${assets.styles.map((href) => `<link rel="stylesheet" href="/assets/${escapeHtml(href)}">`).join('\n')}
${assets.preloads.map((href) => `<link rel="modulepreload" href="/assets/${escapeHtml(href)}">`).join('\n')}
<script type="module" src="/assets/${escapeHtml(assets.script)}" nonce="${page.nonce}"></script>
</head>
<body>
<div id="pix-root"></div>
<script type="application/json" id="pix-boot">${inlineJson(boot)}</script>
</body>
</html>`;
}

/** A plain server page (errors, demo chooser): no widget, no script. */
export function renderPlainPage(input: { title: string; locale?: string; body: string }): string {
  const lang = input.locale?.toLowerCase().startsWith('en') ? 'en' : 'fr';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${NO_FAVICON}
<title>${escapeHtml(input.title)}</title>
<link rel="stylesheet" href="/static/plain.css">
</head>
<body>
<main>
${input.body}
</main>
</body>
</html>`;
}
