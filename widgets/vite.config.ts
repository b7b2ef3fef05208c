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
export default defineConfig({
  root: widgetsDir,
  base: '/assets/',
  publicDir: false,
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    assetsDir: '',
    target: 'es2020',
    // No preload helper: the server preloads each entry's static imports itself (modulepreload links), and the
    // one lazy chunk (later screens) is prefetched by the widget; the helper would cost ~0.5 kB gz per entry.
    modulePreload: false,
    rolldownOptions: { input },
  },
});
