import { describe, expect, it } from 'vitest';
import { findSiecleIdConflicts } from '../../../tool/src/gar/domain/roster/siecle-eleve-id.ts';
import { csvLineOverStored } from '../../../tool/src/gar/domain/roster/csv-reimport.ts';
import type { RosterPupil } from '../../../tool/src/gar/domain/roster/roster-pupil.ts';

const stored = (ine: string, siecleEleveId: string | null, active = true) => ({ ine, siecleEleveId, active });
const line = (ine: string, siecleEleveId: string | null) => ({ ine, siecleEleveId });
const none = new Set<string>();

describe('SIECLE ELEVE_ID on re-import', () => {
  it('a CSV line replaces what it gives (its id included) and keeps what it leaves empty (id, sex, MEF, birthplace)', () => {
    const pupil = (fields: Partial<RosterPupil>): RosterPupil => ({
      ine: '111111111AA', siecleEleveId: null, lastName: 'Abel', preferredLastName: null, firstName: 'Zoé', middleName: null, thirdName: null, sex: null,
      birthdate: '2013-02-03', birthCountryCode: null, birthCityCode: null, birthDepartmentCode: null, birthCity: null, mefCode: null, status: null, division: '6A', ...fields,
    });
    const stored = pupil({ siecleEleveId: '201', sex: 'F', mefCode: '10010012110', birthCity: 'Lyon', status: 'ST' });
    expect(csvLineOverStored(stored, pupil({ division: '6B' }))).toEqual({ ...stored, division: '6B' });
    expect(csvLineOverStored(stored, pupil({ siecleEleveId: '42' })).siecleEleveId).toBe('42');
    expect(csvLineOverStored(pupil({}), pupil({})).siecleEleveId).toBeNull();
  });

  it('refuses a CSV id another active pupil of the school keeps, whoever imported it', () => {
    const conflicts = findSiecleIdConflicts({
      stored: [stored('A', '201'), stored('B', null)],
      // A is in the file without an id: she keeps 201, so B cannot take it.
      pupils: [line('A', null), line('B', '0201')],
      keepIne: none,
    });
    expect(conflicts).toEqual([{ ine: 'B', siecleEleveId: '0201', heldByIne: 'A' }]);
  });

  it('accepts ids swapped between two pupils, an id freed by a pupil who leaves, and an inactive holder', () => {
    expect(findSiecleIdConflicts({ stored: [stored('A', '1'), stored('B', '2')], pupils: [line('A', '2'), line('B', '1')], keepIne: none })).toEqual([]);
    // C is not in the file (she becomes inactive), D was inactive already.
    expect(findSiecleIdConflicts({ stored: [stored('C', '3'), stored('D', '4', false)], pupils: [line('E', '3'), line('F', '4')], keepIne: none })).toEqual([]);
  });

  it('keeps the id of a pupil whose line had an error, and follows a refusal to the id it keeps', () => {
    // G's line had an error: she stays active with 5, so H cannot take it.
    expect(findSiecleIdConflicts({ stored: [stored('G', '5')], pupils: [line('H', '5')], keepIne: new Set(['G']) })).toEqual([{ ine: 'H', siecleEleveId: '5', heldByIne: 'G' }]);
    // I asks for 6 (held by J, who keeps it), so I keeps 7, which K then cannot take.
    const conflicts = findSiecleIdConflicts({ stored: [stored('I', '7'), stored('J', '6')], pupils: [line('I', '6'), line('J', null), line('K', '7')], keepIne: none });
    expect(conflicts).toEqual([
      { ine: 'I', siecleEleveId: '6', heldByIne: 'J' },
      { ine: 'K', siecleEleveId: '7', heldByIne: 'I' },
    ]);
  });
});
