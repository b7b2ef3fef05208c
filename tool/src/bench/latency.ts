/** Percentile of a list of durations (nearest-rank), rounded to 0.1 ms. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[rank]! * 10) / 10;
}

/** One second of an open-loop run: how many answers were scheduled in it, and their latencies. */
export interface SecondOfRun {
  second: number;
  answers: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Latencies grouped by the second they were scheduled in, so a run's p99 shows whether it comes from a steady queue
 * or from a few slow seconds (a checkpoint, a pause).
 */
export function latencyBySecond(samples: ReadonlyArray<{ scheduledAtMs: number; latencyMs: number }>, seconds: number): SecondOfRun[] {
  const buckets = Array.from({ length: seconds }, () => [] as number[]);
  for (const sample of samples) buckets[Math.min(seconds - 1, Math.max(0, Math.floor(sample.scheduledAtMs / 1000)))]!.push(sample.latencyMs);
  return buckets.map((latencies, second) => ({ second, answers: latencies.length, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) }));
}
