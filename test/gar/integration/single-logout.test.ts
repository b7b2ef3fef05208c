import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/test-app.ts';
import { PUBLIC_URL, startGarAppWithIdp } from '../support/gar-app.ts';
import { PUPIL_ATTRIBUTES, type TestIdp } from '../support/samlify-idp.ts';
import { bootData, errorCode, postForm, startLogin } from '../support/saml-http.ts';

const ACS = `${PUBLIC_URL}/saml/acs`;
const SP_ENTITY = `${PUBLIC_URL}/saml/metadata.xml`;

/** Front-channel single logout started by the IdP: the widget's token stops working at once. */
describe('SAML single logout from the IdP', () => {
  let app: TestApp;
  let idp: TestIdp;
  let spMetadataXml = '';

  beforeAll(async () => {
    ({ app, idp, spMetadataXml } = await startGarAppWithIdp());
  });
  afterAll(async () => app?.close());

  async function signIn(nameId: string, ido: string): Promise<string> {
    const redirect = await startLogin(app);
    const id = /ID="([^"]+)"/.exec(inflateRawSync(Buffer.from(redirect.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8'))![1]!;
    const samlResponse = await idp.response({ spMetadataXml, sp: { entityId: SP_ENTITY, acsUrl: ACS }, overrides: { inResponseTo: id, nameId, attributes: { ...PUPIL_ATTRIBUTES, IDO: [ido] } } });
    const html = await (await postForm(app, '/saml/acs', { SAMLResponse: samlResponse })).text();
    return bootData(html)!.token!;
  }

  const me = (token: string) => app.get('/api/me', { headers: { authorization: `Bearer ${token}` } });

  it('ends the sessions of the NameID and answers with a signed LogoutResponse (HTTP-Redirect)', async () => {
    const token = await signIn('nid-logout-1', 'ido-logout-1');
    const other = await signIn('nid-other', 'ido-logout-2');
    expect((await me(token)).status).toBe(200);
    const url = new URL(idp.logoutRequestUrl({ spMetadataXml, nameId: 'nid-logout-1' }));
    const response = await app.get(`/saml/slo${url.search}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get('location')!);
    expect(back.searchParams.get('SAMLResponse')).toBeTruthy();
    expect(back.searchParams.get('Signature')).toBeTruthy();
    expect((await me(token)).status).toBe(401);
    expect((await me(other)).status).toBe(200);
  });

  it('ends sessions on a back-channel (SOAP) LogoutRequest and answers in SOAP', async () => {
    const token = await signIn('nid-soap', 'ido-soap');
    const soap = (xml: string) =>
      fetch(`${app.baseUrl}/saml/slo`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: 'http://www.oasis-open.org/committees/security' },
        body: `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>${xml.replace(/^<\?xml[^>]*>/, '')}</SOAP-ENV:Body></SOAP-ENV:Envelope>`,
      });
    const unsigned = await soap(idp.logoutRequestXml({ spMetadataXml, nameId: 'nid-soap', signed: false }));
    expect(unsigned.status).toBe(400);
    expect(await unsigned.text()).toContain('Fault');
    expect((await me(token)).status).toBe(200);
    const signed = await soap(idp.logoutRequestXml({ spMetadataXml, nameId: 'nid-soap' }));
    const answer = await signed.text();
    expect(signed.status, answer).toBe(200);
    expect(answer).toContain('urn:oasis:names:tc:SAML:2.0:status:Success');
    expect((await me(token)).status).toBe(401);
  });

  it('refuses an unsigned logout request', async () => {
    const token = await signIn('nid-logout-3', 'ido-logout-3');
    const url = new URL(idp.logoutRequestUrl({ spMetadataXml, nameId: 'nid-logout-3', signed: false }));
    const response = await app.get(`/saml/slo${url.search}`, { redirect: 'manual' });
    expect(errorCode(await response.text())).toBe('SAML_LOGOUT_INVALID');
    expect((await me(token)).status).toBe(200);
  });
});
