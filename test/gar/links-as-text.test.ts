import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignView, ParticipationView } from '../../tool/src/shared/api-contract/campaigns.ts';
import type { Referential } from '../../tool/src/referential/domain/referential.ts';
import { renderMarkdown } from '../../tool/src/shared/markdown/render-markdown.ts';
import { startTestApp, testReferential, type TestApp } from '../support/test-app.ts';
import { bootData, formFields, postForm, startLogin } from './support/saml-http.ts';

const BODY = 'Lisez les conseils de [la CNIL](https://www.cnil.fr/fr/mots-de-passe).';

/** GAR "cadre de confiance": pages of a GAR session show external addresses as text (issue 6). */
describe('external links in GAR sessions', () => {
  let app: TestApp;

  beforeAll(async () => {
    const base = await testReferential();
    const tutorials = new Map(base.tutorials).set('tuto-liens', {
      id: 'tuto-liens',
      tubeName: 'requete',
      title: 'Des mots de passe solides',
      format: 'page',
      durationMinutes: 2,
      bodyHtml: renderMarkdown(BODY),
      bodyHtmlLinksAsText: renderMarkdown(BODY, { allowLinks: false }),
    });
    const referential: Referential = { ...base, tutorials };
    app = await startTestApp({ referential });
  });
  afterAll(async () => app?.close());

  /** Signs in through the /demo GAR-like IdP; the response of /saml/acs (not followed). */
  async function garLogin(person: string, target?: string): Promise<Response> {
    const redirect = await startLogin(app, target ? `?target=${encodeURIComponent(target)}` : '');
    const chooser = await app.get(`${redirect.pathname}${redirect.search}`);
    const posted = await postForm(app, '/demo/gar-idp/respond', { ...formFields(await chooser.text()), person });
    return postForm(app, '/saml/acs', formFields(await posted.text()));
  }

  it('an in-tool tutorial asked through the GAR prints its external addresses as text', async () => {
    const acs = await garLogin('eleve', '/tutorials/tuto-liens');
    expect(acs.status).toBe(303);
    const location = acs.headers.get('location')!;
    expect(location).toBe('/tutorials/tuto-liens?links=text');
    const page = await (await app.get(location)).text();
    expect(page).toContain('la CNIL (https://www.cnil.fr/fr/mots-de-passe)');
    expect(page).not.toContain('<a href="https://www.cnil.fr');
  });

  it('outside the GAR the same page keeps its links', async () => {
    const page = await (await app.get('/tutorials/tuto-liens')).text();
    expect(page).toContain('<a href="https://www.cnil.fr/fr/mots-de-passe"');
  });

  it('the campaign player of a GAR session gets outboundLinks "text"', async () => {
    const teacherHtml = await (await garLogin('enseignant')).text();
    const teacher = /name="token" value="([^"]+)"/.exec(teacherHtml)?.[1];
    expect(teacher).toBeTruthy();
    const pupilBoot = bootData(await (await garLogin('eleve')).text());
    const pupil = pupilBoot!.token!;
    expect(pupilBoot?.data).toMatchObject({ outboundLinks: 'text' });

    const api = async <T>(token: string, method: string, path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${app.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(response.status, path).toBeLessThan(300);
      return (await response.json()) as T;
    };
    const campaign = await api<CampaignView>(teacher!, 'POST', '/api/campaigns', { type: 'ASSESSMENT', name: 'GAR', targetProfileId: 'catalogue:competence-1.1' });
    const joined = await api<ParticipationView>(pupil, 'POST', '/api/campaign-participations', { code: campaign.code });
    const play = await postForm(app, '/campaigns/play', { token: pupil, assessmentId: joined.assessmentId! });
    const html = await play.text();
    expect(play.status, html.slice(0, 300)).toBe(200);
    expect(bootData(html)).toMatchObject({ widget: 'pupil', data: { screen: 'assessment', outboundLinks: 'text' } });
  });
});
