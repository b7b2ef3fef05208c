import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createOutboxWorker } from '../../../tool/src/lti/application/outbox-worker.ts';
import { loadConfig } from '../../../tool/src/config/config.ts';

describe('outbox worker loop', () => {
  it('polls, runs again at once after a full batch, wakes on demand, and stops after the pass in progress', async () => {
    const passes: number[] = [];
    let claimed = [20, 3, 0, 0, 0, 0];
    const worker = createOutboxWorker({
      logger: pino({ level: 'silent' }),
      intervalMs: 30,
      batchSize: 20,
      pass: async () => {
        passes.push(Date.now());
        const next = claimed.shift() ?? 0;
        return { claimed: next, delivered: next, retried: 0, failed: 0 };
      },
    });
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 120));
    // 20 claimed → the second pass follows immediately, then the interval.
    expect(passes.length).toBeGreaterThanOrEqual(3);
    expect(passes[1]! - passes[0]!).toBeLessThan(25);
    await worker.stop();
    const stopped = passes.length;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(passes.length).toBe(stopped);
    claimed = [1];
    expect(await worker.runOnce()).toMatchObject({ claimed: 1 });
  });

  it('keeps going after a failed pass', async () => {
    let calls = 0;
    const worker = createOutboxWorker({
      logger: pino({ level: 'silent' }),
      intervalMs: 10,
      pass: async () => {
        calls += 1;
        if (calls === 1) throw new Error('database gone');
        return { claimed: 0, delivered: 0, retried: 0, failed: 0 };
      },
    });
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 150));
    await worker.stop();
    expect(calls).toBeGreaterThanOrEqual(2);
  });
});

describe('LTI_ALLOWED_ISSUERS', () => {
  const load = (value: string) => loadConfig({ NODE_ENV: 'test', APP_SECRET: 'x'.repeat(32), LTI_ALLOWED_ISSUERS: value });
  it('reads a list of issuer URLs, kept exactly', () => {
    expect(load('https://moodle.example.org, https://lms.example.org/moodle').ltiAllowedIssuers).toEqual(['https://moodle.example.org', 'https://lms.example.org/moodle']);
    expect(loadConfig({ NODE_ENV: 'test', APP_SECRET: 'x'.repeat(32) }).ltiAllowedIssuers).toEqual([]);
  });
  it('stops start-up on a value that is not a URL', () => {
    expect(() => load('moodle.example.org')).toThrow(/LTI_ALLOWED_ISSUERS/);
  });
});
