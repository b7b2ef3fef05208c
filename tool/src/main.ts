import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import cluster from 'node:cluster';
import { ConfigError, loadConfig, type Config } from './config/config.ts';
import { isFirstServer, runClusterPrimary, serverIndex } from './cluster-primary.ts';
import { readPackageVersion } from './config/version.ts';
import { buildContainer } from './composition-root.ts';
import { createApp } from './app.ts';
import { acquireLock, DataDirLockedError, updateLock } from './shared/infrastructure/db/data-dir-lock.ts';

/** `npm start`: configuration → database (migrated, demo seeded) → HTTP server, and a clean stop on SIGTERM. */
function fail(message: string): never {
  process.stderr.write(`\n✖ Pix Embed ne peut pas démarrer.\n${message}\n\n`);
  process.exit(1);
}

const flags = { memory: process.argv.includes('--memory') };
let config;
try {
  config = loadConfig(process.env, flags, readPackageVersion());
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

// WEB_CONCURRENCY > 1: this process only supervises the server processes (cluster-primary.ts).
if (config.workers > 1 && cluster.isPrimary) await runClusterPrimary(config);
else await startServer(config);

async function startServer(config: Config) {
  const dataDir = config.database.kind === 'pglite' ? config.database.dataDir : null;
  let releaseLock = () => undefined as void;
  try {
    if (dataDir) releaseLock = acquireLock(dataDir, { role: 'server' });
  } catch (error) {
    if (error instanceof DataDirLockedError) fail(error.message);
    throw error;
  }

  let container;
  try {
    container = await buildContainer(config, { workers: true });
  } catch (error) {
    releaseLock();
    const message = (error as Error).message;
    if (config.database.kind === 'postgres') fail(`Connexion à PostgreSQL impossible (DATABASE_URL) : ${message}`);
    fail(message);
  }

  const cliToken = randomBytes(24).toString('base64url');
  const app = createApp(container, { cliToken });
  const server = app.listen(config.port, config.host);
  server.on('error', (error: NodeJS.ErrnoException) => {
    releaseLock();
    if (error.code === 'EADDRINUSE') fail(`Le port ${config.port} est déjà utilisé (PORT=${config.port}). Choisissez un autre port : PORT=3001 npm start`);
    if (error.code === 'EACCES') fail(`Le port ${config.port} est réservé (PORT) : choisissez un port au-dessus de 1024.`);
    fail(error.message);
  });
  server.on('listening', () => {
    const { port } = server.address() as AddressInfo;
    if (dataDir) updateLock(dataDir, { role: 'server', port, token: cliToken });
    if (!isFirstServer()) {
      process.stdout.write(`  Processus serveur ${serverIndex()} à l'écoute\n`);
      return;
    }
    const base = config.publicUrl.replace(/:\d+$/, '').startsWith('http://localhost') && config.port === 0 ? `http://localhost:${port}` : config.publicUrl;
    const database = config.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : dataDir ? `PGlite embarqué (${dataDir})` : 'PGlite en mémoire (--memory)';
    process.stdout.write(
      [
        '',
        `  Pix Embed ${config.version} — prêt sur le port ${port}`,
        `  Base de données : ${database}${config.workers > 1 ? ` — ${config.workers} processus serveur` : ''}`,
        '',
        `  À propos          ${base}/`,
        ...(config.demoEnabled ? [`  Démonstration     ${base}/demo`] : []),
        `  Santé             ${base}/health`,
        '',
        '',
      ].join('\n'),
    );
  });

  // Graceful stop: finish in-flight requests, close the pool, release the data directory.
  let stopping = false;
  async function stop(signal: string) {
    if (stopping) return;
    stopping = true;
    container!.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    force.unref();
    server.close(async () => {
      await container!.close().catch(() => undefined);
      releaseLock();
      process.exit(0);
    });
    server.closeIdleConnections();
  }
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
