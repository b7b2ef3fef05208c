#!/usr/bin/env node
// Checks the gzip size of each widget entry against the budget (a widget loads inside an LMS page,
// often on school networks). Counts the entry file, its static imports (recursively, once each)
// and their CSS, as the browser downloads them before the first screen.
// Usage: node scripts/size-budget.mjs [--json]   Exit 1 when over budget or not built.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 12 * 1024;
const distDir = fileURLToPath(new URL('../widgets/dist/', import.meta.url));
const manifestPath = join(distDir, '.vite', 'manifest.json');
const asJson = process.argv.includes('--json');

if (!existsSync(manifestPath)) {
  console.error(`size-budget: ${manifestPath} is missing: run npm run build:widgets`);
  process.exit(1);
}

/** @type {Record<string, {file: string, name?: string, src?: string, isEntry?: boolean, imports?: string[], css?: string[]}>} */
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const gzipCache = new Map();

/** @param {string} file path relative to widgets/dist */
function gzipBytes(file) {
  if (!gzipCache.has(file)) gzipCache.set(file, gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length);
  return gzipCache.get(file);
}

/** Entry name: the manifest's `name`, else the widget folder of src/<name>/main.tsx. */
function entryName(key, chunk) {
  return chunk.name ?? basename(dirname(chunk.src ?? key));
}

/** Sizes of an entry and of everything it statically imports, each file counted once. */
function measureEntry(key) {
  const jsFiles = new Set();
  const cssFiles = new Set();
  const visit = (chunkKey) => {
    const chunk = manifest[chunkKey];
    if (chunk === undefined || jsFiles.has(chunk.file)) return;
    jsFiles.add(chunk.file);
    for (const css of chunk.css ?? []) cssFiles.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(key);
  const sum = (files) => [...files].reduce((total, file) => total + gzipBytes(file), 0);
  const js = sum(jsFiles);
  const css = sum(cssFiles);
  return { js, css, total: js + css };
}

const entries = Object.entries(manifest)
  .filter(([, chunk]) => chunk.isEntry)
  .map(([key, chunk]) => ({ name: entryName(key, chunk), ...measureEntry(key) }))
  .sort((a, b) => a.name.localeCompare(b.name));
const over = entries.filter((entry) => entry.total > BUDGET_BYTES);

if (asJson) {
  const byName = Object.fromEntries(
    entries.map(({ name, js, css, total }) => [name, { gzipBytes: total, jsGzipBytes: js, cssGzipBytes: css }]),
  );
  console.log(JSON.stringify({ budgetBytes: BUDGET_BYTES, entries: byName }, null, 2));
} else {
  const rows = [
    ['entry', 'js', 'css', 'total', 'budget'],
    ...entries.map((e) => [e.name, e.js, e.css, e.total, `${e.total > BUDGET_BYTES ? 'OVER ' : ''}${BUDGET_BYTES}`].map(String)),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) {
    console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
  }
  console.log('(bytes, gzip -9)');
}

if (entries.length === 0) {
  console.error('size-budget: no entry in the manifest: run npm run build:widgets');
  process.exit(1);
}
if (over.length > 0) {
  console.error(`size-budget: over ${BUDGET_BYTES} bytes gzip: ${over.map((e) => `${e.name} (${e.total})`).join(', ')}`);
  process.exit(1);
}
