import { exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { createPlatformKeys } from '../../../tool/src/lti/infrastructure/platform-jwks.ts';
import type { PlatformHttp } from '../../../tool/src/lti/infrastructure/platform-http.ts';
import { LtiError } from '../../../tool/src/lti/domain/lti-errors.ts';

async function jwk(kid: string) {
  const { publicKey } = await generateKeyPair('RS256');
  return { ...(await exportJWK(publicKey)), kid };
}

function fakeHttp(answers: Array<{ status: number; keys?: unknown[] } | Error>) {
  const calls: string[] = [];
  const http: PlatformHttp = {
    async request(url) {
      calls.push(url);
      const answer = answers.shift() ?? new Error('no more answers');
      if (answer instanceof Error) throw answer;
      const text = JSON.stringify({ keys: answer.keys ?? [] });
      return { status: answer.status, headers: new Headers(), text, json: () => JSON.parse(text) };
    },
  };
  return { http, calls };
}

describe('platform JWKS cache', () => {
  it('fetches once, refetches once on an unknown kid (rotation), at most once a second', async () => {
    const [a, b] = [await jwk('a'), await jwk('b')];
    let time = 0;
    const { http, calls } = fakeHttp([{ status: 200, keys: [a] }, { status: 200, keys: [a, b] }, { status: 200, keys: [a, b] }]);
    const keys = createPlatformKeys({ http, now: () => time });
    await keys.keyFor('https://p/jwks', 'a');
    await keys.keyFor('https://p/jwks', 'a');
    expect(calls).toHaveLength(1);
    time += 5000;
    await keys.keyFor('https://p/jwks', 'b');
    expect(calls).toHaveLength(2);
    await expect(keys.keyFor('https://p/jwks', 'forged')).rejects.toMatchObject({ code: 'LTI_KEY_UNKNOWN' });
    expect(calls).toHaveLength(2);
  });

  it('keeps the old copy when a refresh past the TTL fails, and says JWKS_UNAVAILABLE when there is none', async () => {
    const a = await jwk('a');
    let time = 0;
    const { http } = fakeHttp([{ status: 200, keys: [a] }, new Error('ECONNREFUSED')]);
    const keys = createPlatformKeys({ http, now: () => time, ttlMs: 1000 });
    await keys.keyFor('https://p/jwks', 'a');
    time += 5000;
    await expect(keys.keyFor('https://p/jwks', 'a')).resolves.toBeDefined();
    const { http: down } = fakeHttp([{ status: 503 }]);
    const error = await createPlatformKeys({ http: down }).keyFor('https://q/jwks', 'a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LtiError);
    expect((error as LtiError).code).toBe('LTI_JWKS_UNAVAILABLE');
  });

  it('never imports a non-RSA key, whatever its kid', async () => {
    const { http } = fakeHttp([{ status: 200, keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 'h' }] }]);
    await expect(createPlatformKeys({ http }).keyFor('https://p/jwks', 'h')).rejects.toMatchObject({ code: 'LTI_KEY_UNKNOWN' });
  });
});
