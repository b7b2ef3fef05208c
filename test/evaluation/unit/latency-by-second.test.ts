import { describe, expect, it } from 'vitest';
import { latencyBySecond } from '../../../tool/src/bench/latency.ts';

describe('latencyBySecond (bench answers)', () => {
  it('groups latencies by the second they were scheduled in, empty seconds included', () => {
    const samples = [
      { scheduledAtMs: 10, latencyMs: 5 },
      { scheduledAtMs: 990, latencyMs: 7 },
      { scheduledAtMs: 1000, latencyMs: 300 },
      { scheduledAtMs: 2999, latencyMs: 4 },
    ];
    expect(latencyBySecond(samples, 3)).toEqual([
      { second: 0, answers: 2, p50Ms: 5, p99Ms: 7 },
      { second: 1, answers: 1, p50Ms: 300, p99Ms: 300 },
      { second: 2, answers: 1, p50Ms: 4, p99Ms: 4 },
    ]);
    expect(latencyBySecond([], 2)).toEqual([
      { second: 0, answers: 0, p50Ms: 0, p99Ms: 0 },
      { second: 1, answers: 0, p50Ms: 0, p99Ms: 0 },
    ]);
  });

  it('puts an answer scheduled on the last instant in the last second', () => {
    expect(latencyBySecond([{ scheduledAtMs: 2000, latencyMs: 1 }], 2).map((s) => s.answers)).toEqual([0, 1]);
  });
});
