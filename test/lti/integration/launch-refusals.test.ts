import { beforeAll, describe, expect, it } from 'vitest';
import { ROLE, type LaunchIntent, type SignOptions } from '../support/platform-emulator.ts';
import { errorCodeOf } from '../support/lti-test-app.ts';
import { useConnectedCourse } from '../support/connected-course.ts';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim';

/**
 * Every check of the launch, each refused with its stable code, on an HTML page inside the frame (French, then
 * English, the code, a hint for the administrator), never JSON, never a stack trace.
 */
describe('LTI launch refusals', () => {
  let offsetMs = 0;
  let learner: LaunchIntent;
  const course = useConnectedCourse({ clock: { now: () => new Date(Date.now() + offsetMs) } });

  beforeAll(() => {
    learner = { user: course.people.lea.sub, course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-c11' };
  });

  async function refused(response: Response) {
    const html = await response.text();
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).not.toMatch(/\bat .+\.ts:\d+|Error:|stack/i);
    return { status: response.status, code: errorCodeOf(html), html };
  }

  /** A login, then a token forged from the platform's claims for it, posted with the login's state. */
  async function forged(mutate: (claims: Record<string, unknown>) => void, sign?: SignOptions, intent: LaunchIntent = learner) {
    const login = await course.platform.startLogin(intent);
    const claims = course.platform.claimsFor(intent, login.nonce);
    mutate(claims);
    const token = await course.platform.sign(claims, sign);
    return refused(await course.platform.postLaunch(course.app.urls.launch, token, login.state));
  }

  it('renders the refusal page in French then English, with the code and a hint for the administrator', async () => {
    const { status, code, html } = await forged(() => undefined, { alg: 'none' });
    expect(status).toBe(401);
    expect(code).toBe('LTI_ALGORITHM_REFUSED');
    expect(html.indexOf('Impossible d’ouvrir l’activité')).toBeLessThan(html.indexOf('Unable to open the activity'));
    expect(html).toContain('Pour l’administrateur de la plateforme');
    expect(html).toContain('For the platform administrator');
    expect(html).toContain('RS256');
  });

  it.each([
    ['alg: none', () => undefined, { alg: 'none' } as SignOptions, 'LTI_ALGORITHM_REFUSED'],
    ['HS256 signed with the platform public key', () => undefined, { alg: 'hs256-public-key' } as SignOptions, 'LTI_ALGORITHM_REFUSED'],
    ['unknown kid (a key the JWKS does not publish, even after refetching it)', () => undefined, { unpublishedKey: true } as SignOptions, 'LTI_KEY_UNKNOWN'],
    ['no kid', () => undefined, { kid: null } as SignOptions, 'LTI_KEY_UNKNOWN'],
    ['a published kid with the signature of another key', () => undefined, { unpublishedKey: true, kid: 'current' } as SignOptions, 'LTI_SIGNATURE_INVALID'],
    ['wrong iss', (c: Record<string, unknown>) => (c.iss = 'https://evil.example.org'), undefined, 'LTI_ISSUER_MISMATCH'],
    ['wrong aud', (c: Record<string, unknown>) => (c.aud = 'another-client'), undefined, 'LTI_AUDIENCE_MISMATCH'],
    ['several aud without azp', (c: Record<string, unknown>) => (c.aud = [c.aud, 'another-client']), undefined, 'LTI_AZP_INVALID'],
    ['several aud with an azp naming another client', (c: Record<string, unknown>) => Object.assign(c, { aud: [c.aud, 'another-client'], azp: 'another-client' }), undefined, 'LTI_AZP_INVALID'],
    ['expired', (c: Record<string, unknown>) => Object.assign(c, { iat: Number(c.iat) - 3600, exp: Number(c.iat) - 3500 }), undefined, 'LTI_TOKEN_EXPIRED'],
    ['iat in the future', (c: Record<string, unknown>) => Object.assign(c, { iat: Number(c.iat) + 3600, exp: Number(c.iat) + 3660 }), undefined, 'LTI_TOKEN_NOT_YET_VALID'],
    ['iat too old', (c: Record<string, unknown>) => Object.assign(c, { iat: Number(c.iat) - 7200, exp: Number(c.iat) + 60 }), undefined, 'LTI_TOKEN_TOO_OLD'],
    ['nonce of another launch', (c: Record<string, unknown>) => (c.nonce = 'not-the-nonce-of-this-state'), undefined, 'LTI_NONCE_MISMATCH'],
    ['wrong version', (c: Record<string, unknown>) => (c[`${LTI}/version`] = '1.1.0'), undefined, 'LTI_VERSION_UNSUPPORTED'],
    ['missing message type', (c: Record<string, unknown>) => delete c[`${LTI}/message_type`], undefined, 'LTI_MESSAGE_TYPE_MISSING'],
    ['unsupported message type', (c: Record<string, unknown>) => (c[`${LTI}/message_type`] = 'LtiSubmissionReviewRequest'), undefined, 'LTI_MESSAGE_TYPE_UNSUPPORTED'],
    ['unknown deployment', (c: Record<string, unknown>) => (c[`${LTI}/deployment_id`] = '99'), undefined, 'LTI_UNKNOWN_DEPLOYMENT'],
    ['resource link without id', (c: Record<string, unknown>) => (c[`${LTI}/resource_link`] = { title: 'x' }), undefined, 'LTI_RESOURCE_LINK_MISSING'],
    ['roles not an array', (c: Record<string, unknown>) => (c[`${LTI}/roles`] = 'Learner'), undefined, 'LTI_CLAIM_INVALID'],
    ['no sub', (c: Record<string, unknown>) => delete c.sub, undefined, 'LTI_CLAIM_INVALID'],
    ['a competence the tool does not know', (c: Record<string, unknown>) => (c[`${LTI}/custom`] = { competence: '9.9' }), undefined, 'LTI_TARGET_UNKNOWN'],
  ])('refuses %s', async (_name, mutate, sign, expected) => {
    const options = sign?.kid === 'current' ? { ...sign, kid: JSON.parse(Buffer.from((await course.platform.sign({})).split('.')[0]!, 'base64url').toString()).kid } : sign;
    const { code } = await forged(mutate, options);
    expect(code).toBe(expected);
  });

  it('refuses a tampered payload (signature no longer matches)', async () => {
    const login = await course.platform.startLogin(learner);
    const token = await course.platform.sign(course.platform.claimsFor(learner, login.nonce));
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims[`${LTI}/roles`] = [ROLE.institutionAdmin];
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect((await refused(await course.platform.postLaunch(course.app.urls.launch, tampered, login.state))).code).toBe('LTI_SIGNATURE_INVALID');
  });

  it('refuses a replayed nonce: a token already accepted, posted again with a fresh state', async () => {
    const first = await course.platform.launch(learner);
    expect(first.response.status).toBe(200);
    const login = await course.platform.startLogin(learner);
    expect((await refused(await course.platform.postLaunch(course.app.urls.launch, first.idToken, login.state))).code).toBe('LTI_NONCE_REPLAYED');
  });

  it('refuses a reused state and an unknown one', async () => {
    const first = await course.platform.launch(learner);
    expect(first.response.status).toBe(200);
    expect((await refused(await course.platform.postLaunch(course.app.urls.launch, first.idToken, first.state))).code).toBe('LTI_STATE_REUSED');
    expect((await refused(await course.platform.postLaunch(course.app.urls.launch, first.idToken, 'never-issued-state'))).code).toBe('LTI_STATE_UNKNOWN');
  });

  it('refuses a state used after its TTL', async () => {
    const login = await course.platform.startLogin(learner);
    const auth = await course.platform.authorize(login.location);
    offsetMs = 601_000;
    try {
      expect((await refused(await course.platform.postLaunch(course.app.urls.launch, auth.idToken, auth.state))).code).toBe('LTI_STATE_EXPIRED');
    } finally {
      offsetMs = 0;
    }
  });

  it('refuses a launch without state or id_token, and a garbage token', async () => {
    const post = (body: Record<string, string>) =>
      fetch(course.app.urls.launch, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) });
    expect((await refused(await post({ id_token: 'x' }))).code).toBe('LTI_STATE_MISSING');
    const login = await course.platform.startLogin(learner);
    expect((await refused(await post({ state: login.state }))).code).toBe('LTI_TOKEN_MISSING');
    const again = await course.platform.startLogin(learner);
    expect((await refused(await post({ state: again.state, id_token: 'not.a.jwt' }))).code).toBe('LTI_TOKEN_MALFORMED');
  });

  it('refuses a login from an unknown platform, an incomplete one, and one whose target is another site', async () => {
    const get = (params: Record<string, string>) => fetch(`${course.app.urls.login}?${new URLSearchParams(params)}`, { redirect: 'manual' });
    expect((await refused(await get({ iss: 'https://unknown.example.org', login_hint: '1', target_link_uri: course.app.urls.launch }))).code).toBe('LTI_PLATFORM_UNKNOWN');
    expect((await refused(await get({ iss: course.platform.issuer }))).code).toBe('LTI_LOGIN_INVALID');
    expect((await refused(await get({ iss: course.platform.issuer, login_hint: '1', target_link_uri: 'https://evil.example.org/lti/launch' }))).code).toBe('LTI_TARGET_LINK_INVALID');
  });

  it('fetches the platform JWKS once, not at every launch, and refetches it once when the platform rotates its key', async () => {
    const before = course.platform.jwksFetches;
    for (let i = 0; i < 3; i += 1) expect((await course.platform.launch(learner)).response.status).toBe(200);
    expect(course.platform.jwksFetches).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await course.platform.rotateKeys();
    expect((await course.platform.launch(learner)).response.status).toBe(200);
    expect(course.platform.jwksFetches).toBe(before + 1);
    expect((await course.platform.launch(learner)).response.status).toBe(200);
    expect(course.platform.jwksFetches).toBe(before + 1);
  });
});
