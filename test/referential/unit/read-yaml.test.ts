import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { DEFAULT_REFERENTIAL_DIR } from '../../../tool/src/referential/infrastructure/referential-dir.ts';
import { readYaml, readYamlReference } from '../../../tool/src/referential/infrastructure/yaml/read-yaml.ts';
import { readYamlSubset } from '../../../tool/src/referential/infrastructure/yaml/read-yaml-subset.ts';

function reference(source: string): unknown {
  const result = readYamlReference(source);
  if (!result.ok) throw new Error(`reference parser refused the snippet: ${result.message}`);
  return result.value;
}

/** Snippets inside the subset: the fast reader must read them exactly as the full parser does. */
const SUPPORTED: Record<string, string> = {
  'nested maps and sequences': 'a:\n  b:\n    c: x\n  d:\n    - 1\n    - two\n',
  'compact maps in a sequence': 'list:\n  - id: a\n    n: 1\n  -   id: b\n      deep:\n        - x\n  - plain item\n',
  'a sequence at its key’s column': 'skills:\n- level: 1\n  tutorials:\n  - t1\n  - t2\n- level: 2\nnext: x\n',
  'flow collections': 'a: [x, "y, z", \'w\', [1, 2], {k: v}]\nb: { fr: Texte avec espaces, en: "Quoted: text" }\nc: []\nd: {}\n',
  'double-quoted escapes': 'a: "tab\\there \\"q\\" \\\\ \\u00e9\\x41 \\/ \\_"\nb: "« guillemets »"\n',
  'single quotes': "a: 'l''école # pas un commentaire'\n",
  'literal block scalars': 'a: |\n  line 1\n\n    indented\n  line 3\n\n\nb: |-\n  stripped\nc: |\n\n  after a blank line\n',
  'folded block scalars': 'a: >\n  folded\n  text\n\n  new paragraph\nb: >-\n  strip\n  me\n',
  'multi-line plain scalars': 'a: first line\n  second line\n\n  after blank\nb:\n  starts on the next line\n  and continues\n',
  comments: '# head\na: x # trailing\n# between\nb: # after key\n  - y # item\n  # inside\n  - z\nc: C# et F#\n',
  'numbers kept as written': 'a: 12\nb: 007\nc: 1.50\nd: -3\ne: 1e3\nf: .inf\ng: 0x1F\nh: [12, 1.0]\n',
  'null and booleans as in YAML 1.2 core': 'a:\nb: ~\nc: null\nd: true\ne: False\nf: yes\ng: NULL\nh: [true, null]\n',
  'urls, colons and odd keys': 'url: https://example.org/a:b?c=d#e\nmot clé: valeur\nannée: 2024\nk-1.b/c: v\ntime: 12:30\n',
  'trailing spaces': 'a: x   \nb: [1, 2]   \nc: "q"  \n',
  'a QROCM block text': 'proposals: |\n  Dossier : ${dossier§Dossier parent}\n  Extension : ${ext§Extension options=["odt","png"]}\n',
  'a sequence item holding a block scalar': 'a:\n  - |\n    text\n  - >\n    folded\n    text\n',
  'tabs after a key': 'name: \tvalue\nb:\tx\n',
};

/** Snippets outside the subset: the fast reader steps aside (null) and the full parser decides. */
const OUTSIDE: Record<string, string> = {
  anchor: 'a: &x 1\nb: *x\n',
  tag: 'a: !!str 12\n',
  'complex key': '? a\n: b\n',
  'document marker': '---\na: 1\n',
  'keep chomping': 'a: |+\n  x\n\n',
  'explicit indentation': 'a: |2\n   x\n',
  'multi-line quoted string': 'a: "one\n  two"\n',
  'multi-line flow collection': 'a: [x,\n  y]\n',
  'tab indentation': 'a:\n\tb: 1\n',
  'duplicate key': 'a: 1\na: 2\n',
  'plain text containing ": "': 'a: Dans LibreOffice : Fichier\n',
  'byte order mark': '\ufeffa: 1\n',
  'windows line endings': 'a: 1\r\nb: 2\r\n',
  'nested sequence on one line': 'a:\n  - - x\n',
  'more-indented folded line': 'a: >\n  x\n    y\n',
  'root sequence': '- a\n- b\n',
};

