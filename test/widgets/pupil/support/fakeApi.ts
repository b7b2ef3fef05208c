// A fake Pix Embed API behind a stubbed global fetch: routes answer in order, every request is recorded.
import { vi } from 'vitest';

export interface RecordedRequest {
  method: string;
  /** Path after the API base, e.g. `assessments/a1/answers`. */
  path: string;
  body: unknown;
  authorization: string | null;
}

/** What a route answers: a JSON body (200), an HTTP error, or a network failure. */
export type Reply = { json: unknown } | { status: number; code: string } | { network: true };

export const API_BASE = '/api';

export function json(body: unknown): Reply {
  return { json: body };
}

export function httpError(status: number, code: string): Reply {
  return { status, code };
}

export const networkError: Reply = { network: true };

export interface FakeApi {
  requests: RecordedRequest[];
  /** Adds replies to `METHOD path`; they are used in order, the last one again when the queue is empty. */
  on(route: string, ...replies: Reply[]): FakeApi;
  /** Bodies sent to `METHOD path`. */
  sent(route: string): unknown[];
}

export function fakeApi(): FakeApi {
  const routes = new Map<string, Reply[]>();
  const requests: RecordedRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const path = String(input).replace(`${API_BASE}/`, '');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    requests.push({ method, path, body, authorization: new Headers(init?.headers).get('Authorization') });
    const queue = routes.get(`${method} ${path}`);
    const reply = queue && queue.length > 1 ? queue.shift() : queue?.[0];
    if (reply === undefined) return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: path } }), { status: 404 });
    if ('network' in reply) throw new TypeError('Failed to fetch');
    if ('status' in reply) {
      return new Response(JSON.stringify({ error: { code: reply.code, message: 'Erreur' } }), { status: reply.status });
    }
    return new Response(JSON.stringify(reply.json), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  const api: FakeApi = {
    requests,
    on(route, ...replies) {
      routes.set(route, [...(routes.get(route) ?? []), ...replies]);
      return api;
    },
    sent(route) {
      return requests.filter((request) => `${request.method} ${request.path}` === route).map((request) => request.body);
    },
  };
  return api;
}

