import { X509Certificate } from 'node:crypto';
import { attributeOf, childElements, descendants, parseXml, textOf, type XmlElement } from '../xml/xml-tree.ts';
import { certificatePem } from '../keys/key-files.ts';

export const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
export const DS = 'http://www.w3.org/2000/09/xmldsig#';
export const BINDING_REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
export const BINDING_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
export const BINDING_SOAP = 'urn:oasis:names:tc:SAML:2.0:bindings:SOAP';

/** What we need from an IdP's metadata. */
export interface IdpDescriptor {
  entityId: string;
  ssoRedirectUrl: string;
  sloRedirectUrl: string | null;
  sloPostUrl: string | null;
  /** PEM certificates whose keys may sign (several during a rotation). */
  signingCertificates: string[];
}

export class MetadataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetadataError';
  }
}

function endpoint(descriptor: XmlElement, localName: string, binding: string): string | null {
  const found = childElements(descriptor, MD, localName).find((e) => attributeOf(e, 'Binding') === binding);
  return found ? attributeOf(found, 'Location') : null;
}

/** Reads an IdP's SAML 2.0 metadata (an EntityDescriptor, or the first IdP of an EntitiesDescriptor). */
export function parseIdpMetadata(xml: string, expectedEntityId?: string): IdpDescriptor {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    throw new MetadataError(`métadonnées illisibles : ${(error as Error).message}`);
  }
  const entities =
    root.localName === 'EntityDescriptor' && root.namespace === MD ? [root] : root.localName === 'EntitiesDescriptor' ? descendants(root, MD, 'EntityDescriptor') : [];
  const withIdp = entities.filter((e) => childElements(e, MD, 'IDPSSODescriptor').length > 0);
  const entity = expectedEntityId ? withIdp.find((e) => attributeOf(e, 'entityID') === expectedEntityId) : withIdp[0];
  if (!entity) throw new MetadataError('aucun IDPSSODescriptor dans les métadonnées');
  const entityId = attributeOf(entity, 'entityID');
  if (!entityId) throw new MetadataError('entityID absent');
  const idp = childElements(entity, MD, 'IDPSSODescriptor')[0]!;
  const ssoRedirectUrl = endpoint(idp, 'SingleSignOnService', BINDING_REDIRECT);
  if (!ssoRedirectUrl) throw new MetadataError('aucun SingleSignOnService en HTTP-Redirect');
  const signingCertificates: string[] = [];
  for (const key of childElements(idp, MD, 'KeyDescriptor')) {
    const use = attributeOf(key, 'use');
    if (use && use !== 'signing') continue;
    for (const cert of descendants(key, DS, 'X509Certificate')) {
      const pem = certificatePem(textOf(cert));
      try {
        new X509Certificate(pem);
      } catch {
        throw new MetadataError('certificat X509 illisible dans les métadonnées');
      }
      if (!signingCertificates.includes(pem)) signingCertificates.push(pem);
    }
  }
  if (signingCertificates.length === 0) throw new MetadataError('aucun certificat de signature dans les métadonnées');
  return {
    entityId,
    ssoRedirectUrl,
    sloRedirectUrl: endpoint(idp, 'SingleLogoutService', BINDING_REDIRECT),
    sloPostUrl: endpoint(idp, 'SingleLogoutService', BINDING_POST),
    signingCertificates,
  };
}
