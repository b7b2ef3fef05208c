import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, run, startServer } from '../../support/processes.ts';

const TSX = `${ROOT}node_modules/.bin/tsx`;
const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)$/m;

describe('npm start', { timeout: 90_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pix-embed-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on the embedded database, seeds the demo, prints where to click, and stops cleanly on SIGTERM', async () => {
    const server = await startServer({ DATA_DIR: dataDir });
    expect(server.output()).toContain('/demo');
    expect(server.output()).toContain('PGlite embarqué');
    const health = await (await fetch(`${server.baseUrl}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: 'pglite' });
    expect(existsSync(join(dataDir, 'pix-embed.lock'))).toBe(true);
    expect(existsSync(join(dataDir, 'app-secret'))).toBe(true);
    // A second server on the same data directory is refused clearly, and the first keeps running.
    const second = await run(TSX, ['tool/src/main.ts'], { DATA_DIR: dataDir, PORT: '0' });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('est utilisé par le serveur pix-embed');
    expect(second.stderr).not.toMatch(STACK_LINE);
    expect((await fetch(`${server.baseUrl}/health`)).status).toBe(200);
    expect(await server.stop()).toBe(0);
    expect(existsSync(join(dataDir, 'pix-embed.lock'))).toBe(false);
  });

  it.each([
    ['a port that is not a number', { PORT: 'abc' }, /PORT/],
    ['a short secret', { APP_SECRET: 'short' }, /APP_SECRET : au moins 32 caractères/],
    ['production without secret', { NODE_ENV: 'production', PUBLIC_URL: 'https://pix.example.org' }, /APP_SECRET : obligatoire en production/],
    ['a DATABASE_URL of another engine', { DATABASE_URL: 'mysql://root@localhost/pix' }, /DATABASE_URL/],
    ['a PostgreSQL server that does not answer', { DATABASE_URL: 'postgres://pix@127.0.0.1:1/pix' }, /Connexion à PostgreSQL impossible/],
  ])('refuses %s with one clear message and no stack trace', async (_label, env, expected) => {
    const result = await run(TSX, ['tool/src/main.ts', '--memory'], { PORT: '0', ...env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).toContain('Pix Embed ne peut pas démarrer');
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('reports several invalid variables at once', async () => {
    const result = await run(TSX, ['tool/src/main.ts', '--memory'], { PORT: '99999', LOG_LEVEL: 'loud' });
    expect(result.stderr).toMatch(/PORT/);
    expect(result.stderr).toMatch(/LOG_LEVEL/);
  });

  it('says which port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const result = await run(TSX, ['tool/src/main.ts', '--memory'], { PORT: String(port), HOST: '127.0.0.1' });
    blocker.close();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Le port ${port} est déjà utilisé`);
  });
});
