import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/test-app.ts';
import { bootData, errorCode, formFields, postForm, startLogin } from '../support/saml-http.ts';

/** The /demo GAR-like IdP, end to end over HTTP, checked by /saml/acs with the production settings. */
describe('the /demo GAR-like IdP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  async function signInAs(person: string) {
    const redirect = await startLogin(app);
    expect(redirect.pathname).toBe('/demo/gar-idp/sso');
    expect(redirect.searchParams.get('SigAlg')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(redirect.searchParams.get('RelayState')).toBe(`${app.container.config.publicUrl}/saml/login`);
    const chooser = await app.get(`${redirect.pathname}${redirect.search}`);
    expect(chooser.status).toBe(200);
    const fields = formFields(await chooser.text());
    const posted = await postForm(app, '/demo/gar-idp/respond', { ...fields, person });
    const autoPost = formFields(await posted.text());
    expect(autoPost.SAMLResponse).toBeTruthy();
    return { acs: await postForm(app, '/saml/acs', autoPost), samlResponse: autoPost };
  }

  it('signs a pupil in: profile widget with an inlined session token', async () => {
    const { acs } = await signInAs('eleve');
    const html = await acs.text();
    expect(acs.status, html).toBe(200);
    const boot = bootData(html);
    expect(boot?.widget).toBe('pupil');
    expect(boot?.token).toBeTruthy();
    expect(boot?.data).toMatchObject({ screen: 'profile', profile: { firstName: 'Léa' }, outboundLinks: 'text' });
    const me = await app.get('/api/me', { headers: { authorization: `Bearer ${boot!.token}` } });
    const body = (await me.json()) as { role: string; classes: Array<{ label: string }> };
    expect(body.role).toBe('PUPIL');
    expect(body.classes.map((c) => c.label).sort()).toEqual(['5e A', 'Section euro']);
  });

  it('lands a teacher in the school view', async () => {
    const { acs } = await signInAs('enseignant');
    const html = await acs.text();
    expect(acs.status, html).toBe(200);
    expect(html).toContain('Collège Jean Moulin (démo)');
    expect(html).toContain('<caption>5e A');
  });

  it('refuses an unknown school with a coded page', async () => {
    const { acs } = await signInAs('inconnu');
    expect(acs.status).toBe(403);
    expect(errorCode(await acs.text())).toBe('GAR_SCHOOL_UNKNOWN');
  });

  it('refuses the same response twice', async () => {
    const { samlResponse } = await signInAs('eleve');
    const again = await postForm(app, '/saml/acs', samlResponse);
    expect(errorCode(await again.text())).toBe('SAML_REPLAYED');
  });
});
