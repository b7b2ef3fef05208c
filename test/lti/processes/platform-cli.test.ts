import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startServer } from '../../support/processes.ts';

const MOODLE = {
  issuer: 'https://moodle.example.org',
  clientId: 'AbCdEf123',
  auth: 'https://moodle.example.org/mod/lti/auth.php',
  token: 'https://moodle.example.org/mod/lti/token.php',
  jwks: 'https://moodle.example.org/mod/lti/certs.php',
};

describe('npx pix-embed platform …', { timeout: 120_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pix-embed-lti-cli-'));
  const env = { DATA_DIR: dataDir, PUBLIC_URL: 'https://pix-embed.example.org', DEMO_ENABLED: 'false' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  // Each test registers the client it needs, so none depends on another having run first.
  const addPlatform = (clientId: string) =>
    runCli(
      ['platform', 'add', '--issuer', MOODLE.issuer, '--client-id', clientId, '--deployment-id', '1', '--auth-url', MOODLE.auth, '--token-url', MOODLE.token, '--jwks-url', MOODLE.jwks, '--uai', '0751234A', '--scopes', 'score,lineitem.readonly,nrps', '--json'],
      env,
    );
  const listed = async () => JSON.parse((await runCli(['platform', 'list', '--json'], env)).stdout) as Array<{ clientId: string; status: string; uais: string[] }>;

  it('adds a platform by hand, bound to a school, and lists it as JSON', async () => {
    const add = await addPlatform(MOODLE.clientId);
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ issuer: MOODLE.issuer, clientId: MOODLE.clientId, organizations: 1 });
    const list = await runCli(['platform', 'list', '--json'], env);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as Array<{ clientId: string }>).filter((p) => p.clientId === MOODLE.clientId)).toEqual([
      expect.objectContaining({
        issuer: MOODLE.issuer,
        clientId: MOODLE.clientId,
        registration: 'manual',
        status: 'active',
        authUrl: MOODLE.auth,
        tokenUrl: MOODLE.token,
        jwksUrl: MOODLE.jwks,
        uais: ['0751234A'],
        deployments: [{ deploymentId: '1', uais: [] }],
        scopes: [
          'https://purl.imsglobal.org/spec/lti-ags/scope/score',
          'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
          'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
        ],
      }),
    ]);
  });

  it('refuses an incomplete or invalid registration with a coded error', async () => {
    const missing = await runCli(['platform', 'add', '--issuer', MOODLE.issuer, '--json'], env);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).error.code).toBe('CLI_MISSING_OPTION');
    const invalid = await runCli(
      ['platform', 'add', '--issuer', MOODLE.issuer, '--client-id', 'x', '--deployment-id', '1', '--auth-url', 'not-a-url', '--token-url', MOODLE.token, '--jwks-url', MOODLE.jwks, '--json'],
      env,
    );
    expect(invalid.code).toBe(2);
    expect(JSON.parse(invalid.stdout).error.code).toBe('CLI_INVALID_OPTION');
  });

  it('prints the values to enter on the platform side', async () => {
    const config = await runCli(['platform', 'tool-config', '--json'], env);
    expect(JSON.parse(config.stdout)).toMatchObject({
      toolUrl: 'https://pix-embed.example.org/lti/launch',
      initiateLoginUrl: 'https://pix-embed.example.org/lti/login',
      redirectionUris: ['https://pix-embed.example.org/lti/launch'],
      publicKeysetUrl: 'https://pix-embed.example.org/lti/jwks',
      dynamicRegistrationUrl: 'https://pix-embed.example.org/lti/register',
    });
    const text = await runCli(['platform', 'tool-config'], env);
    expect(text.stdout).toContain('URL de connexion initiale');
  });

  it('rotates the tool keys through the running server: the JWKS publishes the new key and keeps the previous one', async () => {
    const server = await startServer(env);
    try {
      const before = (await (await fetch(`${server.baseUrl}/lti/jwks`)).json()) as { keys: Array<{ kid: string; kty: string; alg: string; d?: string }> };
      expect(before.keys).toHaveLength(1);
      expect(before.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      expect(before.keys[0]).not.toHaveProperty('d');
      const rotated = await runCli(['platform', 'rotate-keys', '--json'], env);
      expect(rotated.code).toBe(0);
      const { active, previous } = JSON.parse(rotated.stdout);
      expect(previous).toBe(before.keys[0]!.kid);
      const after = (await (await fetch(`${server.baseUrl}/lti/jwks`)).json()) as { keys: Array<{ kid: string }> };
      expect(after.keys.map((k) => k.kid)).toEqual([active, previous]);
      const again = JSON.parse((await runCli(['platform', 'rotate-keys', '--json'], env)).stdout);
      expect(again.retired).toEqual([previous]);
      const third = (await (await fetch(`${server.baseUrl}/lti/jwks`)).json()) as { keys: Array<{ kid: string }> };
      expect(third.keys.map((k) => k.kid)).toEqual([again.active, active]);
      const outbox = await runCli(['outbox', 'status', '--json'], env);
      expect(JSON.parse(outbox.stdout)).toMatchObject({ pending: 0, inFlight: 0, delivered: 0, superseded: 0, failed: 0 });
      // No private key material in the logs.
      expect(server.output()).not.toMatch(/"d":|PRIVATE KEY|private_jwk/);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('disables a platform through the running server (logins refused with a code, nothing deleted), then enables it again', async () => {
    const clientId = 'ToBeDisabled42';
    expect((await addPlatform(clientId)).code).toBe(0);
    const server = await startServer(env);
    const login = () =>
      fetch(
        `${server.baseUrl}/lti/login?${new URLSearchParams({ iss: MOODLE.issuer, client_id: clientId, login_hint: 'u1', target_link_uri: 'https://pix-embed.example.org/lti/launch' })}`,
        { redirect: 'manual' },
      );
    try {
      expect((await login()).status).toBe(302);
      const disabled = await runCli(['platform', 'disable', '--issuer', MOODLE.issuer, '--client-id', clientId, '--json'], env);
      expect(disabled.code).toBe(0);
      expect(JSON.parse(disabled.stdout)).toMatchObject({ status: 'disabled' });
      const refused = await login();
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('LTI_PLATFORM_DISABLED');
      expect((await listed()).find((p) => p.clientId === clientId)).toMatchObject({ status: 'disabled', uais: ['0751234A'] });
      expect((await runCli(['platform', 'enable', '--issuer', MOODLE.issuer, '--client-id', clientId, '--json'], env)).code).toBe(0);
      expect((await login()).status).toBe(302);
      const unknown = await runCli(['platform', 'disable', '--issuer', 'https://nowhere.example.org', '--client-id', 'x', '--json'], env);
      expect(JSON.parse(unknown.stdout).error.code).toBe('LTI_PLATFORM_UNKNOWN');
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
