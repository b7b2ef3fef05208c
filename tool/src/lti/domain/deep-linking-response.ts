import { CLAIM, LTI_VERSION, MESSAGE_TYPE } from './lti-claims.ts';

/** What a teacher can pick in the deep-linking picker. */
export type PickedActivity = { kind: 'competence'; competenceIndex: string; title: string } | { kind: 'campaign'; code: string; title: string };

export interface LtiResourceLinkItem {
  type: 'ltiResourceLink';
  title: string;
  url: string;
  custom: Record<string, string>;
  lineItem: { scoreMaximum: number; label: string; resourceId: string; tag: string };
}

/**
 * The content item for a picked activity. Without `lineItem` Moodle creates no gradebook column, so there is
 * always one: out of 100 for a campaign, out of the maximum level for a competence evaluation.
 */
export function contentItemFor(picked: PickedActivity, options: { launchUrl: string; maxLevel: number }): LtiResourceLinkItem {
  if (picked.kind === 'competence') {
    return {
      type: 'ltiResourceLink',
      title: picked.title,
      url: options.launchUrl,
      custom: { competence: picked.competenceIndex },
      lineItem: { scoreMaximum: options.maxLevel, label: picked.title, resourceId: `competence:${picked.competenceIndex}`, tag: 'pix-competence' },
    };
  }
  return {
    type: 'ltiResourceLink',
    title: picked.title,
    url: options.launchUrl,
    custom: { campaign: picked.code },
    lineItem: { scoreMaximum: 100, label: picked.title, resourceId: `campaign:${picked.code}`, tag: 'pix-campaign' },
  };
}

/** Claims of the LtiDeepLinkingResponse JWT (signed with the tool key, `kid` in the header). */
export function deepLinkingResponseClaims(input: {
  clientId: string;
  platformIssuer: string;
  deploymentId: string;
  nonce: string;
  items: LtiResourceLinkItem[];
  data: string | null;
  message?: string;
}): Record<string, unknown> {
  return {
    iss: input.clientId,
    aud: input.platformIssuer,
    nonce: input.nonce,
    [CLAIM.deploymentId]: input.deploymentId,
    [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingResponse,
    [CLAIM.version]: LTI_VERSION,
    [CLAIM.deepLinkingContentItems]: input.items,
    ...(input.data !== null ? { [CLAIM.deepLinkingData]: input.data } : {}),
    ...(input.message ? { [CLAIM.deepLinkingMessage]: input.message } : {}),
  };
}
