import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient } from '../../widgets/src/kit/api.ts';

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function stubFetch(...responses: Array<Response | Error>) {
  const fetchMock = vi.fn<typeof fetch>();
  for (const response of responses) {
    if (response instanceof Error) fetchMock.mockRejectedValueOnce(response);
    else fetchMock.mockResolvedValueOnce(response);
  }
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function headersOf(fetchMock: ReturnType<typeof stubFetch>, call: number): Headers {
  return new Headers(fetchMock.mock.calls[call]?.[1]?.headers);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('API client', () => {
  it('sends the bearer token, Accept and a JSON body, and returns the parsed JSON', async () => {
    const fetchMock = stubFetch(jsonResponse(201, { id: 'a1' }));
    const api = createApiClient({ apiBase: 'https://pix.example.org/api/', token: 'tok-1' });

    await expect(api.request('POST', '/answers', { value: 'B' })).resolves.toEqual({ id: 'a1' });

    expect(fetchMock.mock.calls[0]?.[0]).toBe('https://pix.example.org/api/answers');
    expect(fetchMock.mock.calls[0]?.[1]?.method).toBe('POST');
    expect(fetchMock.mock.calls[0]?.[1]?.body).toBe('{"value":"B"}');
    const headers = headersOf(fetchMock, 0);
    expect(headers.get('Authorization')).toBe('Bearer tok-1');
    expect(headers.get('Accept')).toBe('application/json');
    expect(headers.get('Content-Type')).toBe('application/json');
  });

  it('uses the refreshed token from X-Session-Token for later calls', async () => {
    const fetchMock = stubFetch(
      jsonResponse(200, { ok: true }, { 'X-Session-Token': 'tok-2' }),
      new Response(null, { status: 204 }),
    );
    const api = createApiClient({ apiBase: '/api', token: 'tok-1' });

    await api.request('GET', 'me');
    await expect(api.request('GET', 'me')).resolves.toBeUndefined();

    expect(headersOf(fetchMock, 0).get('Authorization')).toBe('Bearer tok-1');
    expect(headersOf(fetchMock, 1).get('Authorization')).toBe('Bearer tok-2');
    expect(headersOf(fetchMock, 1).has('Content-Type')).toBe(false);
    expect(api.token).toBe('tok-2');
  });

  it('maps an error body {error:{code,message}} to an ApiError', async () => {
    stubFetch(jsonResponse(404, { error: { code: 'CAMPAIGN_CODE_UNKNOWN', message: 'Code inconnu' } }));
    const api = createApiClient({ apiBase: '/api', token: 'tok-1' });

    const error = await api.request('GET', 'campaigns/XYZ').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'CAMPAIGN_CODE_UNKNOWN', message: 'Code inconnu', status: 404 });
  });

  it('maps an error without a JSON body to HTTP_ERROR', async () => {
    stubFetch(new Response('<h1>Bad gateway</h1>', { status: 502 }));
    const api = createApiClient({ apiBase: '/api' });

    await expect(api.request('GET', 'me')).rejects.toMatchObject({ code: 'HTTP_ERROR', status: 502 });
  });

  it('sends no Authorization header without a token', async () => {
    const fetchMock = stubFetch(jsonResponse(200, {}));
    await createApiClient({ apiBase: '/api' }).request('GET', 'about');
    expect(headersOf(fetchMock, 0).has('Authorization')).toBe(false);
  });

  it('turns a network failure into ApiError NETWORK', async () => {
    stubFetch(new TypeError('Failed to fetch'));
    const api = createApiClient({ apiBase: '/api', token: 'tok-1' });

    await expect(api.request('GET', 'me')).rejects.toMatchObject({ name: 'ApiError', code: 'NETWORK', status: 0 });
  });
});
