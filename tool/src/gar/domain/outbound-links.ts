/**
 * GAR "cadre de confiance": a resource opened through the GAR must not send users to external sites.
 * In a GAR session, external addresses (tutorials, references) are shown as text unless the school allows links.
 */
export type OutboundLinks = 'links' | 'text';

export function outboundLinkPolicy(input: { via: string; schoolAllowsLinks: boolean }): OutboundLinks {
  return input.via === 'gar' && !input.schoolAllowsLinks ? 'text' : 'links';
}
