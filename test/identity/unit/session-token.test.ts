import { SignJWT, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { createSessionTokens } from '../../../tool/src/identity/domain/session-token.ts';

const key = new TextEncoder().encode('k'.repeat(32));
const claims = { userId: 'u-1', organizationId: 'o-1', role: 'PUPIL' as const, locale: 'fr', via: 'demo' };

function clockAt(start: number) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

describe('session tokens', () => {
  it('round-trips the claims', async () => {
    const tokens = createSessionTokens(key, 1800);
    const verified = await tokens.verify(await tokens.issue(claims));
    expect(verified).toMatchObject(claims);
    expect(verified.sessionId).toMatch(/[0-9a-f-]{36}/);
  });

  it('expires after its lifetime', async () => {
    const clock = clockAt(Date.UTC(2026, 10, 22, 8));
    const tokens = createSessionTokens(key, 600, clock.now);
    const token = await tokens.issue(claims);
    clock.advance(601_000);
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'SESSION_EXPIRED', status: 401 });
  });

  it('refuses a token signed with another key or tampered with', async () => {
    const other = createSessionTokens(new TextEncoder().encode('z'.repeat(32)), 600);
    const tokens = createSessionTokens(key, 600);
    await expect(tokens.verify(await other.issue(claims))).rejects.toMatchObject({ code: 'SESSION_INVALID' });
    const [h, p, s] = (await tokens.issue(claims)).split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    payload.role = 'ADMIN';
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    await expect(tokens.verify(forged)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
  });

  it('refuses a token without our audience even if signed with our key', async () => {
    const tokens = createSessionTokens(key, 600);
    const foreign = await new SignJWT({ role: 'ADMIN' }).setProtectedHeader({ alg: 'HS256' }).setSubject('u').setJti('j').setIssuedAt().setExpirationTime('5m').sign(key);
    await expect(tokens.verify(foreign)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
  });

  it('issues standard HS256 JWTs that another implementation verifies', async () => {
    const token = await createSessionTokens(key, 600).issue(claims);
    const { payload, protectedHeader } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: 'pix-embed', audience: 'pix-embed-session' });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: 'u-1', org: 'o-1', role: 'PUPIL', loc: 'fr', via: 'demo' });
  });

  it('refuses an unsigned token (alg none) carrying valid claims', async () => {
    const tokens = createSessionTokens(key, 600);
    const [, p] = (await tokens.issue(claims)).split('.');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    await expect(tokens.verify(`${none}.${p}.`)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
    await expect(tokens.verify('not-a-token')).rejects.toMatchObject({ code: 'SESSION_INVALID' });
  });

  it('offers a fresh token once a third of the lifetime has passed, keeping the session id', async () => {
    const clock = clockAt(Date.UTC(2026, 10, 22, 8));
    const tokens = createSessionTokens(key, 900, clock.now);
    const first = await tokens.verify(await tokens.issue(claims));
    expect(await tokens.refreshIfDue(first)).toBeNull();
    clock.advance(301_000);
    const refreshed = await tokens.refreshIfDue(first);
    expect(refreshed).not.toBeNull();
    const second = await tokens.verify(refreshed!);
    expect(second.sessionId).toBe(first.sessionId);
    clock.advance(800_000);
    await expect(tokens.verify(refreshed!)).resolves.toMatchObject({ userId: 'u-1' });
  });
});
