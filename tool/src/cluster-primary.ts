import cluster from 'node:cluster';
import { createServer, type AddressInfo } from 'node:net';
import { resolveAppSecret } from './config/app-secret.ts';
import type { Config } from './config/config.ts';

/**
 * `WEB_CONCURRENCY=N` on PostgreSQL: this process only forks N servers sharing the port (node:cluster hands the
 * connections out) and restarts one that crashes. Every server is a whole instance — migrations take an advisory
 * lock, the LTI outbox uses SKIP LOCKED, states and nonces live in PostgreSQL — so they need nothing from here but
 * one application secret (a generated development secret is resolved once, before forking, so all sign alike).
 */
export async function runClusterPrimary(config: Config): Promise<void> {
  // PORT=0 (tests, benchmarks) becomes one fixed free port, so a replaced server listens where the others do.
  const port = config.port === 0 ? await freePort(config.host) : config.port;
  const env = { APP_SECRET: resolveAppSecret(config), PORT: String(port) };
  let stopping = false;
  const restarts: number[] = [];
  const fork = (index: number) => cluster.fork({ ...env, PIX_EMBED_WORKER_INDEX: String(index) }).on('exit', (code, signal) => {
    if (stopping) return;
    // A server that keeps crashing (bad configuration, database gone) is not restarted in a loop.
    const now = Date.now();
    restarts.push(now);
    while (restarts.length && restarts[0]! < now - 60_000) restarts.shift();
    if (restarts.length > 5) {
      process.stderr.write(`\n✖ Pix Embed : un processus serveur s'arrête sans cesse (code ${code ?? signal}). Arrêt.\n`);
      stop(1);
      return;
    }
    fork(index);
  });
  for (let index = 0; index < config.workers; index += 1) fork(index);

  function stop(exitCode = 0) {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    let alive = workers.length;
    if (alive === 0) process.exit(exitCode);
    for (const worker of workers) {
      worker?.once('exit', () => {
        alive -= 1;
        if (alive === 0) process.exit(exitCode);
      });
      worker?.process.kill('SIGTERM');
    }
  }
  process.on('SIGTERM', () => stop());
  process.on('SIGINT', () => stop());
}

/** Only the first server of a cluster prints the start-up banner. */
export function isFirstServer(): boolean {
  return cluster.isPrimary || process.env.PIX_EMBED_WORKER_INDEX === '0';
}

/** 1 for the first server of a cluster, 2 for the next… */
export function serverIndex(): number {
  return Number(process.env.PIX_EMBED_WORKER_INDEX ?? 0) + 1;
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
