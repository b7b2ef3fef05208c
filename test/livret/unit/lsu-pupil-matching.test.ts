import { describe, expect, it } from 'vitest';
import { createRosterIndex, nameKey, normaliseIdBe } from '../../../tool/src/livret/domain/lsu-pupil-matching.ts';
import type { PupilLevels } from '../../../tool/src/livret/domain/pupil-levels.ts';

const pupil = (over: Partial<PupilLevels>): PupilLevels => ({
  rosterId: 'r',
  ine: '123456789AB',
  siecleEleveId: null,
  lastName: 'Martin',
  firstName: 'Léa',
  birthdate: '2013-01-01',
  division: '6A',
  userId: null,
  levels: [],
  pixScore: 0,
  lastChangedAt: null,
  ...over,
});

describe('matching LSU pupils to the roster', () => {
  it('compares id-be as the positive integer it is, and names without case, accents or punctuation', () => {
    expect(normaliseIdBe(' 0042 ')).toBe('42');
    expect(normaliseIdBe('0')).toBe('0');
    expect(nameKey("L'Héritier-Œuvray", 'Zoé')).toBe(nameKey('lheritier oeuvray', 'ZOE'));
    expect(nameKey('Martin', 'Léa')).not.toBe(nameKey('Martin', 'Léo'));
  });

  it('keeps only the wanted pupils, by id-be, and never matches a pupil without id-be by her name', () => {
    const index = createRosterIndex(new Set(['42', '7']), (p) => p.rosterId);
    index.add(pupil({ rosterId: 'a', siecleEleveId: '042', lastName: 'Abel' }));
    index.add(pupil({ rosterId: 'b', siecleEleveId: '99', lastName: 'Bal' }));
    index.add(pupil({ rosterId: 'c', siecleEleveId: null, lastName: 'Dupont', firstName: 'Élise' }));
    expect(index.find('42')).toBe('a');
    expect(index.find('99')).toBeUndefined(); // not asked for by the file: not kept
    expect(index.find('7')).toBeUndefined();
    expect(index.withoutSiecleId).toBe(1);
    // A file pupil missing from the roster whose name is that of a roster pupil without id-be: told apart, not matched.
    expect(index.lacksSiecleId('DUPONT', 'Elise')).toBe(true);
    expect(index.lacksSiecleId('Dupont', 'Émilie')).toBe(false);
    expect(index.lacksSiecleId('', '')).toBe(false);
  });
});
