import { createHash, X509Certificate } from 'node:crypto';
import type { GarAttributeNames } from '../../gar-config.ts';
import { certificateBody } from '../keys/key-files.ts';
import { serialize, signEnveloped, type XNode } from '../xml/canonical-xml.ts';
import { BINDING_POST, BINDING_REDIRECT, BINDING_SOAP } from './idp-metadata.ts';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const DAY_MS = 86_400_000;
/** How often a consumer should fetch the metadata again (a certificate rotation is picked up within a day). */
export const SP_METADATA_CACHE_DURATION = 'P1D';

const md = (name: string, attrs?: Record<string, string>, children?: Array<XNode | string>): XNode => ({
  name: `md:${name}`,
  ...(attrs ? { attrs } : {}),
  ...(children ? { children } : {}),
});

/** Children on their own indented lines: whitespace text is part of the signed canonical form, so it stays. */
function indented(node: XNode, depth: number): XNode {
  const children = node.children ?? [];
  if (!children.some((c) => typeof c !== 'string')) return node;
  const pad = `\n${'  '.repeat(depth + 1)}`;
  return {
    ...node,
    children: [...children.flatMap((c) => [pad, typeof c === 'string' ? c : indented(c, depth + 1)]), `\n${'  '.repeat(depth)}`],
  };
}

const keyDescriptor = (use: 'signing' | 'encryption', pem: string, extra: XNode[] = []): XNode =>
  md('KeyDescriptor', { use }, [
    { name: 'ds:KeyInfo', ns: { ds: DSIG }, children: [{ name: 'ds:X509Data', children: [{ name: 'ds:X509Certificate', children: [certificateBody(pem)] }] }] },
    ...extra,
  ]);

export interface SpMetadataInput {
  entityId: string;
  acsUrl: string;
  sloUrl: string;
  signingCertPem: string;
  /** Signs the metadata (enveloped signature, RSA-SHA256): the key of `signingCertPem`. */
  signingKeyPem: string;
  nextSigningCertPem: string | null;
  encryptionCertPem: string;
  attributes: GarAttributeNames;
  now: Date;
  /** `validUntil` = now + this many days, never after the signing certificate's end. */
  validDays: number;
}

/**
 * Our SAML metadata, served at its own URL (the entityID), signed with our signing key (enveloped XML signature,
 * RSA-SHA256, exclusive c14n, SHA-256 digest) so the GAR can check it was not altered: signing certificates (the
 * next one too during a rotation), the encryption certificate, HTTP-POST ACS, logout (Redirect, POST and
 * back-channel SOAP) and the attributes we ask for. No NameIDFormat: we identify people by IDO, never by NameID.
 */
export function serviceProviderMetadata(input: SpMetadataInput): string {
  const requested = [
    [input.attributes.ido, true],
    [input.attributes.uai, true],
    [input.attributes.profile, true],
    [input.attributes.firstName, true],
    [input.attributes.lastName, true],
    [input.attributes.divisions, false],
    [input.attributes.groups, false],
    [input.attributes.subjects, false],
    [input.attributes.email, false],
  ] as const;
  const encryptionMethods = [
    'http://www.w3.org/2009/xmlenc11#aes256-gcm',
    'http://www.w3.org/2009/xmlenc11#aes128-gcm',
    'http://www.w3.org/2001/04/xmlenc#aes256-cbc',
    'http://www.w3.org/2001/04/xmlenc#aes128-cbc',
  ].map((Algorithm) => md('EncryptionMethod', { Algorithm }));
  const certificateEnd = new Date(new X509Certificate(input.signingCertPem).validTo).getTime();
  const validUntil = new Date(Math.min(input.now.getTime() + input.validDays * DAY_MS, certificateEnd));
  // A stable ID (the signature's reference): the same entity always has the same one.
  const id = `_${createHash('sha256').update(input.entityId).digest('hex').slice(0, 40)}`;
  const descriptor = md('SPSSODescriptor', { AuthnRequestsSigned: 'true', WantAssertionsSigned: 'true', protocolSupportEnumeration: 'urn:oasis:names:tc:SAML:2.0:protocol' }, [
    keyDescriptor('signing', input.signingCertPem),
    ...(input.nextSigningCertPem ? [keyDescriptor('signing', input.nextSigningCertPem)] : []),
    keyDescriptor('encryption', input.encryptionCertPem, encryptionMethods),
    md('SingleLogoutService', { Binding: BINDING_REDIRECT, Location: input.sloUrl }),
    md('SingleLogoutService', { Binding: BINDING_POST, Location: input.sloUrl }),
    md('SingleLogoutService', { Binding: BINDING_SOAP, Location: input.sloUrl }),
    md('AssertionConsumerService', { Binding: BINDING_POST, Location: input.acsUrl, index: '0', isDefault: 'true' }),
    md('AttributeConsumingService', { index: '0', isDefault: 'true' }, [
      md('ServiceName', { 'xml:lang': 'fr' }, ['Pix Embed']),
      ...requested.map(([name, required]) => md('RequestedAttribute', { Name: name, isRequired: String(required) })),
    ]),
  ]);
  const entity = indented(
    {
      name: 'md:EntityDescriptor',
      ns: { md: MD },
      attrs: { ID: id, entityID: input.entityId, validUntil: validUntil.toISOString().replace(/\.\d{3}Z$/, 'Z'), cacheDuration: SP_METADATA_CACHE_DURATION },
      children: [descriptor],
    },
    0,
  );
  // Signature first, as the metadata schema orders it; its KeyInfo carries the signing certificate.
  const signed = signEnveloped(entity, { id, privateKeyPem: input.signingKeyPem, certificateBody: certificateBody(input.signingCertPem), position: 0 });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(signed)}\n`;
}
