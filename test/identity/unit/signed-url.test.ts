import { describe, expect, it } from 'vitest';
import { createSignedUrls } from '../../../tool/src/identity/domain/signed-url.ts';

describe('signed download URLs', () => {
  const key = new TextEncoder().encode('s'.repeat(32));
  let now = Date.UTC(2026, 10, 22);
  const urls = createSignedUrls(key, () => new Date(now));

  function queryOf(url: string) {
    return Object.fromEntries(new URL(url, 'http://x').searchParams);
  }

  it('accepts its own signature for the same path until it expires', () => {
    const url = urls.sign('/attachments/c1/notes.csv', 60);
    expect(urls.verify('/attachments/c1/notes.csv', queryOf(url))).toBe(true);
    now += 61_000;
    expect(urls.verify('/attachments/c1/notes.csv', queryOf(url))).toBe(false);
  });

  it('refuses another path, a changed expiry or garbage', () => {
    now = Date.UTC(2026, 10, 22);
    const query = queryOf(urls.sign('/exports/a.csv'));
    expect(urls.verify('/exports/b.csv', query)).toBe(false);
    expect(urls.verify('/exports/a.csv', { ...query, exp: String(Number(query.exp) + 1000) })).toBe(false);
    expect(urls.verify('/exports/a.csv', { exp: ['1'], sig: 'x' })).toBe(false);
    expect(urls.verify('/exports/a.csv', {})).toBe(false);
  });
});
