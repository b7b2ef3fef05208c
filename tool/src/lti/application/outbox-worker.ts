import type { Logger } from 'pino';
import type { DeliveryReport } from './usecases/deliver-due-scores.ts';

export interface OutboxWorker {
  start(): void;
  /** Stops polling and waits for the pass in progress. */
  stop(): Promise<void>;
  /** Runs a pass soon (a score was just queued). */
  wake(): void;
  /** One pass now (tests, CLI). */
  runOnce(): Promise<DeliveryReport>;
}

/**
 * Polls the score outbox every `intervalMs`; a full batch is followed at once by another pass. Every instance
 * may run one: rows are claimed with FOR UPDATE SKIP LOCKED.
 */
export function createOutboxWorker(deps: { pass: () => Promise<DeliveryReport>; logger: Logger; intervalMs?: number; batchSize?: number }): OutboxWorker {
  const intervalMs = deps.intervalMs ?? 2000;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let current: Promise<unknown> = Promise.resolve();

  function schedule(delay: number) {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, delay);
    timer.unref();
  }

  function tick() {
    timer = null;
    const pass = deps
      .pass()
      .then((report) => {
        if (report.claimed > 0) deps.logger.info(report, 'LTI score outbox pass');
        schedule(report.claimed >= (deps.batchSize ?? 20) ? 0 : intervalMs);
      })
      .catch((error: unknown) => {
        deps.logger.error({ err: error }, 'LTI score outbox pass failed');
        schedule(intervalMs * 5);
      });
    current = pass;
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(intervalMs);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await current.catch(() => undefined);
    },
    wake() {
      if (running && timer) schedule(50);
    },
    runOnce() {
      const pass = deps.pass();
      current = pass.catch(() => undefined);
      return pass;
    },
  };
}
