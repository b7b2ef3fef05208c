import { readFileSync } from 'node:fs';

/** The package version, read once (shown by /health and the about widget). */
export function readPackageVersion(): string {
  const packageJson: unknown = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
  if (packageJson && typeof packageJson === 'object' && 'version' in packageJson && typeof packageJson.version === 'string') {
    return packageJson.version;
  }
  return '0.0.0';
}
