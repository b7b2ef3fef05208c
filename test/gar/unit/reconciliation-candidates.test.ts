import { describe, expect, it } from 'vitest';
import { MAX_CANDIDATES_PER_REQUEST, rankCandidates } from '../../../tool/src/gar/domain/reconciliation-candidates.ts';

const pupil = (id: string, firstName: string, lastName: string, birthdate: string, division: string) => ({
  id,
  firstName,
  middleName: null,
  thirdName: null,
  lastName,
  preferredLastName: null,
  birthdate,
  division,
});

describe('candidates offered to a teacher for a pending request', () => {
  const roster = [
    pupil('a', 'Inès', 'MOREAU', '2012-06-05', '5A'),
    pupil('b', 'Léa', 'DURAND', '2012-03-14', '5A'),
    pupil('c', 'Noah', 'PETIT', '2011-11-02', '5B'),
    pupil('d', 'Lea', 'MARTINS', '2012-05-01', '5A'),
    pupil('e', 'Jules', 'ARNAUD', '2012-03-14', '4C'),
  ];

  it('offers her classes’ pupils and those born that day: same day first, then by names, never others', () => {
    const [ranked] = rankCandidates([{ firstName: 'Léa', lastName: 'Martin', birthdate: '2012-03-14', divisionKeys: ['5A', '5e A'] }], roster);
    expect(ranked!.map((c) => c.id)).toEqual(['b', 'e', 'd', 'a']);
  });

  it('answers every request of a page in one pass, and caps each list', () => {
    const many = Array.from({ length: 100 }, (_, i) => pupil(`p${i}`, 'X', `NOM${i}`, '2012-01-01', '6A'));
    const result = rankCandidates(
      [
        { firstName: 'X', lastName: 'NOM7', birthdate: '2012-01-01', divisionKeys: [] },
        { firstName: 'Y', lastName: 'Z', birthdate: '2010-01-01', divisionKeys: ['unknown'] },
      ],
      many,
    );
    expect(result[0]).toHaveLength(MAX_CANDIDATES_PER_REQUEST);
    expect(result[0]![0]!.id).toBe('p7');
    expect(result[1]).toEqual([]);
  });
});
