import { createHash, sign } from 'node:crypto';

/**
 * XML written directly in exclusive canonical form (exc-c14n): no whitespace between elements, namespace
 * declarations only where first used, attributes sorted, no empty-element tags, c14n escaping. Signing a
 * string we wrote in canonical form needs no canonicalizer: the digest of the text is the digest of the node.
 * Whitespace-only text children are kept as written (canonical form keeps text), so output may stay readable.
 * Used to sign our SP metadata and by the /demo IdP (both run without dev dependencies); verifying signatures
 * is the SAML library's job.
 */
export interface XNode {
  name: string;
  /** Namespace declarations first, then attributes; both sorted by the serializer. */
  ns?: Record<string, string>;
  attrs?: Record<string, string>;
  children?: Array<XNode | string>;
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
const escapeAttr = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;').replace(/\r/g, '&#xD;');

export function serialize(node: XNode): string {
  const ns = Object.entries(node.ns ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([prefix, uri]) => ` xmlns${prefix ? `:${prefix}` : ''}="${escapeAttr(uri)}"`)
    .join('');
  const attrs = Object.entries(node.attrs ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => ` ${name}="${escapeAttr(value)}"`)
    .join('');
  const children = (node.children ?? []).map((child) => (typeof child === 'string' ? escapeText(child) : serialize(child))).join('');
  return `<${node.name}${ns}${attrs}>${children}</${node.name}>`;
}

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';

/**
 * Returns `element` with an enveloped RSA-SHA256 signature inserted as its child at `position`
 * (after the Issuer in an assertion). The element must declare every prefix it uses.
 */
export function signEnveloped(element: XNode, options: { id: string; privateKeyPem: string; certificateBody: string; position: number }): XNode {
  const digest = createHash('sha256').update(serialize(element)).digest('base64');
  const ds = (name: string, attrs?: Record<string, string>, children?: Array<XNode | string>): XNode => ({ name: `ds:${name}`, ...(attrs ? { attrs } : {}), ...(children ? { children } : {}) });
  const signedInfo: XNode = {
    name: 'ds:SignedInfo',
    ns: { ds: DSIG },
    children: [
      ds('CanonicalizationMethod', { Algorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#' }),
      ds('SignatureMethod', { Algorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256' }),
      ds('Reference', { URI: `#${options.id}` }, [
        ds('Transforms', undefined, [
          ds('Transform', { Algorithm: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature' }),
          ds('Transform', { Algorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#' }),
        ]),
        ds('DigestMethod', { Algorithm: 'http://www.w3.org/2001/04/xmlenc#sha256' }),
        ds('DigestValue', undefined, [digest]),
      ]),
    ],
  };
  const signatureValue = sign('sha256', Buffer.from(serialize(signedInfo)), options.privateKeyPem).toString('base64');
  const signature: XNode = {
    name: 'ds:Signature',
    ns: { ds: DSIG },
    children: [
      { ...signedInfo, ns: {} },
      ds('SignatureValue', undefined, [signatureValue]),
      ds('KeyInfo', undefined, [ds('X509Data', undefined, [ds('X509Certificate', undefined, [options.certificateBody])])]),
    ],
  };
  const children = [...(element.children ?? [])];
  children.splice(options.position, 0, signature);
  return { ...element, children };
}
