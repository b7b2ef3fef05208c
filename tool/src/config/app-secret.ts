import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.ts';

/**
 * In development the secret is generated once into DATA_DIR so sessions survive restarts;
 * with --memory it lives as long as the process. Production requires APP_SECRET (checked by the schema).
 */
export function resolveAppSecret(config: Config): string {
  if (config.appSecret) return config.appSecret;
  if (config.database.kind === 'pglite' && config.database.dataDir === null) return randomBytes(48).toString('base64url');
  const file = join(config.dataDir, 'app-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
