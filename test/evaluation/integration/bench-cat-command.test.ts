import { describe, expect, it } from 'vitest';
import { benchCatCommand } from '../../../tool/src/cli/commands/bench-cat.ts';

describe('npx pix-embed bench cat', () => {
  it('runs both methods on the real bank and prints the figures', async () => {
    const result = await benchCatCommand.run({ args: [], options: { json: true, learners: '3', seed: 'cli-test' } });
    expect(result.exitCode).toBe(0);
    const json = result.json as { methods: Record<string, Record<string, unknown>>; learners: number };
    expect(json.learners).toBe(3);
    for (const method of ['adaptive', 'smart-random']) {
      expect(Object.keys(json.methods[method]!)).toEqual(
        expect.arrayContaining(['meanChallenges', 'exactLevelAccuracy', 'withinOneLevelAccuracy', 'maxExposure', 'selectionP99Ms']),
      );
    }
    expect(result.text).toContain('smart-random');
  });

  it('rejects a bad learner count', async () => {
    const result = await benchCatCommand.run({ args: [], options: { learners: 'many' } });
    expect(result.exitCode).toBe(2);
  });
});
