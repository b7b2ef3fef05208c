import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FRAMEWORK_FILE = 'framework.yaml';
export const COMPETENCES_DIR = 'competences';
export const ATTACHMENTS_DIR = 'attachments';
const TUBE_FILE = /^competences\/[^/]+\/[^/]+\.yaml$/;

export interface TextFile {
  /** Relative to the referential directory, with "/" separators. */
  path: string;
  text: string;
}

export interface ReferentialFiles {
  /** Null when framework.yaml is missing. */
  framework: TextFile | null;
  /** `competences/<folder>/<tube>.yaml`, sorted by path. */
  tubeFiles: TextFile[];
  /** Anything else under competences/ (wrong depth or extension), reported by the loader. */
  strayFiles: string[];
  /** Attachment paths relative to attachments/, e.g. "triTableur2-a/animaux.csv". */
  attachments: ReadonlySet<string>;
  /** sha256 over every file's path and bytes (YAML and attachments), first 16 hex digits. */
  version: string;
}

/**
 * Reads every file of the referential once: the YAML texts, the attachment names, and the content hash.
 * Synchronous on purpose: a few hundred small files are read several times faster without the thread
 * pool round trips, and this runs once, before the server listens.
 */
export function readReferentialFiles(dir: string): ReferentialFiles {
  const competencePaths = listFiles(dir, COMPETENCES_DIR);
  const attachmentPaths = listFiles(dir, ATTACHMENTS_DIR);
  const tubePaths = competencePaths.filter((path) => TUBE_FILE.test(path));
  const strayFiles = competencePaths.filter((path) => !TUBE_FILE.test(path));

  const yamlPaths = new Set([FRAMEWORK_FILE, ...tubePaths]);
  const hashedPaths = [...yamlPaths, ...attachmentPaths].sort(compareCodeUnits);
  const hash = createHash('sha256');
  const texts = new Map<string, string>();
  hashedPaths.forEach((path) => {
    const bytes = readOptional(join(dir, path));
    if (bytes === null) return;
    // Length-prefixed so that moving bytes between a name and a file always changes the hash.
    hash.update(`${path}\0${bytes.length}\0`);
    hash.update(bytes);
    if (yamlPaths.has(path)) texts.set(path, bytes.toString('utf8'));
  });

  const frameworkText = texts.get(FRAMEWORK_FILE);
  return {
    framework: frameworkText === undefined ? null : { path: FRAMEWORK_FILE, text: frameworkText },
    tubeFiles: tubePaths.sort(compareCodeUnits).map((path) => ({ path, text: texts.get(path) ?? '' })),
    strayFiles,
    attachments: new Set(attachmentPaths.map((path) => path.slice(ATTACHMENTS_DIR.length + 1))),
    version: hash.digest('hex').slice(0, 16),
  };
}

/** Null for a missing file (framework.yaml is reported by the loader). */
function readOptional(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

/** Files under `dir/sub`, as "sub/…" paths; dot files (editor and OS litter) are ignored; none if `sub` is missing. */
function listFiles(dir: string, sub: string): string[] {
  let entries;
  try {
    entries = readdirSync(join(dir, sub), { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  const root = join(dir, sub);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => `${sub}/${join(entry.parentPath, entry.name).slice(root.length + 1).split('\\').join('/')}`)
    .filter((path) => !path.split('/').some((part) => part.startsWith('.')));
}

/** Plain code-unit order: the same on every machine, whatever its locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
