import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ROLE, startPlatformEmulator, type PlatformEmulator } from '../support/platform-emulator.ts';
import { bootOf, connect, seedCourse, startLtiTestApp, type LtiTestApp } from '../support/lti-test-app.ts';

describe('LTI keys and several tool instances', () => {
  let a: LtiTestApp;
  let b: LtiTestApp;
  let platform: PlatformEmulator;
  let people: ReturnType<typeof seedCourse>;

  beforeAll(async () => {
    a = await startLtiTestApp();
    b = await startLtiTestApp({ shareDatabaseWith: a });
    platform = await startPlatformEmulator();
    await connect(a, platform);
    people = seedCourse(platform);
  });
  afterAll(async () => {
    await platform?.close();
    await b?.close();
    await a?.close();
  });

  it('finishes on one instance a login started on another (state and nonce live in the database)', async () => {
    const intent = { user: people.lea.sub, course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-profile' };
    const login = await platform.startLogin(intent);
    const auth = await platform.authorize(login.location);
    const response = await platform.postLaunch(b.urls.launch, auth.idToken, auth.state);
    expect(response.status).toBe(200);
    expect(bootOf(await response.text()).widget).toBe('pupil');
    // …and the state is spent for every instance.
    const replay = await platform.postLaunch(a.urls.launch, auth.idToken, auth.state);
    expect(replay.status).toBe(401);
  });

  it('creates one tool key even when two instances ask at once, publishes it, and keeps the private half sealed', async () => {
    const [ja, jb] = await Promise.all([
      fetch(a.urls.jwks).then((r) => r.json() as Promise<{ keys: Array<Record<string, unknown>> }>),
      fetch(b.urls.jwks).then((r) => r.json() as Promise<{ keys: Array<Record<string, unknown>> }>),
    ]);
    expect(ja.keys.map((k) => k.kid)).toEqual(jb.keys.map((k) => k.kid));
    expect(ja.keys).toHaveLength(1);
    expect(Object.keys(ja.keys[0]!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    const rows = await a.container.database.db.execute<{ private_jwk_sealed: string; status: string }>(
      sql`select private_jwk_sealed, status::text as status from lti_keys where purpose = 'tool'`,
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]!.private_jwk_sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(rows.rows[0]!.private_jwk_sealed).not.toContain('"d"');
  });

  it('keeps verifying with the previous key after a rotation made by another instance', async () => {
    const before = (await (await fetch(a.urls.jwks)).json()) as { keys: Array<{ kid: string }> };
    const rotated = await b.container.lti.deps.toolKeys.rotate();
    expect(rotated.previous).toBe(before.keys[0]!.kid);
    const fromB = (await (await fetch(b.urls.jwks)).json()) as { keys: Array<{ kid: string }> };
    expect(fromB.keys.map((k) => k.kid)).toEqual([rotated.active, rotated.previous]);
  });
});
