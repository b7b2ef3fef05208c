/**
 * What a resource link opens, read from its custom parameters (set by the deep-linking picker, or by hand):
 * `competence=1.1` → that competence evaluation; `campaign=CODE` → a campaign; nothing → the pupil's profile.
 */
export type ActivityTarget = { kind: 'competence'; competenceIndex: string } | { kind: 'campaign'; code: string } | { kind: 'profile' };

export const COMPETENCE_INDEX = /^[1-5]\.[1-4]$/;

export function readActivityTarget(custom: Readonly<Record<string, string>>): ActivityTarget | { kind: 'invalid'; value: string } {
  const competence = custom.competence?.trim();
  if (competence) return COMPETENCE_INDEX.test(competence) ? { kind: 'competence', competenceIndex: competence } : { kind: 'invalid', value: competence };
  const campaign = custom.campaign?.trim();
  if (campaign) return /^[A-Z0-9]{4,16}$/i.test(campaign) ? { kind: 'campaign', code: campaign.toUpperCase() } : { kind: 'invalid', value: campaign };
  return { kind: 'profile' };
}

/** Stored form of a target (`lti_resource_links.target`). */
export function targetKey(target: ActivityTarget): string | null {
  if (target.kind === 'competence') return `competence:${target.competenceIndex}`;
  if (target.kind === 'campaign') return `campaign:${target.code}`;
  return null;
}
