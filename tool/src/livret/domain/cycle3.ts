/**
 * CM2 and 6e: the classes whose periodic reports carry the digital competences block. Division codes are the
 * school's own ("6EME_4", "6A", "CM2 B", "CM1-CM2"), so the rule is a setting; by default a division is CM2
 * when its code contains CM2 and 6e when it starts with 6 (optionally "6e", "6EME", "6ème").
 */
export const DEFAULT_CYCLE3_END_DIVISIONS = /(^\s*6(?![0-9]))|CM2/i;

export function isCycle3EndDivision(division: string, pattern: RegExp = DEFAULT_CYCLE3_END_DIVISIONS): boolean {
  return pattern.test(division);
}
