import { describe, expect, it } from 'vitest';
import { editDistanceRatio, normalizeName } from '../../../tool/src/gar/domain/name-matching.ts';
import { matchRosterPupil, type RosterCandidate } from '../../../tool/src/gar/domain/reconciliation-matching.ts';

const candidate = (id: string, firstName: string, lastName: string, birthdate = '2012-03-14', extra: Partial<RosterCandidate> = {}): RosterCandidate => ({
  id,
  firstName,
  lastName,
  middleName: null,
  thirdName: null,
  preferredLastName: null,
  birthdate,
  ...extra,
});

describe('reconciliation matching', () => {
  it('normalises names: accents, case, spaces, hyphens, ligatures', () => {
    expect(normalizeName(' Éloïse-Marie  D’Œillet ')).toBe('eloisemariedoeillet');
  });

  it('matches exactly once normalised, on the same birthdate only', () => {
    const roster = [candidate('a', 'LÉA', 'MARTIN'), candidate('b', 'Léa', 'Martin', '2012-03-15')];
    expect(matchRosterPupil({ firstName: 'Lea', lastName: 'martin', birthdate: '2012-03-14' }, roster)).toMatchObject({ kind: 'MATCH', candidate: { id: 'a' }, exact: true });
    expect(matchRosterPupil({ firstName: 'Léa', lastName: 'Martin', birthdate: '2011-01-01' }, roster)).toEqual({ kind: 'NO_MATCH' });
  });

  it('accepts a second or third first name and the usage last name', () => {
    const roster = [candidate('a', 'Marie', 'Durand', '2012-03-14', { middleName: 'Léa', preferredLastName: 'Martin' })];
    expect(matchRosterPupil({ firstName: 'Léa', lastName: 'Martin', birthdate: '2012-03-14' }, roster)).toMatchObject({ kind: 'MATCH', candidate: { id: 'a' } });
  });

  it('accepts a small typo (edit-distance ratio ≤ 0.25), not a different name', () => {
    expect(editDistanceRatio('Mathis', 'Mathys')).toBeCloseTo(1 / 6);
    const roster = [candidate('a', 'Mathys', 'Garnier')];
    expect(matchRosterPupil({ firstName: 'Mathis', lastName: 'Garnier', birthdate: '2012-03-14' }, roster)).toMatchObject({ kind: 'MATCH', exact: false });
    expect(matchRosterPupil({ firstName: 'Noah', lastName: 'Garnier', birthdate: '2012-03-14' }, roster)).toEqual({ kind: 'NO_MATCH' });
  });

  it('never guesses between several candidates', () => {
    const twins = [candidate('a', 'Léa', 'Martin'), candidate('b', 'Léa', 'Martin')];
    expect(matchRosterPupil({ firstName: 'Léa', lastName: 'Martin', birthdate: '2012-03-14' }, twins)).toEqual({ kind: 'SEVERAL', count: 2 });
    const close = [candidate('a', 'Lena', 'Martine'), candidate('b', 'Lenna', 'Martin')];
    expect(matchRosterPupil({ firstName: 'Léna', lastName: 'Martin', birthdate: '2012-03-14' }, close).kind).toBe('SEVERAL');
  });

  it('prefers an exact match over fuzzy ones', () => {
    const roster = [candidate('a', 'Léa', 'Martin'), candidate('b', 'Léo', 'Martin')];
    expect(matchRosterPupil({ firstName: 'Léa', lastName: 'Martin', birthdate: '2012-03-14' }, roster)).toMatchObject({ kind: 'MATCH', candidate: { id: 'a' }, exact: true });
  });

  it('does not match empty names', () => {
    expect(matchRosterPupil({ firstName: '', lastName: '', birthdate: '2012-03-14' }, [candidate('a', 'Léa', 'Martin')])).toEqual({ kind: 'NO_MATCH' });
  });
});
