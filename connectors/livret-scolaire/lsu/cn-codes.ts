/**
 * The LSU codes of the 16 digital competences (cycle 3 positioning block), paired with the CRCN competence
 * index by an explicit table (shared/domain/crcn.md §5, the schema's CodeCompetenceNumerique enumeration, in
 * schema order). Never derive one from the other by substring: CN_CRE_PRO is "Programmer" (3.4) while the
 * CN_PRO_ prefix is "Protection" (area 4).
 */
export const CN_CODES = [
  ['CN_INF_MEN', '1.1'],
  ['CN_INF_GER', '1.2'],
  ['CN_INF_TRA', '1.3'],
  ['CN_COM_INT', '2.1'],
  ['CN_COM_PAR', '2.2'],
  ['CN_COM_COL', '2.3'],
  ['CN_COM_SIN', '2.4'],
  ['CN_CRE_TEX', '3.1'],
  ['CN_CRE_MUL', '3.2'],
  ['CN_CRE_ADA', '3.3'],
  ['CN_CRE_PRO', '3.4'],
  ['CN_PRO_SEC', '4.1'],
  ['CN_PRO_DON', '4.2'],
  ['CN_PRO_SAN', '4.3'],
  ['CN_ENV_RES', '5.1'],
  ['CN_ENV_EVO', '5.2'],
] as const;

export type CnCode = (typeof CN_CODES)[number][0];

const BY_INDEX = new Map<string, CnCode>(CN_CODES.map(([code, index]) => [index, code]));
const BY_CODE = new Map<string, string>(CN_CODES.map(([code, index]) => [code, index]));

export function cnCodeOfCompetence(competenceIndex: string): CnCode | null {
  return BY_INDEX.get(competenceIndex) ?? null;
}

export function competenceOfCnCode(code: string): string | null {
  return BY_CODE.get(code) ?? null;
}
