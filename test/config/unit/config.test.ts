import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../tool/src/config/config.ts';

const SECRET = 'x'.repeat(40);

describe('configuration', () => {
  it('runs with no variable at all on the embedded database', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: './data' });
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.demoEnabled).toBe(true);
    expect(config.maxReachableLevel).toBe(6);
  });

  it('uses a throwaway database with --memory', () => {
    expect(loadConfig({}, { memory: true }).database).toEqual({ kind: 'pglite', dataDir: null });
  });

  it('switches to PostgreSQL with DATABASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://pix:pw@db:5432/pix', DATABASE_POOL_MAX: '4' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://pix:pw@db:5432/pix', poolMax: 4, idleSeconds: 300, preparedStatements: true });
    const pooled = loadConfig({ DATABASE_URL: 'postgres://pix:pw@db:5432/pix', DATABASE_PREPARED_STATEMENTS: 'false', DATABASE_POOL_IDLE_SECONDS: '0' });
    expect(pooled.database).toMatchObject({ preparedStatements: false, idleSeconds: 0 });
  });

  it('lists every invalid variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://nope', APP_SECRET: 'short', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT/m);
    expect(problems).toMatch(/^DATABASE_URL/m);
    expect(problems).toMatch(/^APP_SECRET/m);
    expect(problems).toMatch(/^LOG_LEVEL/m);
    // Secrets are never echoed back.
    expect(problems).not.toContain('short');
    expect(problems).not.toContain('mysql://nope');
  });

  it('requires a secret and a public URL in production, and turns the demo off there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/APP_SECRET[\s\S]*PUBLIC_URL|PUBLIC_URL[\s\S]*APP_SECRET/);
    const config = loadConfig({ NODE_ENV: 'production', APP_SECRET: SECRET, PUBLIC_URL: 'https://pix.example.org/', DEMO_ENABLED: 'true' });
    expect(config.demoEnabled).toBe(false);
    expect(config.publicUrl).toBe('https://pix.example.org');
  });

  it('parses frame ancestors as origins and trust proxy forms', () => {
    const config = loadConfig({ FRAME_ANCESTORS: 'https://moodle.example.org/course, http://127.0.0.1:8080', TRUST_PROXY: '2' });
    expect(config.frameAncestors).toEqual(['https://moodle.example.org', 'http://127.0.0.1:8080']);
    expect(config.trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(() => loadConfig({ FRAME_ANCESTORS: 'javascript:alert(1)' })).toThrow(ConfigError);
  });

  it('runs several server processes only on PostgreSQL', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/pix', WEB_CONCURRENCY: '3' }).workers).toBe(3);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/pix', WEB_CONCURRENCY: 'auto' }).workers).toBeGreaterThanOrEqual(1);
    expect(() => loadConfig({ WEB_CONCURRENCY: '2' })).toThrow(/WEB_CONCURRENCY[^\n]*PostgreSQL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/pix', WEB_CONCURRENCY: '0' })).toThrow(ConfigError);
  });
});
