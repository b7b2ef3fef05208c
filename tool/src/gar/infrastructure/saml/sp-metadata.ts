import type { GarAttributeNames } from '../../gar-config.ts';
import { certificateBody } from '../keys/key-files.ts';
import { BINDING_POST, BINDING_REDIRECT, BINDING_SOAP } from './idp-metadata.ts';

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

const keyDescriptor = (use: 'signing' | 'encryption', pem: string, extra = '') => `    <md:KeyDescriptor use="${use}">
      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBody(pem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>${extra}
    </md:KeyDescriptor>`;

/**
 * Our SAML metadata, served at its own URL (the entityID): signing certificates (the next one too during a
 * rotation), the encryption certificate, HTTP-POST ACS, logout (Redirect, POST and back-channel SOAP) and the
 * attributes we ask for. No NameIDFormat: we identify people by IDO, never by NameID.
 */
export function serviceProviderMetadata(input: {
  entityId: string;
  acsUrl: string;
  sloUrl: string;
  signingCertPem: string;
  nextSigningCertPem: string | null;
  encryptionCertPem: string;
  attributes: GarAttributeNames;
}): string {
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
  ]
    .map((algorithm) => `\n      <md:EncryptionMethod Algorithm="${algorithm}"/>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${escapeXml(input.entityId)}">
  <md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
${keyDescriptor('signing', input.signingCertPem)}
${input.nextSigningCertPem ? `${keyDescriptor('signing', input.nextSigningCertPem)}\n` : ''}${keyDescriptor('encryption', input.encryptionCertPem, encryptionMethods)}
    <md:SingleLogoutService Binding="${BINDING_REDIRECT}" Location="${escapeXml(input.sloUrl)}"/>
    <md:SingleLogoutService Binding="${BINDING_POST}" Location="${escapeXml(input.sloUrl)}"/>
    <md:SingleLogoutService Binding="${BINDING_SOAP}" Location="${escapeXml(input.sloUrl)}"/>
    <md:AssertionConsumerService Binding="${BINDING_POST}" Location="${escapeXml(input.acsUrl)}" index="0" isDefault="true"/>
    <md:AttributeConsumingService index="0" isDefault="true">
      <md:ServiceName xml:lang="fr">Pix Embed</md:ServiceName>
${requested.map(([name, required]) => `      <md:RequestedAttribute Name="${escapeXml(name)}" isRequired="${required}"/>`).join('\n')}
    </md:AttributeConsumingService>
  </md:SPSSODescriptor>
</md:EntityDescriptor>
`;
}
