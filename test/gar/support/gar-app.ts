import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { buildContainer } from '../../../tool/src/composition-root.ts';
import { createApp } from '../../../tool/src/app.ts';
import type { DatabaseHandle } from '../../../tool/src/shared/infrastructure/db/database.ts';
import { generateKeyPairWithCertificate } from '../../../tool/src/gar/infrastructure/keys/self-signed-certificate.ts';
import { testConfig, testReferential, type TestApp } from '../../support/test-app.ts';
import { createTestDatabase } from '../../support/test-database.ts';
import { createTestIdp, type TestIdp } from './samlify-idp.ts';

export const PUBLIC_URL = 'https://pix-embed.test';

/** SP key files shared by every instance of a test (like a real deployment's configured keys). */
export function spKeyFiles(): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'pix-gar-test-'));
  const pair = generateKeyPairWithCertificate('test SP', new Date());
  writeFileSync(join(dir, 'sp-key.pem'), pair.privateKeyPem);
  writeFileSync(join(dir, 'sp-cert.pem'), pair.certificatePem);
  return { dir, env: { SAML_SP_KEY_FILE: join(dir, 'sp-key.pem'), SAML_SP_CERT_FILE: join(dir, 'sp-cert.pem') } };
}

/**
 * The real app on a loopback port, with GAR settings; several instances may share one database
 * (the one that created it closes it). PUBLIC_URL is fixed: protocol URLs never depend on the port.
 */
export async function startGarApp(options: { env?: Record<string, string>; database?: DatabaseHandle } = {}): Promise<TestApp & { database: DatabaseHandle }> {
  const owned = !options.database;
  const database = options.database ?? (await createTestDatabase());
  const shared: DatabaseHandle = owned ? database : { ...database, close: async () => undefined };
  const container = await buildContainer(testConfig({ PUBLIC_URL, ...options.env }), {
    database: shared,
    referential: await testReferential(),
    logger: pino({ level: 'silent' }),
    seedDemo: true,
  });
  const server: Server = await new Promise((resolve) => {
    const s = createApp(container).listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    container,
    database,
    baseUrl,
    get: (path, init) => fetch(`${baseUrl}${path}`, init),
    post: (path, body, init) =>
      fetch(`${baseUrl}${path}`, { method: 'POST', ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await container.close();
    },
  };
}

/** The usual GAR test set-up: SP keys, one test IdP (the GAR's entity id) trusted by metadata, the app, its SP metadata. */
export async function startGarAppWithIdp(env: Record<string, string> = {}): Promise<{ app: TestApp & { database: DatabaseHandle }; idp: TestIdp; spMetadataXml: string }> {
  const keys = spKeyFiles();
  const idp = createTestIdp({ entityId: 'https://idp-auth.gar.test/idp', ssoUrl: 'https://idp-auth.gar.test/idp/sso' });
  writeFileSync(join(keys.dir, 'gar.xml'), idp.metadataXml);
  const app = await startGarApp({ env: { ...keys.env, SAML_IDPS: 'gar', SAML_IDP_GAR_METADATA: join(keys.dir, 'gar.xml'), ...env } });
  const spMetadataXml = await (await app.get('/saml/metadata.xml')).text();
  return { app, idp, spMetadataXml };
}
