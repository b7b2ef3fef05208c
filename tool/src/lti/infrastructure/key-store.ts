import { and, desc, eq, inArray } from 'drizzle-orm';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Clock } from '../../shared/domain/clock.ts';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { decryptAtRest, encryptAtRest } from '../../shared/infrastructure/crypto/keys.ts';
import { ltiKeys } from './lti-schema.ts';

export type KeyPurpose = 'tool' | 'demo-platform';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
}

export interface KeySummary {
  kid: string;
  status: 'active' | 'previous' | 'retired';
  createdAt: Date;
}

export interface KeyStore {
  /** The key that signs now; created on first use (one per purpose, even with several instances). */
  signingKey(): Promise<SigningKey>;
  /** What the JWKS URL publishes: the active key and the previous one (platforms cache JWKS). */
  publicJwks(): Promise<{ keys: JWK[] }>;
  /** New active key; the active one stays published as previous; the older previous is retired. */
  rotate(): Promise<{ active: string; previous: string | null; retired: string[] }>;
  list(): Promise<KeySummary[]>;
}

const CACHE_MS = 30_000;

/**
 * RS256 key pairs in `lti_keys`, private halves sealed with AES-256-GCM under a key derived from APP_SECRET.
 * Cached briefly in memory: a rotation made by another instance is seen within 30 s, and the previous key
 * stays published meanwhile, so nothing signed in between fails.
 */
export function createKeyStore(deps: { db: Database; encryptionKey: Buffer; clock: Clock; purpose: KeyPurpose }): KeyStore {
  const { db, purpose } = deps;
  let cached: { at: number; rows: Array<typeof ltiKeys.$inferSelect> } | null = null;
  const imported = new Map<string, Promise<CryptoKey>>();

  async function rows() {
    const now = Date.now();
    if (cached && now - cached.at < CACHE_MS) return cached.rows;
    const fresh = await db
      .select()
      .from(ltiKeys)
      .where(and(eq(ltiKeys.purpose, purpose), inArray(ltiKeys.status, ['active', 'previous'])))
      .orderBy(desc(ltiKeys.createdAt));
    cached = { at: now, rows: fresh };
    return fresh;
  }

  async function newKeyRow() {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    const privateJwk = await exportJWK(privateKey);
    return {
      kid,
      purpose,
      status: 'active' as const,
      publicJwk: { ...publicJwk, kid, alg: 'RS256', use: 'sig' },
      privateJwkSealed: encryptAtRest(deps.encryptionKey, JSON.stringify({ ...privateJwk, kid, alg: 'RS256' })),
      createdAt: deps.clock.now(),
    };
  }

  async function active() {
    let found = (await rows()).find((row) => row.status === 'active');
    if (found) return found;
    // The partial unique index lets one instance win; the others read the winner.
    await db.insert(ltiKeys).values(await newKeyRow()).onConflictDoNothing();
    cached = null;
    found = (await rows()).find((row) => row.status === 'active');
    if (!found) throw new Error('no active LTI key after creation');
    return found;
  }

  return {
    async signingKey() {
      const row = await active();
      let key = imported.get(row.kid);
      if (!key) {
        const jwk = JSON.parse(decryptAtRest(deps.encryptionKey, row.privateJwkSealed)) as JWK;
        key = importJWK(jwk, 'RS256') as Promise<CryptoKey>;
        imported.set(row.kid, key);
      }
      return { kid: row.kid, privateKey: await key };
    },
    async publicJwks() {
      await active();
      return { keys: (await rows()).map((row) => row.publicJwk as JWK) };
    },
    async rotate() {
      const fresh = await newKeyRow();
      const result = await db.transaction(async (tx) => {
        const now = deps.clock.now();
        const retired = await tx
          .update(ltiKeys)
          .set({ status: 'retired', retiredAt: now })
          .where(and(eq(ltiKeys.purpose, purpose), eq(ltiKeys.status, 'previous')))
          .returning({ kid: ltiKeys.kid });
        const previous = await tx
          .update(ltiKeys)
          .set({ status: 'previous' })
          .where(and(eq(ltiKeys.purpose, purpose), eq(ltiKeys.status, 'active')))
          .returning({ kid: ltiKeys.kid });
        await tx.insert(ltiKeys).values(fresh);
        return { active: fresh.kid, previous: previous[0]?.kid ?? null, retired: retired.map((r) => r.kid) };
      });
      cached = null;
      return result;
    },
    async list() {
      return db
        .select({ kid: ltiKeys.kid, status: ltiKeys.status, createdAt: ltiKeys.createdAt })
        .from(ltiKeys)
        .where(eq(ltiKeys.purpose, purpose))
        .orderBy(desc(ltiKeys.createdAt));
    },
  };
}
