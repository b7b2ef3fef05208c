import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startServer } from '../../support/processes.ts';

describe('npx pix-embed', { timeout: 90_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pix-embed-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lists its subcommands', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('org list');
  });

  it('refuses an unknown command with a coded JSON error', async () => {
    const result = await runCli(['frobnicate', '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ error: { code: 'CLI_UNKNOWN_COMMAND', message: expect.any(String) } });
  });

  it('lists organizations as JSON, the demo school included, with the server stopped', async () => {
    const result = await runCli(['org', 'list', '--json'], { DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([{ uai: '0991234A', name: 'Collège Jean Moulin (démo)', type: 'SCO' }]);
  });

  it('goes through the running server when it owns the embedded database', async () => {
    const server = await startServer({ DATA_DIR: dataDir });
    try {
      const result = await runCli(['org', 'list', '--json'], { DATA_DIR: dataDir });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual([{ uai: '0991234A', name: 'Collège Jean Moulin (démo)', type: 'SCO' }]);
      // The internal route is closed to anyone without the lock file's token.
      const forged = await fetch(`${server.baseUrl}/internal/cli`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-cli-token': 'guess' },
        body: JSON.stringify({ words: ['org', 'list'], options: {} }),
      });
      expect(forged.status).toBe(403);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
