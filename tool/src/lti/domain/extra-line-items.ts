import { SCOPE } from './lti-claims.ts';
import type { ActivityResult } from './ags-score.ts';

/** Tag prefix of the per-competence columns a campaign link may carry besides its own column. */
export const COMPETENCE_TAG_PREFIX = 'pix-competence-';

/** An extra gradebook column under a resource link, and the result it receives. */
export interface ExtraLineItemResult {
  /** `pix-competence-1.1`: how the column is found again on the platform. */
  tag: string;
  label: string;
  result: ActivityResult;
}

export function competenceTag(competenceIndex: string): string {
  return `${COMPETENCE_TAG_PREFIX}${competenceIndex}`;
}

/**
 * Extra columns must be created, which needs the `lineitem` scope: the platform must have granted it to the
 * registration (else the token cannot carry it) and offered it in this link's launch (Moodle's "grade sync
 * only" mode offers `score` alone, with the link's own column).
 */
export function canCreateLineItems(linkScopes: readonly string[], platformScopes: readonly string[]): boolean {
  return linkScopes.includes(SCOPE.lineItem) && platformScopes.includes(SCOPE.lineItem);
}
