import { randomBytes } from 'node:crypto';
import * as samlify from 'samlify';
import { generateKeyPairWithCertificate, type KeyPairPem } from '../../../tool/src/gar/infrastructure/keys/self-signed-certificate.ts';
import { certificateBody } from '../../../tool/src/gar/infrastructure/keys/key-files.ts';

/** A pupil as the GAR describes her, by default. */
export const PUPIL_ATTRIBUTES: Record<string, string[]> = {
  IDO: ['a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2'],
  UAI: ['0991234A'],
  PRE: ['Léa'],
  NOM: ['Martin'],
  PRO: ['National_elv'],
  DIV: ['5A##5e A', '5B##5e B'],
};

export interface ResponseOverrides {
  inResponseTo?: string | null;
  envelopeInResponseTo?: string | null;
  destination?: string;
  recipient?: string;
  audience?: string;
  issuer?: string;
  assertionIssuer?: string;
  status?: string;
  conditionsNotBefore?: Date;
  conditionsNotOnOrAfter?: Date;
  subjectNotOnOrAfter?: Date;
  attributes?: Record<string, string[]>;
  nameId?: string;
}

const escapeXml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * An in-process IdP (samlify) that forges every response the refusal tests need: it signs (assertion and/or
 * message) and encrypts with samlify, from XML we write, so each field can be made wrong on purpose.
 */
export function createTestIdp(options: { entityId: string; ssoUrl: string; keys?: KeyPairPem; now?: () => Date }) {
  const keys = options.keys ?? generateKeyPairWithCertificate('test IdP', new Date());
  const now = options.now ?? (() => new Date());
  const metadataXml = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${options.entityId}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBody(keys.certificatePem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${options.ssoUrl.replace(/sso$/, 'slo')}"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${options.ssoUrl}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

  async function response(input: {
    spMetadataXml: string;
    sp: { entityId: string; acsUrl: string };
    overrides?: ResponseOverrides;
    signAssertion?: boolean;
    signResponse?: boolean;
    encrypt?: boolean;
    signingKeys?: KeyPairPem;
  }): Promise<string> {
    const o = input.overrides ?? {};
    const t = now().getTime();
    const id = `_${randomBytes(16).toString('hex')}`;
    const assertionId = `_${randomBytes(16).toString('hex')}`;
    const irt = o.inResponseTo === undefined ? null : o.inResponseTo;
    const envelopeIrt = o.envelopeInResponseTo === undefined ? irt : o.envelopeInResponseTo;
    const attributes = Object.entries(o.attributes ?? PUPIL_ATTRIBUTES)
      .map(
        ([name, values]) =>
          `<saml:Attribute Name="${escapeXml(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${values
            .map((v) => `<saml:AttributeValue xsi:type="xs:string">${escapeXml(v)}</saml:AttributeValue>`)
            .join('')}</saml:Attribute>`,
      )
      .join('');
    const xml =
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" Version="2.0" IssueInstant="${iso(new Date(t))}" Destination="${escapeXml(o.destination ?? input.sp.acsUrl)}"${envelopeIrt ? ` InResponseTo="${envelopeIrt}"` : ''}>` +
      `<saml:Issuer>${escapeXml(o.issuer ?? options.entityId)}</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="${o.status ?? 'urn:oasis:names:tc:SAML:2.0:status:Success'}"/></samlp:Status>` +
      `<saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${assertionId}" Version="2.0" IssueInstant="${iso(new Date(t))}">` +
      `<saml:Issuer>${escapeXml(o.assertionIssuer ?? o.issuer ?? options.entityId)}</saml:Issuer>` +
      `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient">${escapeXml(o.nameId ?? `_nid${randomBytes(8).toString('hex')}`)}</saml:NameID>` +
      `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${iso(o.subjectNotOnOrAfter ?? new Date(t + 300_000))}" Recipient="${escapeXml(o.recipient ?? input.sp.acsUrl)}"${irt ? ` InResponseTo="${irt}"` : ''}/></saml:SubjectConfirmation></saml:Subject>` +
      `<saml:Conditions NotBefore="${iso(o.conditionsNotBefore ?? new Date(t - 60_000))}" NotOnOrAfter="${iso(o.conditionsNotOnOrAfter ?? new Date(t + 300_000))}"><saml:AudienceRestriction><saml:Audience>${escapeXml(o.audience ?? input.sp.entityId)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
      `<saml:AuthnStatement AuthnInstant="${iso(new Date(t))}" SessionIndex="_s${randomBytes(8).toString('hex')}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
      `<saml:AttributeStatement>${attributes}</saml:AttributeStatement></saml:Assertion></samlp:Response>`;

    const signing = input.signingKeys ?? keys;
    const signAssertion = input.signAssertion ?? true;
    const signResponse = input.signResponse ?? false;
    if (!signAssertion && !signResponse && !input.encrypt) return Buffer.from(xml).toString('base64');
    const idp = samlify.IdentityProvider({
      metadata: metadataXml,
      privateKey: signing.privateKeyPem,
      signingCert: signing.certificatePem,
      isAssertionEncrypted: input.encrypt ?? false,
      messageSigningOrder: 'sign-then-encrypt',
    });
    const spMetadata = input.spMetadataXml
      .replace('WantAssertionsSigned="true"', `WantAssertionsSigned="${signAssertion}"`)
      .replace('AuthnRequestsSigned="true"', `AuthnRequestsSigned="true" ${signResponse ? 'WantMessageSigned="true"' : ''}`);
    const sp = samlify.ServiceProvider({ metadata: spMetadata, wantMessageSigned: signResponse, wantAssertionsSigned: signAssertion, isAssertionEncrypted: input.encrypt ?? false });
    const result = await idp.createLoginResponse(sp, { extract: { request: { id: irt ?? '' } } }, 'post', {}, { customTagReplacement: () => ({ id, context: xml }) });
    return result.context;
  }

  /** A LogoutRequest from the IdP (front-channel, HTTP-Redirect), signed unless told otherwise. */
  function logoutRequestUrl(input: { spMetadataXml: string; nameId: string; signed?: boolean }): string {
    const idp = samlify.IdentityProvider({ metadata: metadataXml, privateKey: keys.privateKeyPem, signingCert: keys.certificatePem });
    const sp = samlify.ServiceProvider({ metadata: input.spMetadataXml, wantLogoutRequestSigned: input.signed ?? true });
    return idp.createLogoutRequest(sp, 'redirect', { logoutNameID: input.nameId }).context;
  }

  /** The same request as XML (HTTP-POST binding), to carry in a SOAP envelope (back-channel). */
  function logoutRequestXml(input: { spMetadataXml: string; nameId: string; signed?: boolean }): string {
    const idp = samlify.IdentityProvider({ metadata: metadataXml, privateKey: keys.privateKeyPem, signingCert: keys.certificatePem });
    const sp = samlify.ServiceProvider({ metadata: input.spMetadataXml, wantLogoutRequestSigned: input.signed ?? true });
    return Buffer.from(idp.createLogoutRequest(sp, 'post', { logoutNameID: input.nameId }).context, 'base64').toString('utf8');
  }

  return { keys, metadataXml, entityId: options.entityId, response, logoutRequestUrl, logoutRequestXml };
}
export type TestIdp = ReturnType<typeof createTestIdp>;
