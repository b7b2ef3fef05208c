import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The LSU schemas are third-party copies kept outside the repository (../shared/reference/lsun): tests read
 * them from there. With CI=true a missing schema fails the suite; elsewhere the schema tests are skipped.
 */
export const LSU_SCHEMA_DIR = process.env.LSU_SCHEMA_DIR ?? fileURLToPath(new URL('../../../../shared/reference/lsun', import.meta.url));
const FILES = ['import-complet-strict-7.0.xsd', 'import-bilan-complet-3.0.xsd', 'sample-bilan-complet.xml'];
export const lsuSchemasPresent = FILES.every((f) => existsSync(`${LSU_SCHEMA_DIR}/${f}`));

if (!lsuSchemasPresent) {
  if (process.env.CI === 'true') throw new Error(`LSU schemas missing in ${LSU_SCHEMA_DIR} (CI=true: failing instead of skipping)`);
  console.warn(`LSU schemas not found in ${LSU_SCHEMA_DIR}: LSU schema tests skipped (set LSU_SCHEMA_DIR).`);
}
