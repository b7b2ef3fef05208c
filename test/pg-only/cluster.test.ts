import { execFileSync } from 'node:child_process';
import { get } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDatabase } from '../support/scratch-database.ts';
import { startServer, type RunningServer } from '../support/processes.ts';

function serverProcessesOf(primaryPid: number): number[] {
  try {
    return execFileSync('ps', ['--ppid', String(primaryPid), '-o', 'pid='], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean);
  } catch {
    return [];
  }
}

/** A GET on a new connection: a kept-alive socket to a killed server process would only say ECONNRESET. */
function statusOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).once('error', reject);
  });
}

async function until<T>(read: () => T, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * `WEB_CONCURRENCY=2 npm start` on PostgreSQL: two server processes share the port under one supervisor, a
 * generated development secret is the same in both (sessions cross processes), a crashed server is replaced, and
 * SIGTERM stops everything cleanly.
 */
describe('several server processes (WEB_CONCURRENCY)', () => {
  const { url } = scratchDatabase('pix_cluster');
  const dataDir = mkdtempSync(join(tmpdir(), 'pix-cluster-'));
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ DATABASE_URL: url, WEB_CONCURRENCY: '2', DATA_DIR: dataDir });
  });

  afterAll(async () => {
    if (server.child.exitCode === null) await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs two server processes that accept each other’s sessions', async () => {
    expect(await until(() => serverProcessesOf(server.child.pid!), (pids) => pids.length === 2)).toHaveLength(2);
    expect(await until(() => server.output(), (output) => output.includes('Processus serveur 2 à l')), 'second server listening').toContain('Processus serveur 2 à l');
    expect(server.output()).toContain('2 processus serveur');
    const html = await (
      await fetch(`${server.baseUrl}/demo/sign-in`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ person: 'pupil-5a-1' }) })
    ).text();
    const token = JSON.parse(/id="pix-boot">(.*?)<\/script>/s.exec(html)![1]!).token as string;
    // New connections are handed out in turn: among 10, both processes verify the token.
    const statuses = await Promise.all(
      Array.from({ length: 10 }, async () => (await fetch(`${server.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}`, connection: 'close' } })).status),
    );
    expect(statuses).toEqual(Array(10).fill(200));
  });

  it('replaces a server process that dies, then stops everything on SIGTERM', async () => {
    const [victim] = serverProcessesOf(server.child.pid!);
    process.kill(victim!, 'SIGKILL');
    // Once the supervisor has seen the death (a replacement is forked), the survivor serves on the same address.
    const replaced = await until(() => serverProcessesOf(server.child.pid!), (pids) => pids.length === 2 && !pids.includes(victim!));
    expect(replaced).toHaveLength(2);
    expect(replaced).not.toContain(victim);
    expect(await statusOnNewConnection(`${server.baseUrl}/health`)).toBe(200);
    const listening = (output: string) => output.split('\n').filter((line) => /prêt sur le port|Processus serveur \d à l/.test(line)).length;
    expect(await until(() => server.output(), (output) => listening(output) >= 3)).toSatisfy((output: string) => listening(output) >= 3);
    for (let i = 0; i < 6; i += 1) expect(await statusOnNewConnection(`${server.baseUrl}/health`)).toBe(200);
    expect(await server.stop()).toBe(0);
  });
});
