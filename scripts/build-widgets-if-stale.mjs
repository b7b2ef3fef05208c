#!/usr/bin/env node
// Builds the widgets only when widgets/dist is older than their sources, so `npm start` and the
// end-to-end tests never serve stale bundles and do not pay for a build when nothing changed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const rootDir = fileURLToPath(new URL('..', import.meta.url));
const manifestPath = join(rootDir, 'widgets', 'dist', '.vite', 'manifest.json');
const configPath = join(rootDir, 'widgets', 'vite.config.ts');

/** Newest modification time of a file or of any file under a directory. */
function newestMtime(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  // The directory's own mtime catches deleted files.
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stats.mtimeMs);
}

const isStale =
  !existsSync(manifestPath) ||
  statSync(manifestPath).mtimeMs < Math.max(newestMtime(join(rootDir, 'widgets', 'src')), newestMtime(configPath));

if (isStale) {
  // The local vite, run by this node: no shell, no npx download.
  const require = createRequire(import.meta.url);
  const vitePackage = require.resolve('vite/package.json', { paths: [rootDir] });
  const viteBin = join(dirname(vitePackage), require(vitePackage).bin.vite);
  const build = spawnSync(process.execPath, [viteBin, 'build', '--config', 'widgets/vite.config.ts'], {
    cwd: rootDir,
    stdio: 'inherit',
  });
  if (build.error) console.error(`build-widgets-if-stale: ${build.error.message}`);
  process.exit(build.status ?? 1);
}
