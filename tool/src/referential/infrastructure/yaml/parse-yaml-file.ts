import { isDeepStrictEqual } from 'node:util';
import type { ReportError } from '../referential-error.ts';
import { readYaml, readYamlReference } from './read-yaml.ts';

export interface ParsedYaml {
  value: unknown;
  /** False when the full parser had to read the file (slower start-up). */
  fast: boolean;
}

/**
 * Reads one referential file, reporting a syntax error as `yaml.syntax`. With `verify`, a file read by the
 * fast reader is read again by the full parser, which has the last word: the two must agree.
 */
export function parseYamlFile(text: string, report: ReportError, verify: boolean): ParsedYaml | null {
  const result = readYaml(text);
  if (!result.ok) {
    report('yaml.syntax', syntaxMessage(result.message, result.line));
    return null;
  }
  if (verify && result.fast) {
    const reference = readYamlReference(text);
    if (!reference.ok) {
      report('yaml.syntax', syntaxMessage(reference.message, reference.line));
      return null;
    }
    if (!isDeepStrictEqual(reference.value, result.value)) {
      report('yaml.readerMismatch', 'le lecteur YAML rapide ne lit pas ce fichier comme le lecteur complet : bogue de l’outil à signaler');
      return { value: reference.value, fast: false };
    }
  }
  return { value: result.value, fast: result.fast };
}

function syntaxMessage(message: string, line: number | undefined): string {
  return line === undefined ? `YAML invalide : ${message}` : `YAML invalide, ligne ${line} : ${message}`;
}
