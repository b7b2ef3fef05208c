import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootOf, startLtiTestApp, type LtiTestApp } from '../support/lti-test-app.ts';

const unescape = (value: string) => value.replace(/&#38;/g, '&').replace(/&amp;/g, '&').replace(/&#34;/g, '"');

/** `/demo/lti`: the built-in demo platform performs real signed launches through /lti/login and /lti/launch. */
describe('the demo LTI platform', () => {
  let app: LtiTestApp;
  beforeAll(async () => {
    app = await startLtiTestApp();
  });
  afterAll(async () => app?.close());

  /** Follows a demo link like a browser: login → platform authorization → auto-posted form. */
  async function follow(href: string): Promise<{ status: number; html: string }> {
    const login = await fetch(new URL(unescape(href), app.baseUrl), { redirect: 'manual' });
    expect(login.status).toBe(302);
    const location = login.headers.get('location')!;
    expect(location.startsWith(`${app.baseUrl}/demo/platform/auth?`)).toBe(true);
    const auth = await fetch(location);
    const page = await auth.text();
    expect(auth.status).toBe(200);
    const action = unescape(/action="([^"]+)"/.exec(page)![1]!);
    const field = (name: string) => unescape(new RegExp(`name="${name}" value="([^"]*)"`).exec(page)![1]!);
    const posted = await fetch(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ id_token: field('id_token'), state: field('state') }),
    });
    return { status: posted.status, html: await posted.text() };
  }

  const links = async () => {
    const html = await (await fetch(`${app.baseUrl}/demo/lti`)).text();
    return [...html.matchAll(/<li><strong>([^<]+)<\/strong>[^:]*: ([\s\S]*?)<\/li>/g)].map((m) => ({
      person: m[1]!,
      hrefs: [...m[2]!.matchAll(/href="([^"]+)">([^<]+)</g)].map((h) => ({ href: h[1]!, label: h[2]! })),
    }));
  };

  it('launches a demo pupil into competence evaluation 1.1 with a real signed launch', async () => {
    const lea = (await links()).find((l) => l.person === 'Léa Martin')!;
    const { status, html } = await follow(lea.hrefs.find((h) => h.label === 'Évaluation 1.1')!.href);
    expect(status).toBe(200);
    const boot = bootOf(html);
    expect(boot.widget).toBe('pupil');
    expect((boot.data as { screen: string; assessment: { competence: { index: string } } }).assessment.competence.index).toBe('1.1');
    const me = await (await fetch(`${app.baseUrl}/api/me`, { headers: { authorization: `Bearer ${boot.token}` } })).json();
    expect(me.organizations[0].uai).toBe('0991234A');
  });

  it('shows the demo teacher the teacher view, and runs the picker round trip back to the demo platform', async () => {
    const karim = (await links()).find((l) => l.person === 'Karim Benali')!;
    const view = await follow(karim.hrefs.find((h) => h.label.startsWith('Vue enseignant'))!.href);
    expect(view.status).toBe(200);
    expect(view.html).toContain('Léa Martin');
    // The class list comes from the demo platform's NRPS, as from Moodle: 5e A pupils who never opened the activity too.
    expect(view.html).toContain('Noah Petit');
    expect(view.html).not.toContain('Chloé Nguyen');

    const picker = await follow(karim.hrefs.find((h) => h.label.startsWith('Ajouter'))!.href);
    const data = bootOf(picker.html).data as { action: string; context: string };
    const answer = await (
      await fetch(data.action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ context: data.context, choice: 'competence:4.2' }) })
    ).text();
    const action = unescape(/action="([^"]+)"/.exec(answer)![1]!);
    expect(action).toBe(`${app.baseUrl}/demo/platform/deep-linking-return`);
    const jwt = /name="JWT" value="([^"]+)"/.exec(answer)![1]!;
    const returned = await fetch(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ JWT: jwt }) });
    expect(returned.status).toBe(200);
    expect(await returned.text()).toContain('{&#34;competence&#34;:&#34;4.2&#34;}');
  });

  it('gives its class lists only for a token earned with the tool’s signed assertion', async () => {
    const token = await fetch(`${app.baseUrl}/demo/platform/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: 'eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.',
        scope: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
      }),
    });
    expect(token.status).toBe(401);
    expect((await token.json()).error).toBe('invalid_client');
    const list = await fetch(`${app.baseUrl}/demo/platform/memberships/5A`, { headers: { authorization: 'Bearer made-up' } });
    expect(list.status).toBe(401);
    expect(await list.text()).not.toContain('Martin');
  });

  it('is not there when the demo is off', async () => {
    const off = await startLtiTestApp({ env: { DEMO_ENABLED: 'false' }, seedDemo: false });
    try {
      expect((await fetch(`${off.baseUrl}/demo/lti`)).status).toBe(404);
      expect((await fetch(`${off.baseUrl}/demo/platform/jwks`)).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
