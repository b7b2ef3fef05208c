import { describe, expect, it } from 'vitest';
import { scratchDatabase } from '../support/scratch-database.ts';
import { benchLevelsCommand } from '../../tool/src/cli/commands/bench-levels.ts';

/** `bench levels` on a tiny school, on its own database of the test PostgreSQL server. */
describe('npx pix-embed bench levels', () => {
  scratchDatabase('pix_bench_levels', { asDatabaseUrl: true });

  it('reads every page of a seeded school over HTTP with a client token and reports the figures', async () => {
    const result = await benchLevelsCommand.run({ args: [], options: { json: true, pupils: '12', 'page-size': '5', runs: '2' } });
    expect(result.exitCode).toBe(0);
    const json = result.json as { pupils: number; pages: number; pageSize: number; totalMs: number; runsMs: number[]; knowledgeElements: number };
    expect(json).toMatchObject({ pupils: 12, pages: 3, pageSize: 5 });
    expect(json.runsMs).toHaveLength(2);
    expect(json.totalMs).toBeGreaterThan(0);
    expect(json.knowledgeElements).toBeGreaterThanOrEqual(12 * 40);
    expect(result.text).toContain('12 élèves en 3 pages de 5');
  });
});
