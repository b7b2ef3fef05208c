import { and, eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import type { Clock } from '../../shared/domain/clock.ts';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { decryptAtRest, encryptAtRest } from '../../shared/infrastructure/crypto/keys.ts';
import { CLIENT_ASSERTION_TYPE } from '../domain/lti-claims.ts';
import type { KeyStore } from './key-store.ts';
import { ltiAccessTokens } from './lti-schema.ts';
import { PlatformHttpError, type PlatformHttp } from './platform-http.ts';
import type { Platform } from './platform-repository.ts';
import { PlatformServiceError } from './platform-service-error.ts';

export interface AccessToken {
  token: string;
  scopes: string[];
}

export interface AccessTokens {
  /**
   * A bearer token for these scopes, narrowed to what the platform granted (Moodle's "grade sync only" withholds
   * `lineitem`): from memory, else from the shared table, else a client_credentials grant with a private_key_jwt
   * client assertion.
   */
  get(platform: Platform, wanted: readonly string[]): Promise<AccessToken>;
  /** The platform refused the token (401): forget it. */
  invalidate(platform: Platform, scopes: readonly string[]): Promise<void>;
}

/** Scopes to ask for: wanted ∩ granted, sorted (also the cache key). */
export function grantedScopes(platform: Pick<Platform, 'scopes'>, wanted: readonly string[]): string[] {
  return [...new Set(wanted.filter((scope) => platform.scopes.includes(scope)))].sort();
}

const MARGIN_MS = 60_000;

export function createAccessTokens(deps: {
  db: Database;
  http: PlatformHttp;
  toolKeys: KeyStore;
  encryptionKey: Buffer;
  clock: Clock;
  randomId: () => string;
}): AccessTokens {
  const memory = new Map<string, { token: string; expiresAt: number }>();

  async function request(platform: Platform, scopes: string[]): Promise<{ token: string; expiresAt: number }> {
    const now = deps.clock.now().getTime();
    const { kid, privateKey } = await deps.toolKeys.signingKey();
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(platform.clientId)
      .setSubject(platform.clientId)
      .setAudience(platform.authorizationServer ?? platform.tokenUrl)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(now / 1000) + 300)
      .setJti(deps.randomId())
      .sign(privateKey);
    let response;
    try {
      response = await deps.http.request(platform.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_assertion_type: CLIENT_ASSERTION_TYPE,
          client_assertion: assertion,
          scope: scopes.join(' '),
        }).toString(),
      });
    } catch (error) {
      if (error instanceof PlatformHttpError) throw new PlatformServiceError(`token endpoint: ${error.message}`, 0);
      throw error;
    }
    if (response.status !== 200) throw new PlatformServiceError(`token endpoint answered ${response.status}: ${response.text.slice(0, 200)}`, response.status);
    const body = response.json() as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || body.access_token === '') throw new PlatformServiceError('token endpoint: no access_token', 502);
    const lifetimeMs = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600) * 1000;
    return { token: body.access_token, expiresAt: now + Math.max(10_000, lifetimeMs - MARGIN_MS) };
  }

  return {
    async get(platform, wanted) {
      const scopes = grantedScopes(platform, wanted);
      if (scopes.length === 0) throw new PlatformServiceError(`scopes not granted: ${wanted.join(' ')}`, 403);
      const key = `${platform.id}|${scopes.join(' ')}`;
      const now = deps.clock.now().getTime();
      const inMemory = memory.get(key);
      if (inMemory && inMemory.expiresAt > now) return { token: inMemory.token, scopes };

      const scopeKey = scopes.join(' ');
      const [stored] = await deps.db
        .select()
        .from(ltiAccessTokens)
        .where(and(eq(ltiAccessTokens.platformId, platform.id), eq(ltiAccessTokens.scopeKey, scopeKey)));
      if (stored && stored.expiresAt.getTime() > now) {
        const token = decryptAtRest(deps.encryptionKey, stored.tokenSealed);
        memory.set(key, { token, expiresAt: stored.expiresAt.getTime() });
        return { token, scopes };
      }
      const fresh = await request(platform, scopes);
      memory.set(key, fresh);
      const values = { platformId: platform.id, scopeKey, tokenSealed: encryptAtRest(deps.encryptionKey, fresh.token), expiresAt: new Date(fresh.expiresAt) };
      await deps.db
        .insert(ltiAccessTokens)
        .values(values)
        .onConflictDoUpdate({ target: [ltiAccessTokens.platformId, ltiAccessTokens.scopeKey], set: { tokenSealed: values.tokenSealed, expiresAt: values.expiresAt } });
      return { token: fresh.token, scopes };
    },
    async invalidate(platform, wanted) {
      const scopes = grantedScopes(platform, wanted);
      memory.delete(`${platform.id}|${scopes.join(' ')}`);
      await deps.db.delete(ltiAccessTokens).where(and(eq(ltiAccessTokens.platformId, platform.id), eq(ltiAccessTokens.scopeKey, scopes.join(' '))));
    },
  };
}
