import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSignIn, startTestApp, type TestApp } from '../../support/test-app.ts';
import { onPostgres } from '../../support/test-database.ts';

describe('HTTP base', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { FRAME_ANCESTORS: 'https://moodle.example.org http://127.0.0.1:9999' } });
  });
  afterAll(async () => app.close());

  it('reports health with the database kind and version', async () => {
    const response = await app.get('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: onPostgres() ? 'postgres' : 'pglite', version: '0.0.0-test' });
  });

  it('answers 503 on /health when the database is gone', async () => {
    const broken = await startTestApp();
    await broken.container.database.close();
    const response = await broken.get('/health');
    expect(response.status).toBe(503);
    expect((await response.json()).status).toBe('unavailable');
    await broken.close().catch(() => undefined);
  });

  it('serves the about widget page with its first screen inlined, framed only by allowed platforms', async () => {
    const response = await app.get('/about?lang=en');
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'self' https://moodle.example.org http://127.0.0.1:9999");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(response.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
    expect(response.headers.get('x-request-id')).toMatch(/.{8,}/);
    const html = await response.text();
    expect(html).toContain('<html lang="en" class="pix-frame">');
    const boot = JSON.parse(/id="pix-boot">(.*?)<\/script>/s.exec(html)![1]!);
    expect(boot.widget).toBe('about');
    expect(boot.data.areas).toHaveLength(5);
    expect(boot.data.areas.flatMap((a: { competences: unknown[] }) => a.competences)).toHaveLength(16);
    expect(boot.data.areas[0].competences[0]).toEqual({ index: '1.1', name: 'Browsing, searching and monitoring information' });
    const script = /<script type="module" src="([^"]+)"/.exec(html)![1]!;
    const asset = await app.get(script);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('answers unknown routes and missing assets with the JSON error model', async () => {
    const response = await app.get('/nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    expect((await app.get('/assets/missing.js')).status).toBe(404);
    expect((await app.get('/assets/.vite/manifest.json')).status).toBe(404);
  });

  it('requires a session token on the API and rejects garbage', async () => {
    const none = await app.get('/api/me');
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe('UNAUTHENTICATED');
    const garbage = await app.get('/api/me', { headers: { authorization: 'Bearer abc.def.ghi' } });
    expect(garbage.status).toBe(401);
    expect((await garbage.json()).error.code).toBe('SESSION_INVALID');
  });

  it('signs in a demo pupil and answers /api/me with her school and class', async () => {
    const token = await demoSignIn(app, 'pupil-5a-1');
    const response = await app.get('/api/me', { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const me = await response.json();
    expect(me.user).toMatchObject({ firstName: 'Léa', lastName: 'Martin' });
    expect(me.role).toBe('PUPIL');
    expect(me.organizations).toEqual([expect.objectContaining({ uai: '0991234A', role: 'PUPIL' })]);
    expect(me.classes).toEqual([expect.objectContaining({ label: '5e A', role: 'PUPIL' })]);
  });

  it('gives every JSON API response the same strict headers, from Express and from the JSON lane', async () => {
    const token = await demoSignIn(app, 'pupil-5a-1');
    const headers = { authorization: `Bearer ${token}` };
    const fromExpress = await app.get('/api/me', { headers });
    const fromLane = await app.get('/api/profile', { headers });
    const unauthenticated = await app.get('/api/profile');
    for (const response of [fromExpress, fromLane, unauthenticated]) {
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('x-request-id')).toMatch(/.{8,}/);
    }
    expect([fromExpress.status, fromLane.status, unauthenticated.status]).toEqual([200, 200, 401]);
  });

  it('refuses malformed JSON and unknown demo people with coded errors, never a stack trace', async () => {
    const token = await demoSignIn(app, 'teacher');
    const bad = await app.post('/api/me', '{"broken', { headers: { authorization: `Bearer ${token}` } });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.code).toBe('BAD_JSON');
    expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|node_modules/);
    const unknown = await fetch(`${app.baseUrl}/demo/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'person=%3Cscript%3E',
    });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.code).toBe('DEMO_UNKNOWN_PERSON');
  });

  it('has no /demo in production', async () => {
    const production = await startTestApp({ env: { NODE_ENV: 'production', PUBLIC_URL: 'https://pix.example.org' }, seedDemo: false });
    expect((await production.get('/demo')).status).toBe(404);
    expect((await production.get('/health')).status).toBe(200);
    await production.close();
  });
});
