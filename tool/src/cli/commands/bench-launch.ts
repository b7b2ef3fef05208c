import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { failure, ok, type CliCommand } from '../command.ts';
import { loadConfig } from '../../config/config.ts';
import { readPackageVersion } from '../../config/version.ts';
import { buildContainer } from '../../composition-root.ts';
import { createApp } from '../../app.ts';
import { percentile } from '../../evaluation/simulation/percentile.ts';
import { registerPlatform } from '../../lti/application/usecases/register-platform.ts';
import { rerunWithThrowawayPostgres } from '../../bench/rerun-with-throwaway-postgres.ts';
import { ROLE } from '../../lti/domain/lti-claims.ts';

const DEFAULT_LAUNCHES = 1000;
const WARM_UP = 30;
const EMULATOR = fileURLToPath(new URL('../../../../test/lti/support/platform-emulator.ts', import.meta.url));

type EmulatorModule = typeof import('../../../../test/lti/support/platform-emulator.ts');

/**
 * `bench launch`: wall time of `POST /lti/launch` over HTTP on loopback, with the platform emulator signing
 * the id_tokens — state consumed, nonce recorded, signature checked against the cached JWKS, account, role and
 * class upserted, and the first screen (the competence evaluation started, or the profile) rendered — for
 * n distinct learners on a fresh database (PostgreSQL, or PGlite in memory with --pglite). The login and the
 * platform's authorization are not timed.
 */
export const benchLaunchCommand: CliCommand = {
  words: ['bench', 'launch'],
  usage: 'bench launch [--json] [--n 1000] [--target competence|profile] [--database-url postgres://… (a throwaway database)] [--pglite]',
  summary: `Mesure POST /lti/launch (${DEFAULT_LAUNCHES} élèves distincts, émulateur de plateforme) : p50 et p95 en ms`,
  needsDatabase: false,
  async run({ options }) {
    const n = options.n === undefined ? DEFAULT_LAUNCHES : Number(options.n);
    if (!Number.isInteger(n) || n < 1 || n > 100_000) return failure('CLI_INVALID_OPTION', '--n attend un entier entre 1 et 100000.', 2);
    const target = options.target === 'profile' ? 'profile' : 'competence';
    if (!existsSync(EMULATOR)) return failure('BENCH_EMULATOR_MISSING', `L’émulateur de plateforme (${EMULATOR}) n’est pas là : lancez le banc depuis le dépôt.`);
    // PostgreSQL by default, as in production (DATABASE_URL or --database-url, else a throwaway durable cluster);
    // --pglite measures the embedded database of `npm start`.
    const databaseUrl = typeof options['database-url'] === 'string' ? options['database-url'] : (process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL);
    if (!databaseUrl && options.pglite !== true) return rerunWithThrowawayPostgres();
    const { startPlatformEmulator } = (await import(EMULATOR)) as EmulatorModule;

    const platform = await startPlatformEmulator();
    // PUBLIC_URL (every LTI URL) must be the listening address: pick the port first.
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const config = loadConfig(
      {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DEMO_ENABLED: 'false',
        APP_SECRET: randomBytes(32).toString('base64url'),
        PUBLIC_URL: baseUrl,
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      },
      { memory: true },
      readPackageVersion(),
    );
    const container = await buildContainer(config, { logger: pino({ level: 'silent' }), seedDemo: false });
    const server: Server = await new Promise((resolve, reject) => {
      const s = createApp(container).listen(port, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    });
    try {
      const registration = platform.registerTool({ loginUrl: `${baseUrl}/lti/login`, launchUrl: `${baseUrl}/lti/launch`, jwksUrl: `${baseUrl}/lti/jwks` });
      await registerPlatform({
        deps: container.lti.deps,
        registration: {
          issuer: platform.issuer,
          clientId: registration.clientId,
          deploymentIds: [registration.deploymentId],
          authUrl: platform.authUrl,
          tokenUrl: platform.tokenUrl,
          jwksUrl: platform.jwksUrl,
          uais: ['0990001A'],
        },
      });
      const run = randomBytes(4).toString('hex');
      const subs = Array.from({ length: n + WARM_UP }, (_, i) => `bench-${run}-${i}`);
      for (const [i, sub] of subs.entries()) platform.addUser({ sub, givenName: `Élève${i}`, familyName: 'Banc' });
      platform.addCourse({ id: 'BENCH', label: 'B', title: 'Banc', members: subs.map((sub) => ({ sub, roles: [ROLE.learner] })) });
      platform.addActivity('BENCH', { id: 'BENCH-1', title: 'Pix 1.1', ...(target === 'competence' ? { custom: { competence: '1.1' } } : {}), lineItem: { scoreMaximum: 6, label: 'Pix 1.1' } });

      const durations: number[] = [];
      for (const [i, sub] of subs.entries()) {
        const login = await platform.startLogin({ user: sub, course: 'BENCH', roles: [ROLE.learner], activity: 'BENCH-1' });
        const auth = await platform.authorize(login.location);
        const started = performance.now();
        const response = await platform.postLaunch(auth.action, auth.idToken, auth.state);
        const html = await response.text();
        const elapsed = performance.now() - started;
        if (response.status !== 200 || !html.includes('id="pix-boot"')) return failure('BENCH_LAUNCH_FAILED', `Lancement ${i} refusé (${response.status}) : ${html.slice(0, 300)}`);
        if (i >= WARM_UP) durations.push(elapsed);
      }
      const round = (value: number) => Math.round(value * 100) / 100;
      const json = { n, p50Ms: round(percentile(durations, 50)), p95Ms: round(percentile(durations, 95)), database: databaseUrl ? 'postgresql' : 'pglite' };
      return ok(
        json,
        `POST /lti/launch, ${n} élèves distincts (${target === 'competence' ? 'évaluation 1.1 démarrée' : 'profil'}), ${databaseUrl ? 'PostgreSQL' : 'PGlite en mémoire'}, après ${WARM_UP} lancements de chauffe :\n  p50 ${json.p50Ms} ms · p95 ${json.p95Ms} ms · p99 ${round(percentile(durations, 99))} ms · max ${round(Math.max(...durations))} ms`,
      );
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await container.close();
      await platform.close();
    }
  },
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
