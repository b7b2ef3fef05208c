import { createHmac } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';
import type { ApiGrant } from '../domain/livret-scopes.ts';
import { livretErrors } from '../domain/livret-errors.ts';

const ISSUER = 'pix-embed';
const AUDIENCE = 'pix-embed-livret-api';
const VERIFIED_TOKENS_KEPT = 500;

/**
 * Stateless access tokens (HS256 JWT, default 20 minutes like Pix's `accessTokenLifespanMs`). The key is
 * derived from the session key for this one purpose, and the audience differs, so a livret token is never a
 * session and a session never a livret token. Scopes and reach are in the token; the route re-checks that
 * the client is still active, so `client revoke` takes effect at once on every instance.
 */
export function createLivretAccessTokens(sessionKey: Uint8Array, lifetimeSeconds: number, now: () => Date) {
  const key = createHmac('sha256', sessionKey).update('livret-api-access-token').digest();
  /**
   * Tokens already verified, until they expire: a client reads every page of a school with one token, and
   * each HMAC check goes through WebCrypto's thread pool (about 1 ms a call on a busy server). Only a valid
   * token is kept, so nothing an attacker sends fills it; bounded anyway (oldest dropped first).
   */
  const verified = new Map<string, { grant: ApiGrant; expiresAt: number }>();
  return {
    lifetimeSeconds,
    async issue(grant: ApiGrant): Promise<string> {
      const issuedAt = Math.floor(now().getTime() / 1000);
      return new SignJWT({ scope: grant.scopes.join(' '), uais: grant.uais })
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .setSubject(grant.clientId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + lifetimeSeconds)
        .sign(key);
    },
    async verify(token: string): Promise<ApiGrant> {
      const known = verified.get(token);
      if (known && now().getTime() < known.expiresAt) return known.grant;
      if (known) verified.delete(token);
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, currentDate: now() });
        const uais = payload.uais;
        if (typeof payload.sub !== 'string' || typeof payload.scope !== 'string' || typeof payload.exp !== 'number') throw livretErrors.tokenInvalid();
        const reach = Array.isArray(uais) ? uais.filter((u): u is string => typeof u === 'string') : null;
        const grant: ApiGrant = { clientId: payload.sub, scopes: payload.scope.split(' ').filter(Boolean), uais: reach };
        if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value ?? '');
        verified.set(token, { grant, expiresAt: payload.exp * 1000 });
        return grant;
      } catch (error) {
        if (error instanceof errors.JOSEError) throw livretErrors.tokenInvalid();
        throw error;
      }
    },
  };
}
export type LivretAccessTokens = ReturnType<typeof createLivretAccessTokens>;