describe('the fast YAML subset reader', () => {
  for (const [name, source] of Object.entries(SUPPORTED)) {
    it(`reads ${name} exactly as the full parser`, () => {
      const fast = readYamlSubset(source);
      expect(fast).not.toBeNull();
      expect(fast?.value).toEqual(reference(source));
    });
  }

  for (const [name, source] of Object.entries(OUTSIDE)) {
    it(`hands ${name} over to the full parser`, () => {
      expect(readYamlSubset(source)).toBeNull();
      const result = readYaml(source);
      expect(result.ok ? result.fast : false).toBe(false);
    });
  }

  it('keeps numbers as the text written, in both readers', () => {
    expect(readYaml('a: [12, 007, 1.50]\n')).toEqual({ ok: true, value: { a: ['12', '007', '1.50'] }, fast: true });
    expect(readYamlReference('a: &x [12, 007]\nb: *x\n')).toEqual({ ok: true, value: { a: ['12', '007'], b: ['12', '007'] }, fast: false });
  });

  it('reports an unresolved alias as an error rather than throwing', () => {
    expect(readYaml('a: *nowhere\n')).toEqual({ ok: false, message: expect.any(String) });
  });

  it('reports a syntax error with its line', () => {
    expect(readYaml('a: 1\nb: Dans LibreOffice : Fichier\n')).toEqual({ ok: false, line: 2, message: expect.any(String) });
  });

  it('never disagrees with the full parser on generated documents', () => {
    const random = seeded(2024);
    let readFast = 0;
    for (let round = 0; round < 400; round++) {
      const source = stringify(randomDocument(random, 0), { lineWidth: 20 + Math.floor(random() * 60) });
      const fast = readYamlSubset(source);
      if (fast === null) continue;
      readFast++;
      expect(fast.value, source).toEqual(reference(source));
    }
    // The subset covers most of what `yaml` writes, so the comparison is not vacuous.
    expect(readFast).toBeGreaterThan(200);
  });

  it('reads every file of the real referential, as the full parser does', () => {
    const files = ['framework.yaml', ...tubeFiles()];
    const slow: string[] = [];
    for (const path of files) {
      const source = readFileSync(join(DEFAULT_REFERENTIAL_DIR, path), 'utf8');
      const fast = readYamlSubset(source);
      const full = readYamlReference(source);
      if (!full.ok) continue; // a syntax error is `referential check`'s business
      if (fast === null) slow.push(path);
      else expect(fast.value, path).toEqual(full.value);
    }
    // A file outside the subset still loads, only slower: keep the start-up budget by staying inside it.
    expect(slow, 'files outside the fast YAML subset').toEqual([]);
  });
});

function tubeFiles(): string[] {
  const root = join(DEFAULT_REFERENTIAL_DIR, 'competences');
  return readdirSync(root).flatMap((folder) => readdirSync(join(root, folder)).map((file) => `competences/${folder}/${file}`));
}

const ALPHABET = ['a', 'é', ' ', ':', '#', '-', '"', "'", '\\', ',', '[', '{', '\n', '1', '.', '«', '»', '$', '§', '?', '!', '%', '@', '\t', '&', '*', '|', '>'];
const KEYS = ['id', 'fr', 'en', 'solution', 'mot clé', 'année', 'a1', 'x-y'];

function randomDocument(random: () => number, depth: number): Record<string, unknown> {
  const document: Record<string, unknown> = {};
  const size = 1 + Math.floor(random() * 4);
  for (let i = 0; i < size; i++) document[KEYS[Math.floor(random() * KEYS.length)] ?? 'k'] = randomValue(random, depth + 1);
  return document;
}

function randomValue(random: () => number, depth: number): unknown {
  const pick = random();
  if (depth < 4 && pick < 0.2) return randomDocument(random, depth);
  if (depth < 4 && pick < 0.4) return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
  if (pick < 0.45) return Math.floor(random() * 1000);
  if (pick < 0.5) return random() < 0.5;
  if (pick < 0.55) return null;
  if (pick < 0.75) return `Une phrase ordinaire numéro ${Math.floor(random() * 100)} avec des mots assez longs pour être repliée`;
  return Array.from({ length: Math.floor(random() * 30) }, () => ALPHABET[Math.floor(random() * ALPHABET.length)] ?? '').join('');
}

/** Mulberry32: reproducible pseudo-random numbers in [0, 1). */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
