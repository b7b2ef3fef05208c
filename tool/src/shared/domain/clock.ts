/** Time is injected everywhere so rules with delays (4 days, 7 days, token lifetimes) are testable. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
