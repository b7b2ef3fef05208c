import { importJWK, type CryptoKey, type JWK } from 'jose';
import { LtiError } from '../domain/lti-errors.ts';
import { PlatformHttpError, type PlatformHttp } from './platform-http.ts';

export interface PlatformKeys {
  /** The platform key with this `kid`, from the cached JWKS, refetched once when the `kid` is unknown. */
  keyFor(jwksUrl: string, kid: string): Promise<CryptoKey>;
  /** Forget a JWKS (tests, key incidents). */
  forget(jwksUrl: string): void;
}

interface CachedSet {
  fetchedAt: number;
  keys: JWK[];
  imported: Map<string, Promise<CryptoKey>>;
}

/**
 * Platform JWKS cache. Never fetched per launch (a slow platform JWKS once made a first launch take 27 s): kept
 * for `ttlMs`, refetched once when a token names an unknown `kid` (the platform rotated), but not more often
 * than once a second per platform, so forged `kid`s cannot make the tool hammer the platform.
 */
export function createPlatformKeys(deps: {
  http: PlatformHttp;
  now?: () => number;
  ttlMs?: number;
  minRefetchMs?: number;
  /** In-process JWKS (the demo platform), looked up before any HTTP call. */
  local?: (jwksUrl: string) => Promise<{ keys: JWK[] } | null>;
}): PlatformKeys {
  const now = deps.now ?? Date.now;
  const ttlMs = deps.ttlMs ?? 6 * 3600_000;
  const minRefetchMs = deps.minRefetchMs ?? 1000;
  const cache = new Map<string, CachedSet>();
  const inflight = new Map<string, Promise<CachedSet>>();

  async function fetchSet(jwksUrl: string): Promise<CachedSet> {
    let pending = inflight.get(jwksUrl);
    if (!pending) {
      pending = (async () => {
        const local = deps.local ? await deps.local(jwksUrl) : null;
        let body: unknown = local;
        if (!local) {
          try {
            const response = await deps.http.request(jwksUrl, { headers: { accept: 'application/json' } });
            if (response.status !== 200) throw new LtiError('LTI_JWKS_UNAVAILABLE', `JWKS HTTP ${response.status}`);
            body = response.json();
          } catch (error) {
            if (error instanceof PlatformHttpError) throw new LtiError('LTI_JWKS_UNAVAILABLE', error.message);
            throw error;
          }
        }
        const keys = typeof body === 'object' && body !== null && Array.isArray((body as { keys?: unknown }).keys) ? ((body as { keys: JWK[] }).keys) : null;
        if (!keys) throw new LtiError('LTI_JWKS_UNAVAILABLE', 'JWKS without keys');
        const set: CachedSet = { fetchedAt: now(), keys, imported: new Map() };
        cache.set(jwksUrl, set);
        return set;
      })().finally(() => inflight.delete(jwksUrl));
      inflight.set(jwksUrl, pending);
    }
    return pending;
  }

  function importFrom(set: CachedSet, kid: string): Promise<CryptoKey> | null {
    const jwk = set.keys.find((key) => key.kid === kid);
    if (!jwk) return null;
    // RS256 only: an RSA key is imported for RS256 whatever `alg` the JWKS claims.
    if (jwk.kty !== 'RSA') return null;
    let key = set.imported.get(kid);
    if (!key) {
      key = importJWK({ kty: jwk.kty, n: jwk.n, e: jwk.e }, 'RS256') as Promise<CryptoKey>;
      set.imported.set(kid, key);
    }
    return key;
  }

  return {
    async keyFor(jwksUrl, kid) {
      let set = cache.get(jwksUrl);
      if (!set) set = await fetchSet(jwksUrl);
      else if (now() - set.fetchedAt > ttlMs) {
        // Past its TTL: refreshed, but a platform whose JWKS is briefly unreachable keeps working on the old copy.
        const stale: CachedSet = set;
        set = await fetchSet(jwksUrl).catch(() => stale);
      }
      let key = importFrom(set, kid);
      if (!key && now() - set.fetchedAt >= minRefetchMs) {
        set = await fetchSet(jwksUrl);
        key = importFrom(set, kid);
      }
      if (!key) throw new LtiError('LTI_KEY_UNKNOWN', `kid ${kid}`);
      try {
        return await key;
      } catch {
        set.imported.delete(kid);
        throw new LtiError('LTI_KEY_UNKNOWN', `kid ${kid} cannot be imported`);
      }
    },
    forget(jwksUrl) {
      cache.delete(jwksUrl);
    },
  };
}
