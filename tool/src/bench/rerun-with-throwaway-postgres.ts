import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Benchmarks that need a real PostgreSQL and were given no DATABASE_URL run themselves again under
 * scripts/with-postgres.mjs: a durable (fsync on) throwaway PostgreSQL 15 cluster, removed afterwards.
 * The inner run formats its own output; this process passes it through and exits with its code.
 */
export function rerunWithThrowawayPostgres(): Promise<never> {
  return new Promise<never>(() => {
    const child = spawn(process.execPath, ['scripts/with-postgres.mjs', process.execPath, 'bin/pix-embed.js', ...process.argv.slice(2)], {
      cwd: ROOT,
      env: { ...process.env, PG_DURABLE: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('exit', (code) => {
      process.stdout.write(stdout);
      process.exit(code ?? 1);
    });
  });
}
