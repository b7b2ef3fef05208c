import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { processTreeCpuMs } from '../../../tool/src/bench/process-cpu.ts';

describe.runIf(existsSync('/proc/self/stat'))('processTreeCpuMs (the CPU figures of the benchmarks)', () => {
  it('keeps the time of a child that has exited (a PostgreSQL backend of a closed pooled connection)', () => {
    const before = processTreeCpuMs(process.pid)!;
    // A child that burns ~400 ms of CPU, then exits and is waited for.
    const child = spawnSync(process.execPath, ['-e', 'const end = Date.now() + 400; while (Date.now() < end);']);
    expect(child.status).toBe(0);
    const after = processTreeCpuMs(process.pid)!;
    expect(after - before).toBeGreaterThanOrEqual(300);
  });
});
