/**
 * GAR "cadre de confiance": a resource opened through the GAR must not send users to external sites.
 * In a GAR session, external addresses (tutorials, references) are shown as text unless the school allows links.
 */
export type OutboundLinks = 'links' | 'text';

export function outboundLinkPolicy(input: { via: string; schoolAllowsLinks: boolean }): OutboundLinks {
  return input.via === 'gar' && !input.schoolAllowsLinks ? 'text' : 'links';
}

/** A page of the tool (root-relative path) asked to print its external addresses as text (`?links=text`). */
export function withLinksAsText(path: string): string {
  const url = new URL(path, 'http://tool.invalid');
  url.searchParams.set('links', 'text');
  return `${url.pathname}${url.search}${url.hash}`;
}
