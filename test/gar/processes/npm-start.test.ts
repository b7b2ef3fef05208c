import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../support/processes.ts';

/** A fresh `npm start` (development, embedded database) answers /saml/login with a signed redirect to the demo IdP. */
describe('GAR out of the box', () => {
  let server: RunningServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'pix-gar-start-'));
  beforeAll(async () => {
    server = await startServer({ NODE_ENV: 'development', DATA_DIR: dataDir, APP_SECRET: '', PUBLIC_URL: '' });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('generates the SP and demo IdP keys into DATA_DIR and sends a signed AuthnRequest to the demo IdP', async () => {
    expect(existsSync(join(dataDir, 'saml-sp-key.pem'))).toBe(true);
    expect(existsSync(join(dataDir, 'saml-sp-cert.pem'))).toBe(true);
    expect(existsSync(join(dataDir, 'demo-idp-key.pem'))).toBe(true);
    const response = await fetch(`${server.baseUrl}/saml/login`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.pathname).toBe('/demo/gar-idp/sso');
    expect(location.searchParams.get('Signature')).toBeTruthy();
    const metadata = await (await fetch(`${server.baseUrl}/saml/metadata.xml`)).text();
    expect(metadata).toContain('/saml/metadata.xml"');
  });
});
