import { describe, expect, it } from 'vitest';
import { mapGarAttributes, parseClassRef, roleFromProfiles } from '../../../tool/src/gar/domain/attribute-mapping.ts';
import { GarError } from '../../../tool/src/gar/domain/gar-errors.ts';
import { GAR_ATTRIBUTE_DEFAULTS } from '../../../tool/src/gar/gar-config.ts';

const attrs = (o: Record<string, string[]>) => new Map(Object.entries(o));
const pupil = { IDO: ['abc123'], UAI: ['0561641e'], PRE: ['Léa'], NOM: ['Martin'], PRO: ['National_elv'], DIV: ['2NDE04##2NDE 4', '2NDE05'] };

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof GarError ? error.garCode : 'OTHER';
  }
}

describe('GAR attribute mapping', () => {
  it('maps a pupil: IDO is the key, UAI upper-cased, classes from code##label', () => {
    const identity = mapGarAttributes(attrs(pupil), GAR_ATTRIBUTE_DEFAULTS);
    expect(identity).toMatchObject({ ido: 'abc123', uais: ['0561641E'], firstName: 'Léa', lastName: 'Martin', role: 'PUPIL', email: null });
    expect(identity.divisions).toEqual([
      { code: '2NDE04', label: '2NDE 4' },
      { code: '2NDE05', label: '2NDE05' },
    ]);
  });

  it('maps profiles to roles: elv pupil, ens/doc teacher, dir administrator; others unsupported', () => {
    expect(roleFromProfiles(['National_elv'])).toBe('PUPIL');
    expect(roleFromProfiles(['National_ens'])).toBe('TEACHER');
    expect(roleFromProfiles(['National_doc'])).toBe('TEACHER');
    expect(roleFromProfiles(['National_dir'])).toBe('ADMIN');
    expect(roleFromProfiles(['National_ens', 'National_dir'])).toBe('ADMIN');
    expect(roleFromProfiles(['National_evs'])).toBeNull();
    expect(codeOf(() => mapGarAttributes(attrs({ ...pupil, PRO: ['National_tut'] }), GAR_ATTRIBUTE_DEFAULTS))).toBe('GAR_PROFILE_UNSUPPORTED');
  });

  it('refuses a login without IDO, valid UAI or profile', () => {
    expect(codeOf(() => mapGarAttributes(attrs({ ...pupil, IDO: [] }), GAR_ATTRIBUTE_DEFAULTS))).toBe('SAML_ATTRIBUTE_MISSING');
    expect(codeOf(() => mapGarAttributes(attrs({ ...pupil, UAI: ['not-a-uai'] }), GAR_ATTRIBUTE_DEFAULTS))).toBe('SAML_ATTRIBUTE_MISSING');
    expect(codeOf(() => mapGarAttributes(attrs({ ...pupil, PRO: [] }), GAR_ATTRIBUTE_DEFAULTS))).toBe('SAML_ATTRIBUTE_MISSING');
  });

  it('keeps several UAIs once each, and teacher extras (groups, subjects, e-mail)', () => {
    const identity = mapGarAttributes(
      attrs({ ...pupil, UAI: ['0561641E', '0561642F', '0561641e'], PRO: ['National_ens'], GRO: ['G1##Groupe 1##2NDE04'], P_MS4: ['MATHS', 'MATHS'], P_MEL: ['prof@ac-test.fr'] }),
      GAR_ATTRIBUTE_DEFAULTS,
    );
    expect(identity.uais).toEqual(['0561641E', '0561642F']);
    expect(identity.groups).toEqual([{ code: 'G1', label: 'Groupe 1', division: '2NDE04' }]);
    expect(identity.subjects).toEqual(['MATHS']);
    expect(identity.email).toBe('prof@ac-test.fr');
  });

  it('reads configured attribute names', () => {
    const identity = mapGarAttributes(attrs({ uid: ['x'], rne: ['0561641E'], profil: ['National_elv'] }), { ...GAR_ATTRIBUTE_DEFAULTS, ido: 'uid', uai: 'rne', profile: 'profil' });
    expect(identity.ido).toBe('x');
  });

  it('parses class references', () => {
    expect(parseClassRef('5A')).toEqual({ code: '5A', label: '5A', division: null });
    expect(parseClassRef('##x')).toBeNull();
  });
});
