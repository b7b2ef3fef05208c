import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const widgetsDir = fileURLToPath(new URL('.', import.meta.url));
const srcDir = fileURLToPath(new URL('./src', import.meta.url));

// One entry per widget: every folder of src/ with a main.tsx (the kit has none).
const input = Object.fromEntries(
  readdirSync(srcDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(`${srcDir}/${entry.name}/main.tsx`))
    .map((entry) => [entry.name, `${srcDir}/${entry.name}/main.tsx`]),
);

// The server serves widgets/dist under /assets/ and links each entry from .vite/manifest.json:
// URL = '/assets/' + manifest[entry].file. assetsDir '' keeps files at the root of dist.
/**
 * Vite wraps every dynamic import in a helper that preloads the lazy chunk's CSS (~0.6 kB gz, even with
 * modulePreload off). Lazy chunks here bring no CSS of their own (each widget's CSS ships with its entry, which
 * is already on the page), so the helper just calls the import. It lives in kit/mount.tsx, which every entry
 * imports: otherwise two widgets with lazy chunks would share it through a chunk of its own (one more request).
 */
const mountModule = fileURLToPath(new URL('./src/kit/mount.tsx', import.meta.url));
const lightPreloadHelper = {
  name: 'pix:light-preload-helper',
  enforce: 'pre' as const,
  resolveId(id: string) {
    return id.endsWith('vite/preload-helper.js') ? mountModule : null;
  },
};

/** With that helper, the list of CSS files vite writes for each dynamic import is unused: dropped. */
const dropCssPreloadList = {
  name: 'pix:drop-css-preload-list',
  generateBundle(_options: unknown, bundle: Record<string, { type: string; code?: string }>) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk' || !chunk.code?.startsWith('const __vite__mapDeps=')) continue;
      chunk.code = chunk.code.slice(chunk.code.indexOf('\n') + 1).replace(/__vite__mapDeps\(\[[\d,]*\]\)/g, '[]');
    }
  },
};

export default defineConfig({
  root: widgetsDir,
  base: '/assets/',
  publicDir: false,
  plugins: [preact(), lightPreloadHelper],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    assetsDir: '',
    target: 'es2020',
    // Browsers that know `system-ui` (base.css): without it the minifier spells out a long font fallback list.
    cssTarget: ['chrome100', 'edge100', 'firefox100', 'safari15'],
    // No preload helper: the server preloads each entry's static imports itself (modulepreload links), and the
    // one lazy chunk (later screens) is prefetched by the widget; the helper would cost ~0.5 kB gz per entry.
    modulePreload: false,
    rolldownOptions: { input, output: { plugins: [dropCssPreloadList] } },
  },
});
