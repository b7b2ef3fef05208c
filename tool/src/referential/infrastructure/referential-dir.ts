import { fileURLToPath } from 'node:url';

/**
 * The repository's referential/ directory, resolved from this module like composition-root.ts's
 * REFERENTIAL_DIR (same path), without importing the whole container into commands that need no database.
 */
export const DEFAULT_REFERENTIAL_DIR = fileURLToPath(new URL('../../../../referential', import.meta.url));
