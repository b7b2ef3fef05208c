import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Which XSD validates which declared `schemaVersion`: a setting, so a later version (13.0) is one line. */
export const DEFAULT_LSU_SCHEMAS: Readonly<Record<string, string>> = {
  '2.0': 'import-bilan-complet-3.0.xsd',
  '3.0': 'import-bilan-complet-3.0.xsd',
  '4.0': 'import-complet-strict-7.0.xsd',
  '5.0': 'import-complet-strict-7.0.xsd',
  '6.0': 'import-complet-strict-7.0.xsd',
  '7.0': 'import-complet-strict-7.0.xsd',
};

export interface LsuSchemaSettings {
  /** Folder holding the XSD files (the project does not ship them). */
  schemaDir: string;
  schemas?: Readonly<Record<string, string>>;
  xmllintPath?: string;
}

export type SchemaCheck =
  | { valid: true; schemaFile: string }
  | { valid: false; reason: 'VERSION_UNSUPPORTED' | 'SCHEMA_MISSING' | 'INVALID'; messages: string[]; schemaFile?: string };

/**
 * Validates a file with xmllint against the XSD of its declared version. `--stream` keeps memory flat on big
 * files. The messages are xmllint's, the temporary path replaced by `displayName`.
 */
export async function validateLsuFile(path: string, schemaVersion: string, settings: LsuSchemaSettings, displayName = basename(path)): Promise<SchemaCheck> {
  const schemaName = (settings.schemas ?? DEFAULT_LSU_SCHEMAS)[schemaVersion];
  if (!schemaName) return { valid: false, reason: 'VERSION_UNSUPPORTED', messages: [`schemaVersion « ${schemaVersion} » non prise en charge.`] };
  const schemaFile = join(settings.schemaDir, schemaName);
  if (!existsSync(schemaFile)) return { valid: false, reason: 'SCHEMA_MISSING', messages: [`Schéma introuvable : ${schemaFile}`], schemaFile };
  const { code, stderr } = await run(settings.xmllintPath ?? 'xmllint', ['--noout', '--nonet', '--stream', '--schema', schemaFile, path]);
  if (code === 0) return { valid: true, schemaFile };
  const messages = stderr
    .split('\n')
    .filter((line) => line.trim() && !/ validates$/.test(line) && !/fails to validate$/.test(line))
    .map((line) => line.split(path).join(displayName));
  return { valid: false, reason: 'INVALID', messages: messages.slice(0, 20), schemaFile };
}

function run(command: string, args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 4 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(error);
        return;
      }
      resolve({ code: error ? Number(error.code) : 0, stderr: String(stderr) });
    });
  });
}
