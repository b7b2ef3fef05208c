import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionTokens } from '../../../tool/src/identity/domain/session-token.ts';
import { AppError } from '../../../tool/src/shared/domain/errors.ts';
import { JSON_BODY_LIMIT_BYTES, jsonLane, type JsonRoute } from '../../../tool/src/shared/application/http/json-lane.ts';

const key = new Uint8Array(32).fill(7);
let clock = new Date('2026-11-22T09:00:00Z');
const tokens = createSessionTokens(key, 3600, () => clock);
const seen: Array<{ params: Record<string, string>; body: unknown; userId: string }> = [];

const routes: JsonRoute[] = [
  {
    method: 'POST',
    path: '/api/things/:id/answers',
    handle: async ({ params, body, session }) => {
      seen.push({ params, body, userId: session.userId });
      return { ok: true, id: params.id };
    },
  },
  { method: 'GET', path: '/api/things/:id', handle: async ({ params }) => ({ id: params.id }) },
  {
    method: 'GET',
    path: '/api/broken/:kind',
    handle: async ({ params }) => {
      if (params.kind === 'coded') throw new AppError('THING_GONE', 409, 'Plus là.');
      throw new Error('secret internal detail');
    },
  },
];

describe('JSON lane', () => {
  let server: Server;
  let base: string;
  let token: string;
  beforeAll(async () => {
    const lane = jsonLane({
      routes,
      tokens,
      logger: pino({ level: 'silent' }),
      next: (_req, res) => {
        res.writeHead(299, { 'content-type': 'text/plain' });
        res.end('next');
      },
    });
    server = createServer(lane);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    token = await tokens.issue({ userId: 'u-1', organizationId: null, role: 'PUPIL', locale: 'fr', via: 'test' });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: 'POST', body, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers } });

  it('serves a matching route with its parameters, body and session, and the API headers', async () => {
    const response = await post('/api/things/a%20b/answers?x=1', '{"value":42}');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, id: 'a b' });
    expect(seen.at(-1)).toEqual({ params: { id: 'a b' }, body: { value: 42 }, userId: 'u-1' });
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-session-token')).toBeNull();
  });

  it('matches as Express does (any case, optional trailing slash) and leaves every other request to the next handler', async () => {
    expect((await fetch(`${base}/API/Things/7/`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    for (const [method, path] of [
      ['GET', '/api/things/7/answers'],
      ['POST', '/api/things/7'],
      ['GET', '/api/things'],
      ['GET', '/about'],
      ['DELETE', '/api/things/7'],
    ] as const) {
      const response = await fetch(`${base}${path}`, { method });
      expect([method, path, response.status, await response.text()]).toEqual([method, path, 299, 'next']);
    }
  });

  it('keeps a proxy’s request id', async () => {
    const response = await fetch(`${base}/api/things/7`, { headers: { authorization: `Bearer ${token}`, 'x-request-id': 'proxy-id-1234' } });
    expect(response.headers.get('x-request-id')).toBe('proxy-id-1234');
  });

  it('refuses a missing, forged or expired session with the coded 401s, and runs nothing', async () => {
    const before = seen.length;
    const missing = await post('/api/things/1/answers', '{}', { authorization: '' });
    expect(missing.status).toBe(401);
    expect((await missing.json()).error.code).toBe('UNAUTHENTICATED');
    const forged = await post('/api/things/1/answers', '{}', { authorization: `Bearer ${token.slice(0, -2)}xx` });
    expect((await forged.json()).error.code).toBe('SESSION_INVALID');
    clock = new Date(clock.getTime() + 2 * 3600_000);
    const expired = await post('/api/things/1/answers', '{}');
    clock = new Date('2026-11-22T09:00:00Z');
    expect((await expired.json()).error.code).toBe('SESSION_EXPIRED');
    expect(seen.length).toBe(before);
  });

  it('hands back a refreshed token once a third of its lifetime has passed', async () => {
    clock = new Date(clock.getTime() + 1500_000);
    const response = await fetch(`${base}/api/things/7`, { headers: { authorization: `Bearer ${token}` } });
    clock = new Date('2026-11-22T09:00:00Z');
    const refreshed = response.headers.get('x-session-token');
    expect(refreshed).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(refreshed).not.toBe(token);
    expect(response.headers.get('access-control-expose-headers')).toBe('X-Session-Token');
  });

  it('answers bad JSON with BAD_JSON and a body over the limit with PAYLOAD_TOO_LARGE, declared or streamed', async () => {
    const bad = await post('/api/things/1/answers', '{"broken');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('BAD_JSON');

    const big = JSON.stringify({ value: 'x'.repeat(JSON_BODY_LIMIT_BYTES) });
    const declared = await post('/api/things/1/answers', big);
    expect(declared.status).toBe(413);
    expect((await declared.json()).error.code).toBe('PAYLOAD_TOO_LARGE');

    const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(`${base}/api/things/1/answers`);
      const req = request(
        { hostname: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 5; i += 1) req.write(big.slice(i * (big.length / 5), (i + 1) * (big.length / 5)));
      req.end();
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('reads a body only when it is declared JSON, as express.json() does', async () => {
    await post('/api/things/9/answers', 'value=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(seen.at(-1)?.body).toBeUndefined();
    await post('/api/things/9/answers', '{"a":1}', { 'content-type': 'application/vnd.api+json; charset=utf-8' });
    expect(seen.at(-1)?.body).toEqual({ a: 1 });
  });

  it('answers errors with the JSON error model: the coded one as it is, anything else as a 500 without its detail', async () => {
    const coded = await fetch(`${base}/api/broken/coded`, { headers: { authorization: `Bearer ${token}` } });
    expect(coded.status).toBe(409);
    expect(await coded.json()).toEqual({ error: { code: 'THING_GONE', message: 'Plus là.' } });
    const internal = await fetch(`${base}/api/broken/other`, { headers: { authorization: `Bearer ${token}` } });
    expect(internal.status).toBe(500);
    const text = await internal.text();
    expect(text).not.toContain('secret');
    expect(JSON.parse(text).error).toEqual({ code: 'INTERNAL_ERROR', message: expect.any(String), requestId: internal.headers.get('x-request-id') });
    const badParam = await fetch(`${base}/api/things/%E0%A4%A`, { headers: { authorization: `Bearer ${token}` } });
    expect(badParam.status).toBe(404);
  });
});
