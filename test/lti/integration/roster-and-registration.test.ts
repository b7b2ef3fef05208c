import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE, startPlatformEmulator, type PlatformEmulator } from '../support/platform-emulator.ts';
import { connect, errorCodeOf, startLtiTestApp, type LtiTestApp } from '../support/lti-test-app.ts';

describe('LTI Names and Role Provisioning (the teacher view)', () => {
  let app: LtiTestApp;
  let platform: PlatformEmulator;

  beforeAll(async () => {
    app = await startLtiTestApp();
    platform = await startPlatformEmulator();
    await connect(app, platform);
    const learners = Array.from({ length: 230 }, (_, i) => ({ sub: `l-${String(i).padStart(3, '0')}`, givenName: `Élève${String(i).padStart(3, '0')}`, familyName: 'Classe' }));
    for (const learner of learners) platform.addUser(learner);
    platform.addUser({ sub: 't-1', givenName: 'Karim', familyName: 'Benali' });
    platform.addCourse({
      id: 'BIG',
      label: '3e',
      title: 'Troisièmes',
      members: [{ sub: 't-1', roles: [ROLE.instructor] }, ...learners.map((l, i) => ({ sub: l.sub, roles: [ROLE.learner], ...(i === 229 ? { status: 'Inactive' as const } : {}) }))],
    });
    platform.addActivity('BIG', { id: 'BIG-c11', title: 'Pix 1.1', custom: { competence: '1.1' }, lineItem: { scoreMaximum: 6, label: 'Pix 1.1' } });
  });
  afterAll(async () => {
    await platform?.close();
    await app?.close();
  });

  it('lists every learner of the course, following the pages, those who never launched included', async () => {
    for (const sub of ['l-000', 'l-001']) {
      expect((await platform.launch({ user: sub, course: 'BIG', roles: [ROLE.learner], activity: 'BIG-c11' })).response.status).toBe(200);
    }
    const { response, html } = await platform.launch({ user: 't-1', course: 'BIG', roles: [ROLE.instructor], activity: 'BIG-c11' });
    expect(response.status).toBe(200);
    const rows = [...html.matchAll(/<tr><th scope="row">([^<]+)<\/th><td>([^<]+)<\/td>/g)].map((m) => [m[1], m[2]]);
    expect(rows).toHaveLength(229);
    expect(rows.slice(0, 2)).toEqual([
      ['Élève000 Classe', 'Oui'],
      ['Élève001 Classe', 'Oui'],
    ]);
    expect(rows[2]).toEqual(['Élève002 Classe', 'Pas encore']);
    expect(html).not.toContain('Élève229');
    const pages = platform.membershipRequests.map((url) => new URL(url));
    expect(pages).toHaveLength(3);
    expect(pages.map((url) => url.searchParams.get('from') ?? '0')).toEqual(['0', '100', '200']);
    expect(pages.every((url) => url.searchParams.get('role') === ROLE.learner)).toBe(true);
    expect(platform.tokenRequests.at(-1)!.granted).toEqual(['https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly']);
  });

  it('still shows the teacher view when the roster service fails, with the learners who launched', async () => {
    platform.down = true;
    try {
      const { response, html } = await platform.launch({ user: 't-1', course: 'BIG', roles: [ROLE.instructor], activity: 'BIG-c11' });
      expect(response.status).toBe(200);
      expect(html).toContain('La liste du cours n’est pas disponible');
      expect([...html.matchAll(/<tr><th scope="row">/g)]).toHaveLength(2);
    } finally {
      platform.down = false;
    }
  });
});

