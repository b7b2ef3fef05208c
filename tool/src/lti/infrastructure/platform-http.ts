/**
 * Outgoing HTTP to platforms (JWKS, OpenID configuration, tokens, AGS, NRPS): a timeout on every call and a
 * size limit on every body, so a slow or hostile platform cannot hold a launch or fill the memory.
 */
export interface PlatformHttp {
  request(url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<PlatformResponse>;
}

export interface PlatformResponse {
  status: number;
  headers: Headers;
  text: string;
  json(): unknown;
}

export class PlatformHttpError extends Error {
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = 'PlatformHttpError';
  }
}

const MAX_BODY_BYTES = 1_000_000;

export function createPlatformHttp(options: { timeoutMs?: number; fetch?: typeof fetch; userAgent?: string } = {}): PlatformHttp {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 8000;
  return {
    async request(url, init = {}) {
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method: init.method ?? 'GET',
          headers: { 'user-agent': options.userAgent ?? 'PixEmbed-LTI', ...(init.headers ?? {}) },
          ...(init.body !== undefined ? { body: init.body } : {}),
          redirect: 'error',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new PlatformHttpError(`${init.method ?? 'GET'} failed: ${(error as Error).message}`, url);
      }
      const length = Number(response.headers.get('content-length') ?? '0');
      if (length > MAX_BODY_BYTES) throw new PlatformHttpError('response too large', url);
      const text = await response.text();
      if (text.length > MAX_BODY_BYTES) throw new PlatformHttpError('response too large', url);
      return {
        status: response.status,
        headers: response.headers,
        text,
        json() {
          try {
            return JSON.parse(text) as unknown;
          } catch {
            throw new PlatformHttpError('response is not JSON', url);
          }
        },
      };
    },
  };
}

/** `Link: <…>; rel="next"` of paged AGS and NRPS answers. */
export function nextLink(headers: Headers): string | null {
  const link = headers.get('link');
  if (!link) return null;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match?.[2]?.split(/\s+/).includes('next')) return match[1] ?? null;
  }
  return null;
}
