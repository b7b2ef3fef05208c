#!/usr/bin/env node
// Runs a command against a real PostgreSQL server: DATABASE_URL when given, otherwise a throwaway
// cluster made with the machine's PostgreSQL 15 binaries (as user postgres, free port), removed afterwards.
// Usage: node scripts/with-postgres.mjs <command> [args…]   (the command gets TEST_DATABASE_URL)
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: node scripts/with-postgres.mjs <command> [args…]');
  process.exit(2);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL binary as the postgres user when we are root (initdb refuses root). */
function asPostgres(binary, args) {
  const isRoot = process.getuid?.() === 0;
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, binary), ...args]] : [join(PG_BIN, binary), args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${binary} failed (${result.status}): ${result.stderr || result.stdout}`);
  return result.stdout;
}

async function startCluster() {
  if (!existsSync(join(PG_BIN, 'initdb'))) {
    throw new Error(`PostgreSQL 15 is not installed (${PG_BIN}/initdb missing): apt-get install -y postgresql, or set DATABASE_URL.`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'pix-embed-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  // Tests trade durability for speed; benchmarks (PG_DURABLE=1) keep fsync and synchronous_commit on.
  const durability = process.env.PG_DURABLE === '1' ? '' : ' -c fsync=off -c full_page_writes=off';
  // PG_OPTIONS: more server settings, e.g. "-c shared_preload_libraries=pg_stat_statements" to see where a benchmark's time goes.
  const extra = process.env.PG_OPTIONS ? ` ${process.env.PG_OPTIONS}` : '';
  asPostgres('pg_ctl', [
    '-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start',
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${durability}${extra}`,
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

const cluster = process.env.DATABASE_URL ? null : await startCluster();
const url = process.env.DATABASE_URL ?? cluster.url;
if (cluster) console.error(`[with-postgres] throwaway PostgreSQL 15 cluster at ${url.replace(/\/\/.*@/, '//…@')}`);
const child = spawn(command[0], command.slice(1), {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, TEST_DATABASE_URL: url, PATH: `${process.cwd()}/node_modules/.bin:${process.env.PATH}` },
});
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code, signal) => {
  cluster?.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
