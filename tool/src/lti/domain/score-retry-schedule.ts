/**
 * Exponential backoff of score deliveries: 15 s, 30 s, 1 min … capped at 1 h, with up to 20 % jitter so
 * instances that failed together do not retry together. After `maxAttempts` the score is marked failed.
 */
export const RETRY_BASE_MS = 15_000;
export const RETRY_CAP_MS = 3_600_000;
export const MAX_DELIVERY_ATTEMPTS = 30;

export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential * (1 + 0.2 * random()));
}

/** What to do after a failed attempt: HTTP status 0 means no answer (network, timeout). */
export type DeliveryFailure = { kind: 'retry'; delayMs: number } | { kind: 'give-up' };

export function afterFailure(input: { attempts: number; status: number; random?: () => number }): DeliveryFailure {
  // A 4xx other than 401/408/429 will not change by itself: Moodle's "Incorrect score received" (400)
  // for a user who is not gradable. A few retries (the learner may be enrolled meanwhile), then give up.
  const permanent = input.status >= 400 && input.status < 500 && ![401, 408, 429].includes(input.status);
  const limit = permanent ? 3 : MAX_DELIVERY_ATTEMPTS;
  if (input.attempts >= limit) return { kind: 'give-up' };
  return { kind: 'retry', delayMs: retryDelayMs(input.attempts, input.random) };
}
