import { describe, expect, it } from 'vitest';
import {
  parseProposals,
  ProposalsSyntaxError,
  type ParsedProposals,
} from '../../../../tool/src/referential/domain/proposals/index.ts';

describe('parseProposals', () => {
  it.each<[string, string, ParsedProposals]>([
    [
      'an input with placeholder and label',
      "Animal : ${animal#ex. : girafe§Nom de l'animal}",
      {
        lines: [[{ kind: 'text', text: 'Animal : ' }, { kind: 'input', key: 'animal', placeholder: 'ex. : girafe', ariaLabel: "Nom de l'animal" }]],
        blocks: [{ key: 'animal', kind: 'input' }],
      },
    ],
    [
      'a bare input gets "Réponse 1"',
      '${reponse}',
      { lines: [[{ kind: 'input', key: 'reponse', ariaLabel: 'Réponse 1' }]], blocks: [{ key: 'reponse', kind: 'input' }] },
    ],
    [
      'a placeholder without label',
      '${x#indice}',
      { lines: [[{ kind: 'input', key: 'x', placeholder: 'indice', ariaLabel: 'Réponse 1' }]], blocks: [{ key: 'x', kind: 'input' }] },
    ],
    [
      'a select with label and options',
      'Extension : ${ext§Extension options=["odt","png","mp3"]}',
      {
        lines: [[{ kind: 'text', text: 'Extension : ' }, { kind: 'select', key: 'ext', ariaLabel: 'Extension', options: ['odt', 'png', 'mp3'] }]],
        blocks: [{ key: 'ext', kind: 'select' }],
      },
    ],
    [
      'a select without label, options containing } and ]',
      '${s options=["a}b", "c]d"]} fin',
      {
        lines: [[{ kind: 'select', key: 's', ariaLabel: 'Réponse 1', options: ['a}b', 'c]d'] }, { kind: 'text', text: ' fin' }]],
        blocks: [{ key: 's', kind: 'select' }],
      },
    ],
    [
      'several lines, ordinals counted across lines, keys with _ and -',
      'Dossier : ${dossier_1}\n\nExtension : ${ext-2} et ${n3}\n',
      {
        lines: [
          [{ kind: 'text', text: 'Dossier : ' }, { kind: 'input', key: 'dossier_1', ariaLabel: 'Réponse 1' }],
          [],
          [
            { kind: 'text', text: 'Extension : ' },
            { kind: 'input', key: 'ext-2', ariaLabel: 'Réponse 2' },
            { kind: 'text', text: ' et ' },
            { kind: 'input', key: 'n3', ariaLabel: 'Réponse 3' },
          ],
        ],
        blocks: [
          { key: 'dossier_1', kind: 'input' },
          { key: 'ext-2', kind: 'input' },
          { key: 'n3', kind: 'input' },
        ],
      },
    ],
    [
      'text without blocks, lone $ and braces stay text, CRLF handled',
      'Prix : 5 $ {environ}\r\nfin',
      { lines: [[{ kind: 'text', text: 'Prix : 5 $ {environ}' }], [{ kind: 'text', text: 'fin' }]], blocks: [] },
    ],
    [
      'a label may contain # and quotes',
      '${k§Numéro "#" du jour}',
      { lines: [[{ kind: 'input', key: 'k', ariaLabel: 'Numéro "#" du jour' }]], blocks: [{ key: 'k', kind: 'input' }] },
    ],
  ])('%s', (_name, text, expected) => {
    expect(parseProposals(text)).toEqual(expected);
  });

  it.each<[string, string, RegExp]>([
    ['an unclosed block', 'Réponse : ${animal', /Line 1: unclosed block/],
    ['a block spanning two lines', '${animal\n}', /Line 1: unclosed block/],
    ['a duplicate key', '${a}\n${a}', /Line 2: duplicate block key "a"/],
    ['an empty key', '${§Label}', /empty key/],
    ['a key with a space', '${mon animal}', /invalid key "mon animal"/],
    ['a key with an accent', '${clé}', /invalid key "clé"/],
    ['invalid options JSON', '${s options=["a",]}', /options of block "s" are not valid JSON/],
    ['options that are not an array of texts', '${s options=[1,2]}', /non-empty JSON array of texts/],
    ['an empty options array', '${s options=[]}', /non-empty JSON array of texts/],
    ['options without brackets', '${s options="a"}', /must be a JSON array/],
    ['unclosed options', '${s options=["a","b"', /must be a JSON array/],
    ['text after the options', '${s options=["a"] extra}', /must end with "}" right after its options/],
    ['a duplicate option', '${s options=["a","a"]}', /contain "a" twice/],
    ['a select with a placeholder', '${s#choisis options=["a"]}', /cannot have a placeholder/],
    ['an empty label', '${k§ }', /empty label/],
    ['an empty placeholder', '${k#}', /empty placeholder/],
  ])('rejects %s', (_name, text, message) => {
    let caught: unknown;
    try {
      parseProposals(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProposalsSyntaxError);
    expect(caught instanceof Error ? caught.message : '').toMatch(message);
  });

  it('reports the line number on the error', () => {
    expect(() => parseProposals('ok ${a}\n\nko ${b')).toThrow(expect.objectContaining({ line: 3, code: 'PROPOSALS_SYNTAX' }));
  });
});
