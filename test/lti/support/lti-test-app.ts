import type { Server } from 'node:http';
import pino from 'pino';
import { buildContainer, type Container } from '../../../tool/src/composition-root.ts';
import { createApp } from '../../../tool/src/app.ts';
import type { Clock } from '../../../tool/src/shared/domain/clock.ts';
import type { Referential } from '../../../tool/src/referential/domain/referential.ts';
import { testConfig, testReferential } from '../../support/test-app.ts';
import { createTestDatabase } from '../../support/test-database.ts';
import { freePort } from '../../e2e/support/free-port.ts';
import type { PlatformEmulator, ToolRegistration } from './platform-emulator.ts';
import { registerPlatform } from '../../../tool/src/lti/application/usecases/register-platform.ts';

export interface LtiTestApp {
  container: Container;
  /** Also PUBLIC_URL: the tool's LTI URLs are real, reachable addresses (the emulator calls its JWKS). */
  baseUrl: string;
  urls: { login: string; launch: string; jwks: string; register: string };
  close(): Promise<void>;
}

/** The real app on a loopback port chosen first, so that PUBLIC_URL (every LTI URL) is its own address. */
export async function startLtiTestApp(
  options: { env?: Record<string, string>; clock?: Clock; referential?: Referential; seedDemo?: boolean; shareDatabaseWith?: LtiTestApp } = {},
): Promise<LtiTestApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = testConfig({ PUBLIC_URL: baseUrl, ...(options.env ?? {}) });
  const shared = options.shareDatabaseWith?.container.database;
  const container = await buildContainer(config, {
    // A second instance on the same database: its own caches, workers and HTTP server, like another process.
    database: shared ? { ...shared, close: async () => undefined } : await createTestDatabase(),
    referential: options.referential ?? (await testReferential()),
    logger: pino({ level: 'silent' }),
    seedDemo: options.seedDemo ?? true,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const app = createApp(container);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  return {
    container,
    baseUrl,
    urls: { login: `${baseUrl}/lti/login`, launch: `${baseUrl}/lti/launch`, jwks: `${baseUrl}/lti/jwks`, register: `${baseUrl}/lti/register` },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await container.close();
    },
  };
}

/** Both sides of a manual registration: the emulator knows the tool, the tool knows the platform and its school. */
export async function connect(
  app: LtiTestApp,
  platform: PlatformEmulator,
  options: { uais?: string[]; scopes?: string[]; clientId?: string } = {},
): Promise<ToolRegistration> {
  const registration = platform.registerTool({
    loginUrl: app.urls.login,
    launchUrl: app.urls.launch,
    jwksUrl: app.urls.jwks,
    ...(options.clientId ? { clientId: options.clientId } : {}),
    ...(options.scopes ? { scopes: options.scopes } : {}),
  });
  await registerPlatform({
    deps: app.container.lti.deps,
    registration: {
      issuer: platform.issuer,
      clientId: registration.clientId,
      name: 'Moodle (émulateur)',
      authUrl: platform.authUrl,
      tokenUrl: platform.tokenUrl,
      jwksUrl: platform.jwksUrl,
      scopes: registration.scopes,
      deploymentIds: [registration.deploymentId],
      uais: options.uais ?? ['0751234A'],
    },
  });
  return registration;
}

/** A small Moodle course: a teacher, three learners, one activity per kind. */
export function seedCourse(platform: PlatformEmulator, courseId = 'SNT-5A') {
  const people = {
    teacher: { sub: `${courseId}-t1`, givenName: 'Karim', familyName: 'Benali' },
    lea: { sub: `${courseId}-p1`, givenName: 'Léa', familyName: 'Martin' },
    noah: { sub: `${courseId}-p2`, givenName: 'Noah', familyName: 'Petit' },
    ines: { sub: `${courseId}-p3`, givenName: 'Inès', familyName: 'Moreau' },
  };
  for (const person of Object.values(people)) platform.addUser(person);
  platform.addCourse({
    id: courseId,
    label: '5A',
    title: '5e A — SNT',
    members: [
      { sub: people.teacher.sub, roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'] },
      ...[people.lea, people.noah, people.ines].map((p) => ({ sub: p.sub, roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'] })),
    ],
  });
  platform.addActivity(courseId, { id: `${courseId}-c11`, title: 'Pix — 1.1 Mener une recherche', custom: { competence: '1.1' }, lineItem: { scoreMaximum: 6, label: 'Pix 1.1', resourceId: 'competence:1.1', tag: 'pix-competence' } });
  platform.addActivity(courseId, { id: `${courseId}-profile`, title: 'Mon profil Pix' });
  platform.addActivity(courseId, { id: `${courseId}-c21`, title: 'Pix — 2.1 (sans colonne)', custom: { competence: '2.1' } });
  return people;
}

/** The boot data inlined in a widget page. */
export function bootOf(html: string): { widget: string; token?: string; apiBase: string; locale: string; data?: unknown } {
  const raw = /<script type="application\/json" id="pix-boot">(.*?)<\/script>/s.exec(html)?.[1];
  if (!raw) throw new Error(`no boot data in:\n${html.slice(0, 2000)}`);
  return JSON.parse(raw);
}

/** The error code shown on an LTI error page. */
export function errorCodeOf(html: string): string | null {
  return /<code id="lti-error-code">([A-Z_]+)<\/code>/.exec(html)?.[1] ?? null;
}
