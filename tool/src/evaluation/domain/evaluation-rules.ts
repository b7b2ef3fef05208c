/** Constants of the Pix rules (§2.3, §2.4). Deployment-dependent values are parameters with these defaults. */
export const PIX_COUNT_BY_LEVEL = 8;
/** Upstream's code default is 5; Pix Embed opens level 6 by default (configurable per call). */
export const DEFAULT_MAX_REACHABLE_LEVEL = 6;
export const DAYS_BEFORE_RESET = 7;
export const DAYS_BEFORE_IMPROVING = 4;
/** Campaign retry delay (used with the same filter as improving). */
export const DAYS_BEFORE_RETRYING = 4;