describe('LTI Dynamic Registration 1.0', () => {
  let app: LtiTestApp;
  let platform: PlatformEmulator;
  let stranger: PlatformEmulator;

  beforeAll(async () => {
    platform = await startPlatformEmulator();
    stranger = await startPlatformEmulator();
    app = await startLtiTestApp({ env: { LTI_ALLOWED_ISSUERS: `${platform.issuer}, https://moodle.example.org` } });
  });
  afterAll(async () => {
    await platform?.close();
    await stranger?.close();
    await app?.close();
  });

  it('registers with an allow-listed platform: tool configuration posted with the registration token, answer stored', async () => {
    const response = await fetch(platform.registrationUrl(`${app.urls.register}?uai=0751234A`));
    const html = await response.text();
    expect(response.status, html).toBe(200);
    // The page tells Moodle to close the registration frame.
    expect(html).toMatch(/<script nonce="[^"]+">\(window.opener \|\| window.parent\).postMessage\(\{ subject: 'org.imsglobal.lti.close' \}, '\*'\);<\/script>/);
    expect(/frame-ancestors ([^;]*)/.exec(response.headers.get('content-security-policy')!)![1]!.split(' ')).toContain(platform.origin);

    const [request] = platform.registrationRequests;
    expect(request!.authorization).toMatch(/^Bearer [\w-]+$/);
    expect(request!.body).toMatchObject({
      application_type: 'web',
      response_types: ['id_token'],
      grant_types: ['implicit', 'client_credentials'],
      initiate_login_uri: app.urls.login,
      redirect_uris: [app.urls.launch],
      jwks_uri: app.urls.jwks,
      token_endpoint_auth_method: 'private_key_jwt',
      client_name: 'Pix Embed',
      'https://purl.imsglobal.org/spec/lti-tool-configuration': {
        domain: new URL(app.baseUrl).host,
        target_link_uri: app.urls.launch,
        messages: expect.arrayContaining([expect.objectContaining({ type: 'LtiDeepLinkingRequest', target_link_uri: app.urls.launch })]),
        claims: expect.arrayContaining(['sub', 'given_name', 'family_name', 'email']),
      },
    });
    expect(String(request!.body.scope).split(' ').sort()).toEqual([
      'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
      'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
      'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
      'https://purl.imsglobal.org/spec/lti-ags/scope/score',
      'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
    ]);

    const registration = platform.registrations[0]!;
    const [stored] = (await app.container.lti.deps.platforms.list()).filter((p) => p.issuer === platform.issuer);
    expect(stored).toMatchObject({
      clientId: registration.clientId,
      registration: 'dynamic',
      authUrl: platform.authUrl,
      tokenUrl: platform.tokenUrl,
      jwksUrl: platform.jwksUrl,
      deployments: [{ deploymentId: registration.deploymentId, organizations: [] }],
      organizations: [expect.objectContaining({ uai: '0751234A' })],
    });
    expect(stored!.scopes).toHaveLength(5);
  });

  it('cannot launch while the platform keeps the tool pending, and launches once it is activated', async () => {
    const registration = platform.registrations[0]!;
    expect(registration.status).toBe('pending');
    platform.addUser({ sub: 'dr-1', givenName: 'Zoé', familyName: 'Dyn' });
    platform.addCourse({ id: 'DR', label: 'DR', title: 'Cours DR', members: [{ sub: 'dr-1', roles: [ROLE.learner] }] });
    platform.addActivity('DR', { id: 'DR-1', title: 'Profil' });
    await expect(platform.launch({ user: 'dr-1', course: 'DR', roles: [ROLE.learner], activity: 'DR-1' })).rejects.toThrow(/pending/);
    platform.activate(registration.clientId);
    const { response } = await platform.launch({ user: 'dr-1', course: 'DR', roles: [ROLE.learner], activity: 'DR-1' });
    expect(response.status).toBe(200);
  });

  it('refuses a platform that is not allow-listed without contacting it, a reused registration token, and a bad request', async () => {
    const refused = await fetch(stranger.registrationUrl(app.urls.register));
    expect(refused.status).toBe(403);
    expect(errorCodeOf(await refused.text())).toBe('LTI_ISSUER_NOT_ALLOWED');
    expect(stranger.registrationRequests).toHaveLength(0);

    const url = platform.registrationUrl(app.urls.register);
    expect((await fetch(url)).status).toBe(200);
    const again = await fetch(url);
    expect(again.status).toBe(502);
    expect(errorCodeOf(await again.text())).toBe('LTI_REGISTRATION_REFUSED');

    const bad = await fetch(`${app.urls.register}?registration_token=x`);
    expect(bad.status).toBe(400);
    expect(errorCodeOf(await bad.text())).toBe('LTI_REGISTRATION_INVALID');
  });

  it('lets allow-listed issuers frame /lti/register only', async () => {
    const register = await fetch(`${app.urls.register}`);
    const ancestors = /frame-ancestors ([^;]*)/.exec(register.headers.get('content-security-policy')!)![1]!.split(' ');
    expect(ancestors).toContain('https://moodle.example.org');
    const about = await fetch(`${app.baseUrl}/about`);
    expect(/frame-ancestors ([^;]*)/.exec(about.headers.get('content-security-policy')!)![1]!.split(' ')).not.toContain('https://moodle.example.org');
  });
});
