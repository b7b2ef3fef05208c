// API client of the widgets: bearer token (cookies do not survive cross-site iframes), JSON in and out.
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
  token?: string;
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

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function parseJson(text: string, status: number): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('BAD_RESPONSE', 'The response is not valid JSON', status);
  }
}

function toApiError(body: unknown, response: Response): ApiError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError(error.code, error.message, response.status);
  }
  return new ApiError('HTTP_ERROR', `HTTP ${response.status} ${response.statusText}`.trim(), response.status);
}

/** Creates a client bound to an API base URL and a session token. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  let token = options.token;

  async function request(method: HttpMethod, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token !== undefined) headers.Authorization = `Bearer ${token}`;
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }

    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(joinUrl(options.apiBase, path), init);
      text = await response.text();
    } catch (error) {
      throw new ApiError('NETWORK', error instanceof Error ? error.message : String(error), 0);
    }

    const refreshed = response.headers.get(SESSION_TOKEN_HEADER);
    if (refreshed) token = refreshed;

    if (!response.ok) {
      let parsed: unknown;
      try {
        parsed = parseJson(text, response.status);
      } catch {
        parsed = undefined;
      }
      throw toApiError(parsed, response);
    }
    return parseJson(text, response.status);
  }

  return {
    request,
    get token() {
      return token;
    },
  };
}
