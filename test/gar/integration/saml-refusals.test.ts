import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairWithCertificate } from '../../../tool/src/gar/infrastructure/keys/self-signed-certificate.ts';
import type { TestApp } from '../../support/test-app.ts';
import { PUBLIC_URL, spKeyFiles, startGarApp } from '../support/gar-app.ts';
import { createTestIdp, PUPIL_ATTRIBUTES, type ResponseOverrides, type TestIdp } from '../support/samlify-idp.ts';
import { bootData, errorCode, postForm, startLogin } from '../support/saml-http.ts';

const ACS = `${PUBLIC_URL}/saml/acs`;
const SP_ENTITY = `${PUBLIC_URL}/saml/metadata.xml`;

/**
 * Every refusal the service provider owes the GAR, forged by an in-process samlify IdP: each case is a
 * response that is right except for one thing, and must be refused with its own code.
 */
describe('SAML ACS: refusals, each with its coded page', () => {
  let app: TestApp & { database: import('../../../tool/src/shared/infrastructure/db/database.ts').DatabaseHandle };
  let second: TestApp;
  let idp: TestIdp;
  let other: TestIdp;
  let spMetadataXml = '';
  let env: Record<string, string> = {};

  beforeAll(async () => {
    const keys = spKeyFiles();
    idp = createTestIdp({ entityId: 'https://idp-auth.gar.test/idp', ssoUrl: 'https://idp-auth.gar.test/idp/profile/SAML2/Redirect/SSO' });
    other = createTestIdp({ entityId: 'https://idp.academie.test/idp', ssoUrl: 'https://idp.academie.test/sso' });
    writeFileSync(join(keys.dir, 'gar.xml'), idp.metadataXml);
    writeFileSync(join(keys.dir, 'academie.xml'), other.metadataXml);
    env = {
      ...keys.env,
      SAML_IDPS: 'gar,academie',
      SAML_IDP_GAR_METADATA: join(keys.dir, 'gar.xml'),
      SAML_IDP_ACADEMIE_METADATA: join(keys.dir, 'academie.xml'),
      SAML_CLOCK_SKEW_SECONDS: '60',
    };
    app = await startGarApp({ env });
    second = await startGarApp({ env, database: app.database });
    spMetadataXml = await (await app.get('/saml/metadata.xml')).text();
  });
  afterAll(async () => {
    await second?.close();
    await app?.close();
  });

  /** A fresh SP-initiated request id, as /saml/login stored it. */
  async function pendingRequest(query = ''): Promise<string> {
    const redirect = await startLogin(app, query);
    const xml = inflateRawSync(Buffer.from(redirect.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
    return /ID="([^"]+)"/.exec(xml)![1]!;
  }

  async function post(samlResponse: string, target: TestApp = app) {
    const response = await postForm(target, '/saml/acs', { SAMLResponse: samlResponse, RelayState: `${PUBLIC_URL}/saml/login` });
    const html = await response.text();
    return { status: response.status, html, code: errorCode(html) };
  }

  async function forged(overrides: ResponseOverrides = {}, options: Parameters<TestIdp['response']>[0] extends infer O ? Partial<O> : never = {}) {
    const inResponseTo = 'inResponseTo' in overrides ? overrides.inResponseTo : await pendingRequest();
    return idp.response({ spMetadataXml, sp: { entityId: SP_ENTITY, acsUrl: ACS }, ...options, overrides: { ...overrides, inResponseTo } });
  }

  it('publishes metadata: entityID is its own URL, signing and encryption certificates, no NameID format', async () => {
    expect(spMetadataXml).toContain(`entityID="${SP_ENTITY}"`);
    expect(spMetadataXml).toContain('AuthnRequestsSigned="true"');
    expect(spMetadataXml).toContain('use="signing"');
    expect(spMetadataXml).toContain('use="encryption"');
    expect(spMetadataXml).not.toContain('NameIDFormat');
    expect(spMetadataXml).toContain(`Location="${ACS}"`);
  });

  it('sends a signed AuthnRequest (RSA-SHA256, HTTP-Redirect) with the resource URL as RelayState and no NameID policy format', async () => {
    const redirect = await startLogin(app, '?target=/about');
    expect(redirect.origin + redirect.pathname).toBe('https://idp-auth.gar.test/idp/profile/SAML2/Redirect/SSO');
    expect(redirect.searchParams.get('SigAlg')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(redirect.searchParams.get('Signature')).toBeTruthy();
    expect(redirect.searchParams.get('RelayState')).toBe(`${PUBLIC_URL}/saml/login`);
    const xml = inflateRawSync(Buffer.from(redirect.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
    expect(xml).toContain(`AssertionConsumerServiceURL="${ACS}"`);
    expect(xml).not.toMatch(/NameIDPolicy[^>]*Format=/);
    expect(xml).not.toContain('RequestedAuthnContext');
  });

  it('uses another configured IdP with ?idp=', async () => {
    const redirect = await startLogin(app, '?idp=academie');
    expect(redirect.origin).toBe('https://idp.academie.test');
    const unknown = await app.get('/saml/login?idp=nope', { redirect: 'manual' });
    expect(unknown.status).toBe(400);
    expect(errorCode(await unknown.text())).toBe('SAML_IDP_UNKNOWN');
  });

  it('accepts a valid signed assertion, on another instance than the one that sent the request', async () => {
    const result = await post(await forged(), second);
    expect(result.status, result.html).toBe(200);
    expect(bootData(result.html)?.widget).toBe('pupil');
  });

  it('accepts an encrypted assertion', async () => {
    const result = await post(await forged({ attributes: { ...PUPIL_ATTRIBUTES, IDO: ['encrypted-ido-1'] } }, { encrypt: true }));
    expect(result.status, result.html).toBe(200);
  });

  it('sends the user to the page asked for, kept on the server (never in RelayState)', async () => {
    const id = await pendingRequest('?target=/about');
    const response = await postForm(app, '/saml/acs', { SAMLResponse: await forged({ inResponseTo: id }), RelayState: 'https://evil.example/' });
    expect(response.status).toBe(303);
    // Through the GAR, a school that does not allow outbound links gets the page with its addresses as text.
    expect(response.headers.get('location')).toBe('/about?links=text');
  });

  const refusals: Array<[string, string, () => Promise<string>]> = [
    ['an unsigned response', 'SAML_SIGNATURE_INVALID', () => forged({}, { signAssertion: false })],
    ['a response signed by another key', 'SAML_SIGNATURE_INVALID', () => forged({}, { signingKeys: generateKeyPairWithCertificate('evil', new Date()) })],
    [
      'a tampered assertion (IDO changed after signing)',
      'SAML_SIGNATURE_INVALID',
      async () => {
        const xml = Buffer.from(await forged(), 'base64').toString('utf8');
        return Buffer.from(xml.replace(PUPIL_ATTRIBUTES.IDO![0]!, 'f'.repeat(64))).toString('base64');
      },
    ],
    [
      'a wrapped response (XSW: an unsigned evil assertion before the signed one)',
      'SAML_SIGNATURE_INVALID',
      async () => {
        const xml = Buffer.from(await forged(), 'base64').toString('utf8');
        const signed = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
        const evil = signed.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '').replace(/ID="[^"]+"/, 'ID="_evil"').replace(PUPIL_ATTRIBUTES.IDO![0]!, 'evil-ido');
        return Buffer.from(xml.replace(signed, evil + signed)).toString('base64');
      },
    ],
    [
      'a wrapped response (XSW: the signed assertion hidden in an extension, an evil one in its place)',
      'SAML_SIGNATURE_INVALID',
      async () => {
        const xml = Buffer.from(await forged(), 'base64').toString('utf8');
        const signed = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
        const evil = signed.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '').replace(PUPIL_ATTRIBUTES.IDO![0]!, 'evil-ido');
        return Buffer.from(xml.replace(signed, `<samlp:Extensions>${signed}</samlp:Extensions>${evil}`)).toString('base64');
      },
    ],
    ['a wrong Audience', 'SAML_AUDIENCE_MISMATCH', () => forged({ audience: 'https://other-sp.test/metadata' })],
    ['a wrong Destination', 'SAML_DESTINATION_MISMATCH', () => forged({ destination: 'https://other-sp.test/acs' })],
    ['a wrong Recipient', 'SAML_RECIPIENT_MISMATCH', () => forged({ recipient: 'https://other-sp.test/acs' })],
    ['an assertion Issuer that is not the configured IdP', 'SAML_ISSUER_MISMATCH', () => forged({ assertionIssuer: 'https://idp.academie.test/idp' })],
    ['an unknown IdP', 'SAML_IDP_UNKNOWN', () => forged({ issuer: 'https://unknown-idp.test' })],
    ['a non-Success status', 'SAML_STATUS_NOT_SUCCESS', () => forged({ status: 'urn:oasis:names:tc:SAML:2.0:status:Responder' })],
    ['expired conditions', 'SAML_ASSERTION_EXPIRED', () => forged({ conditionsNotBefore: new Date(Date.now() - 3_600_000), conditionsNotOnOrAfter: new Date(Date.now() - 600_000) })],
    ['conditions not yet valid', 'SAML_ASSERTION_EXPIRED', () => forged({ conditionsNotBefore: new Date(Date.now() + 600_000) })],
    ['an expired subject confirmation', 'SAML_SUBJECT_CONFIRMATION_EXPIRED', () => forged({ subjectNotOnOrAfter: new Date(Date.now() - 600_000) })],
    ['an unknown InResponseTo', 'SAML_IN_RESPONSE_TO_UNKNOWN', () => forged({ inResponseTo: '_never-sent' })],
    ['an InResponseTo that differs between Response and assertion', 'SAML_IN_RESPONSE_TO_MISMATCH', () => forged({ envelopeInResponseTo: '_another-request' })],
    ['an unsolicited (IdP-initiated) response', 'SAML_UNSOLICITED_RESPONSE', () => forged({ inResponseTo: null })],
    ['a response without IDO', 'SAML_ATTRIBUTE_MISSING', () => forged({ attributes: { ...PUPIL_ATTRIBUTES, IDO: [] } })],
    ['an unsupported profile', 'GAR_PROFILE_UNSUPPORTED', () => forged({ attributes: { ...PUPIL_ATTRIBUTES, PRO: ['National_evs'] } })],
    [
      'a DTD',
      'SAML_DTD_FORBIDDEN',
      async () => {
        const xml = Buffer.from(await forged(), 'base64').toString('utf8');
        return Buffer.from(`<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "y">]>${xml.replace(/^<\?xml[^>]*>/, '')}`).toString('base64');
      },
    ],
    ['malformed XML', 'SAML_MALFORMED', async () => Buffer.from('<samlp:Response').toString('base64')],
  ];

  it.each(refusals)('refuses %s (%s)', async (_label, code, make) => {
    const result = await post(await make());
    expect(result.code, result.html.slice(0, 400)).toBe(code);
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.html).toContain('lang="en"');
    expect(result.html).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses a replayed assertion, on any instance', async () => {
    const response = await forged({ attributes: { ...PUPIL_ATTRIBUTES, IDO: ['replay-ido'] } });
    expect((await post(response)).status).toBe(200);
    expect((await post(response)).code).toBe('SAML_REPLAYED');
    expect((await post(response, second)).code).toBe('SAML_REPLAYED');
  });

  it('refuses a request id used once already (pending requests are single use)', async () => {
    const id = await pendingRequest();
    expect((await post(await forged({ inResponseTo: id, attributes: { ...PUPIL_ATTRIBUTES, IDO: ['single-use-1'] } }))).status).toBe(200);
    expect((await post(await forged({ inResponseTo: id, attributes: { ...PUPIL_ATTRIBUTES, IDO: ['single-use-2'] } }))).code).toBe('SAML_IN_RESPONSE_TO_UNKNOWN');
  });

  it('refuses a response signed by another configured IdP in the name of the GAR', async () => {
    const id = await pendingRequest();
    const response = await other.response({ spMetadataXml, sp: { entityId: SP_ENTITY, acsUrl: ACS }, overrides: { inResponseTo: id, issuer: idp.entityId } });
    expect((await post(response)).code).toBe('SAML_SIGNATURE_INVALID');
  });

  it('accepts several IdP certificates at once (yearly rotation: the metadata one and a configured extra one)', async () => {
    const next = generateKeyPairWithCertificate('GAR 2027', new Date());
    const file = join(env.SAML_IDP_GAR_METADATA!.replace(/gar\.xml$/, ''), 'gar-next.pem');
    writeFileSync(file, next.certificatePem);
    const rotating = await startGarApp({ env: { ...env, SAML_IDP_GAR_CERTS: file }, database: app.database });
    try {
      const withNext = await forged({ attributes: { ...PUPIL_ATTRIBUTES, IDO: ['rotation-1'] } }, { signingKeys: next });
      expect((await post(withNext, rotating)).status).toBe(200);
      const withCurrent = await forged({ attributes: { ...PUPIL_ATTRIBUTES, IDO: ['rotation-2'] } });
      expect((await post(withCurrent, rotating)).status).toBe(200);
      const notYet = await forged({ attributes: { ...PUPIL_ATTRIBUTES, IDO: ['rotation-3'] } }, { signingKeys: next });
      expect((await post(notYet)).code).toBe('SAML_SIGNATURE_INVALID');
    } finally {
      await rotating.close();
    }
  });

  it('answers a missing SAMLResponse with a coded page', async () => {
    const result = await postForm(app, '/saml/acs', {});
    expect(errorCode(await result.text())).toBe('SAML_MISSING_RESPONSE');
  });

  it('requires a signed Response envelope when the IdP is configured so', async () => {
    const strict = await startGarApp({ env: { ...env, SAML_IDP_GAR_RESPONSE_SIGNED: 'true' }, database: app.database });
    try {
      const only = await forged({ attributes: { ...PUPIL_ATTRIBUTES, IDO: ['strict-1'] } });
      expect((await post(only, strict)).code).toBe('SAML_SIGNATURE_INVALID');
      const both = await forged({ attributes: { ...PUPIL_ATTRIBUTES, IDO: ['strict-2'] } }, { signResponse: true });
      expect((await post(both, strict)).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});
