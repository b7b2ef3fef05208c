/** A call to a platform service (token, AGS, NRPS) that failed; `status` 0 means no HTTP answer. */
export class PlatformServiceError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'PlatformServiceError';
  }
}
