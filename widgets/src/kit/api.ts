// API client of the widgets: bearer token (cookies do not survive cross-site iframes), JSON in and out.
// Written for size: it ships in the pupil entry, which sits close to its budget.
import { isRecord } from './guards.ts';

/** Error of a call to the API; `code` is stable (server codes, or NETWORK / HTTP_ERROR / BAD_RESPONSE). */
export class ApiError extends Error {
  // `declare`: typed only, assigned in the constructor. A plain field declaration is compiled for
  // the es2020 target into defineProperty helpers (~0.4 kB gzip in every bundle using the client).
  declare readonly code: string;
  /** HTTP status; 0 when no response arrived. */
  declare readonly status: number;

  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiClientOptions {
  apiBase: string;
  token?: string | undefined;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export interface ApiClient {
  /** Sends a request and returns the parsed JSON body (undefined when empty); callers validate it. */
  request(method: HttpMethod, path: string, body?: unknown): Promise<unknown>;
  /** The token currently used, refreshed from `X-Session-Token`. */
  readonly token: string | undefined;
}

/** The server renews short-lived session tokens through this response header. */
export const SESSION_TOKEN_HEADER = 'X-Session-Token';

/** Creates a client bound to an API base URL and a session token. */
export function createApiClient({ apiBase, token, fetch: fetchImpl = (input, init) => fetch(input, init) }: ApiClientOptions): ApiClient {
  const base = apiBase.replace(/\/+$/, '');
  return {
    async request(method, path, body) {
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (token !== undefined) headers.Authorization = `Bearer ${token}`;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      let response: Response;
      let text: string;
      try {
        response = await fetchImpl(`${base}/${path.replace(/^\/+/, '')}`, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
        text = await response.text();
      } catch (error) {
        throw new ApiError('NETWORK', String(error), 0);
      }
      const { ok, status } = response;
      token = response.headers.get(SESSION_TOKEN_HEADER) || token;
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        if (ok) throw new ApiError('BAD_RESPONSE', 'The response is not valid JSON', status);
      }
      if (ok) return parsed;
      const error = isRecord(parsed) ? parsed.error : null;
      throw isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string'
        ? new ApiError(error.code, error.message, status)
        : new ApiError('HTTP_ERROR', `HTTP ${status}`, status);
    },
    get token() {
      return token;
    },
  };
}
