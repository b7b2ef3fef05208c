/** OAuth2 scopes of the livret scolaire API. */
export const LIVRET_SCOPES = {
  /** Pix's own scope name, what LSU and LSL request. */
  certifications: 'organizations-certifications-result',
  /** Ours: competence levels before certification. */
  competenceLevels: 'organizations-competence-levels',
} as const;

export const ALL_LIVRET_SCOPES: readonly string[] = Object.values(LIVRET_SCOPES);

/** What an access token lets its bearer do. */
export interface ApiGrant {
  clientId: string;
  scopes: readonly string[];
  /** Null: every school. */
  uais: readonly string[] | null;
}

/** Reach check: UAIs compare case-insensitively. */
export function grantReaches(grant: ApiGrant, uai: string): boolean {
  return grant.uais === null || grant.uais.some((allowed) => allowed.toUpperCase() === uai.toUpperCase());
}
