import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino from 'pino';
import { loadConfig, type Config } from '../../tool/src/config/config.ts';
import { buildContainer, REFERENTIAL_DIR, type Container } from '../../tool/src/composition-root.ts';
import { loadReferential } from '../../tool/src/referential/infrastructure/load-referential.ts';
import type { Referential } from '../../tool/src/referential/domain/referential.ts';
import { createApp } from '../../tool/src/app.ts';
import type { Clock } from '../../tool/src/shared/domain/clock.ts';
import { createTestDatabase } from './test-database.ts';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', APP_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', ...env }, {}, '0.0.0-test');
}

export interface TestApp {
  container: Container;
  baseUrl: string;
  /** fetch against the running app, JSON helpers included. */
  get(path: string, init?: RequestInit): Promise<Response>;
  post(path: string, body: unknown, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

let realReferential: Promise<Referential> | null = null;
/** The real bank, loaded once per test worker (its validity is the bank self-test's business). */
export function testReferential(): Promise<Referential> {
  realReferential ??= loadReferential(REFERENTIAL_DIR).then((result) => result.referential);
  return realReferential;
}

/** The real app over real HTTP on a loopback port, on a fresh test database. */
export async function startTestApp(
  options: { env?: Record<string, string>; clock?: Clock; seedDemo?: boolean; cliToken?: string; referential?: Referential } = {},
): Promise<TestApp> {
  const config = testConfig(options.env);
  const database = await createTestDatabase();
  const container = await buildContainer(config, {
    database,
    referential: options.referential ?? (await testReferential()),
    logger: pino({ level: 'silent' }),
    seedDemo: options.seedDemo ?? true,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const app = createApp(container, options.cliToken ? { cliToken: options.cliToken } : {});
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    container,
    baseUrl,
    get: (path, init) => fetch(`${baseUrl}${path}`, init),
    post: (path, body, init) =>
      fetch(`${baseUrl}${path}`, {
        method: 'POST',
        ...init,
        headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await container.close();
    },
  };
}

/** Signs in through /demo like a person would, and returns the session token the widget receives. */
export async function demoSignIn(app: TestApp, person: string): Promise<string> {
  const response = await fetch(`${app.baseUrl}/demo/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ person }),
  });
  if (response.status !== 200) throw new Error(`demo sign-in failed: ${response.status}`);
  const html = await response.text();
  const boot = /<script type="application\/json" id="pix-boot">(.*?)<\/script>/s.exec(html)?.[1];
  if (!boot) throw new Error('no boot data in the demo page');
  const parsed = JSON.parse(boot) as { token?: string };
  if (!parsed.token) throw new Error('no token in boot data');
  return parsed.token;
}
