import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

/** A small valid referential: two competences, two tubes, one épreuve of each type (see fixtures/minimal). */
export const MINIMAL_FIXTURE = fileURLToPath(new URL('../fixtures/minimal', import.meta.url));
export const REQUETE_FILE = 'competences/1.1/requete.yaml';
export const FICHIERS_FILE = 'competences/1.2/fichiers.yaml';

export type YamlMap = Record<string, unknown>;

/** A throw-away copy of the minimal fixture that a test edits before loading it. */
export interface FixtureReferential {
  dir: string;
  /** Parses a YAML file of the copy, lets `edit` change it, writes it back. */
  editYaml(path: string, edit: (data: YamlMap) => void): void;
  writeFile(path: string, content: string): void;
  remove(path: string): void;
  cleanup(): void;
}

export function copyFixture(): FixtureReferential {
  const dir = mkdtempSync(join(tmpdir(), 'pix-embed-referential-'));
  cpSync(MINIMAL_FIXTURE, dir, { recursive: true });
  const writeFile = (path: string, content: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  return {
    dir,
    editYaml(path, edit) {
      const data: unknown = parse(readFileSync(join(dir, path), 'utf8'));
      if (!isMap(data)) throw new Error(`${path} is not a YAML map`);
      edit(data);
      writeFile(path, stringify(data));
    },
    writeFile,
    remove(path) {
      rmSync(join(dir, path), { recursive: true, force: true });
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The records of one list of a tube file (skills, tutorials, challenges): the list itself, to push to. */
export function recordsOf(tube: YamlMap, list: 'skills' | 'tutorials' | 'challenges'): YamlMap[] {
  const records: unknown = tube[list];
  if (!Array.isArray(records) || !records.every(isMap)) throw new Error(`no ${list} list of maps`);
  return records;
}

export function challengeOf(tube: YamlMap, id: string): YamlMap {
  const found = recordsOf(tube, 'challenges').find((record) => record['id'] === id);
  if (!found) throw new Error(`no challenge ${id}`);
  return found;
}

export function tutorialOf(tube: YamlMap, id: string): YamlMap {
  const found = recordsOf(tube, 'tutorials').find((record) => record['id'] === id);
  if (!found) throw new Error(`no tutorial ${id}`);
  return found;
}

export function skillOf(tube: YamlMap, level: number): YamlMap {
  const found = recordsOf(tube, 'skills').find((record) => record['level'] === level);
  if (!found) throw new Error(`no skill of level ${level}`);
  return found;
}

export function isMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
