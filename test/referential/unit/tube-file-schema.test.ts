import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { challengeRecordSchema, tubeFileSchema, tutorialRecordSchema } from '../../../tool/src/referential/infrastructure/tube-file-schema.ts';
import { readYaml } from '../../../tool/src/referential/infrastructure/yaml/read-yaml.ts';
import { MINIMAL_FIXTURE, REQUETE_FILE } from '../support/fixture-referential.ts';

const qcu = { id: 'requete1-a', skill: '@requete1', type: 'QCU', status: 'validé', instruction: 'Question ?', proposals: ['a', 'b'], solution: 1 };
const qroc = { id: 'requete2-a', skill: '@requete2', type: 'QROC', status: 'validé', instruction: 'Question ?', proposals: '${r}' };

function issuesOf(result: { success: boolean; error?: { issues: Array<{ code: string; path: PropertyKey[] }> } }): Array<{ code: string; path: string }> {
  return (result.error?.issues ?? []).map((issue) => ({ code: issue.code, path: issue.path.map(String).join('.') }));
}

describe('tube file schema', () => {
  it('accepts the fixture tube file as read from YAML, numbers being text', () => {
    const read = readYaml(readFileSync(join(MINIMAL_FIXTURE, REQUETE_FILE), 'utf8'));
    if (!read.ok) throw new Error(read.message);
    const result = tubeFileSchema.safeParse(read.value);
    expect(result.success).toBe(true);
    expect(result.data?.skills.map((skill) => skill.level)).toEqual([2, 1]);
    expect(result.data?.tutorials[0]?.duration).toBe(3);
  });

  it('turns YAML numbers into text where text is expected, and keeps text as written', () => {
    expect(challengeRecordSchema.parse({ ...qroc, solution: [12, '007', 1.5] }).solution).toEqual(['12', '007', '1.5']);
    expect(challengeRecordSchema.parse({ ...qcu, proposals: [1914, 1918] }).proposals).toEqual(['1914', '1918']);
  });

  it('accepts a single accepted value for a QROC and for each QROCM key', () => {
    expect(challengeRecordSchema.parse({ ...qroc, solution: 'Paris' }).solution).toEqual(['Paris']);
    const qrocm = challengeRecordSchema.parse({ ...qroc, type: 'QROCM-ind', proposals: '${a} ${b}', solution: { a: 'x', b: ['y', 'z'] } });
    expect(qrocm.solution).toEqual({ a: ['x'], b: ['y', 'z'] });
  });

  it('lets a QCU or QCM keep its written order, and nothing else', () => {
    expect(challengeRecordSchema.parse({ ...qcu, shuffled: false })).toMatchObject({ shuffled: false });
    expect(issuesOf(challengeRecordSchema.safeParse({ ...qroc, solution: 'x', shuffled: false }))).toEqual([{ code: 'unrecognized_keys', path: '' }]);
  });

  it('reads numeric fields written as numbers or as numeric text', () => {
    const parsed = challengeRecordSchema.parse({ ...qcu, solution: '2', timer: '45', irt: { difficulty: '2.5', discrimination: 1 } });
    expect(parsed).toMatchObject({ solution: 2, timer: 45, irt: { difficulty: 2.5, discrimination: 1 } });
  });

  it('rejects unknown keys everywhere (strict)', () => {
    expect(issuesOf(challengeRecordSchema.safeParse({ ...qcu, soluton: 1 }))).toEqual([{ code: 'unrecognized_keys', path: '' }]);
    expect(issuesOf(challengeRecordSchema.safeParse({ ...qcu, illustration: { file: 'a.png', alt: 'A', title: 'T' } }))).toEqual([
      { code: 'unrecognized_keys', path: 'illustration' },
    ]);
  });

  it('refuses treatments and format on QCU and QCM', () => {
    expect(issuesOf(challengeRecordSchema.safeParse({ ...qcu, treatments: ['t1'] }))).toEqual([{ code: 'unrecognized_keys', path: '' }]);
    expect(challengeRecordSchema.safeParse({ ...qroc, solution: ['a'], treatments: ['t1', 't2'], format: 'mot' }).success).toBe(true);
  });

  it('checks each type’s proposals and solution shapes', () => {
    expect(issuesOf(challengeRecordSchema.safeParse({ ...qcu, solution: [1] }))).toEqual([{ code: 'invalid_union', path: 'solution' }]);
    expect(issuesOf(challengeRecordSchema.safeParse({ ...qcu, type: 'QCM', solution: 1 }))).toEqual([{ code: 'invalid_type', path: 'solution' }]);
    expect(issuesOf(challengeRecordSchema.safeParse({ ...qcu, proposals: ['seule'] }))).toEqual([{ code: 'too_small', path: 'proposals' }]);
    expect(issuesOf(challengeRecordSchema.safeParse({ ...qroc, proposals: ['a'], solution: ['a'] }))).toEqual([{ code: 'invalid_type', path: 'proposals' }]);
    expect(issuesOf(challengeRecordSchema.safeParse({ ...qcu, type: 'QCX' }))).toEqual([{ code: 'invalid_union', path: 'type' }]);
  });

  it('checks enumerations, levels and identifiers', () => {
    expect(issuesOf(challengeRecordSchema.safeParse({ ...qcu, status: 'valide' }))).toEqual([{ code: 'invalid_value', path: 'status' }]);
    expect(issuesOf(challengeRecordSchema.safeParse({ ...qcu, skill: 'requete1' }))).toEqual([{ code: 'invalid_format', path: 'skill' }]);
    expect(issuesOf(challengeRecordSchema.safeParse({ ...qcu, skill: '@requete9' }))).toEqual([{ code: 'invalid_format', path: 'skill' }]);
    expect(issuesOf(challengeRecordSchema.safeParse({ ...qcu, locales: ['de'] }))).toEqual([{ code: 'invalid_value', path: 'locales.0' }]);
    expect(issuesOf(challengeRecordSchema.safeParse({ ...qcu, accessibility: { blind: 'OK' } }))).toEqual([{ code: 'invalid_value', path: 'accessibility.colorBlind' }]);
    const tube = { name: 'requete9', competence: '6.1', title: { fr: 'T', en: 'T' }, description: { fr: 'D', en: 'D' }, skills: [{ level: 9, hint: { fr: 'H', en: 'H' } }] };
    expect(issuesOf(tubeFileSchema.safeParse(tube))).toEqual([
      { code: 'invalid_format', path: 'name' },
      { code: 'invalid_format', path: 'competence' },
      { code: 'too_big', path: 'skills.0.level' },
    ]);
  });

  it('requires a tutorial to have a body or an url, an https one', () => {
    const tutorial = { id: 't', title: 'T', format: 'site', duration: 2 };
    expect(tutorialRecordSchema.safeParse({ ...tutorial, url: 'https://example.org/a' }).success).toBe(true);
    expect(issuesOf(tutorialRecordSchema.safeParse(tutorial))).toEqual([{ code: 'custom', path: 'body' }]);
    expect(issuesOf(tutorialRecordSchema.safeParse({ ...tutorial, url: 'https://example.org', body: 'B' }))).toEqual([{ code: 'custom', path: 'body' }]);
    expect(issuesOf(tutorialRecordSchema.safeParse({ ...tutorial, url: 'http://example.org' }))).toEqual([{ code: 'invalid_format', path: 'url' }]);
  });

  it('defaults the optional lists of a tube file', () => {
    const tube = { name: 'requete', competence: '1.1', title: { fr: 'T', en: 'T' }, description: { fr: 'D', en: 'D' }, skills: [{ level: 1, hint: { fr: 'H', en: 'H' } }] };
    expect(tubeFileSchema.parse(tube)).toMatchObject({ skills: [{ level: 1, tutorials: [] }], tutorials: [], challenges: [] });
  });
});
