import { describe, expect, it } from 'vitest';
import { scratchDatabase } from '../support/scratch-database.ts';
import { benchAnswersCommand } from '../../tool/src/cli/commands/bench-answers.ts';

/** `bench answers` on a few learners for a few seconds, on its own database of the test PostgreSQL server. */
describe('npx pix-embed bench answers', () => {
  scratchDatabase('pix_bench_answers', { asDatabaseUrl: true });

  it('answers through the HTTP endpoints of a separate server process and reports latency, throughput and CPU per answer', async () => {
    const result = await benchAnswersCommand.run({ args: [], options: { json: true, learners: '8', rate: '10', seconds: '2', warmup: '1' } });
    expect(result.exitCode).toBe(0);
    const json = result.json as {
      offeredPerSec: number;
      learners: number;
      answers: number;
      errors: number;
      p99Ms: number;
      maxAnswersPerSec: number;
      healthReqPerSec: number;
      serverCpuMsPerStep: number | null;
      openLoopCpuMsPerStep: { server: number | null; database: number | null; generator: number | null };
      workers: number;
      warmup: { seconds: number; answers: number };
      openLoopBySecond: Array<{ second: number; answers: number; p99Ms: number }>;
    };
    expect(json).toMatchObject({ offeredPerSec: 10, learners: 8, answers: 20, errors: 0, workers: 1 });
    expect(json.warmup.seconds).toBeGreaterThan(0);
    expect(json.warmup.answers).toBeGreaterThan(0);
    expect(json.p99Ms).toBeGreaterThan(0);
    expect(json.maxAnswersPerSec).toBeGreaterThan(0);
    expect(json.healthReqPerSec).toBeGreaterThan(0);
    expect(json.serverCpuMsPerStep).toBeGreaterThan(0);
    expect(json.openLoopCpuMsPerStep.server).toBeGreaterThan(0);
    expect(json.openLoopCpuMsPerStep.generator).toBeGreaterThan(0);
    // Two seconds of 10 answers each, the run's p99 being the worst of theirs.
    expect(json.openLoopBySecond.map((s) => [s.second, s.answers])).toEqual([[0, 10], [1, 10]]);
    expect(Math.max(...json.openLoopBySecond.map((s) => s.p99Ms))).toBe(json.p99Ms);
  });
});
