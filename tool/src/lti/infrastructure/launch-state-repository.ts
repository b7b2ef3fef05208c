import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { ltiLaunchStates, ltiUsedNonces } from './lti-schema.ts';

export interface StoredLaunchState {
  state: string;
  platformId: string;
  nonce: string;
  targetLinkUri: string;
  browserBindingHash: string;
  expiresAt: Date;
}

export type ConsumedState = { status: 'ok'; state: StoredLaunchState } | { status: 'unknown' | 'reused' | 'expired' };

/**
 * OIDC states and used nonces in PostgreSQL, so a login handled by one instance can be completed by another.
 * A state is consumed by one atomic UPDATE: two concurrent posts of the same state cannot both win.
 */
export function createLaunchStateRepository(db: Database) {
  return {
    async create(input: StoredLaunchState, now: Date): Promise<void> {
      await db.insert(ltiLaunchStates).values({ ...input, createdAt: now });
    },
    async consume(state: string, now: Date): Promise<ConsumedState> {
      const [row] = await db
        .update(ltiLaunchStates)
        .set({ consumedAt: now })
        .where(and(eq(ltiLaunchStates.state, state), isNull(ltiLaunchStates.consumedAt)))
        .returning();
      if (row) {
        if (row.expiresAt.getTime() < now.getTime()) return { status: 'expired' };
        return {
          status: 'ok',
          state: {
            state: row.state,
            platformId: row.platformId,
            nonce: row.nonce,
            targetLinkUri: row.targetLinkUri,
            browserBindingHash: row.browserBindingHash,
            expiresAt: row.expiresAt,
          },
        };
      }
      const [existing] = await db.select({ state: ltiLaunchStates.state }).from(ltiLaunchStates).where(eq(ltiLaunchStates.state, state));
      return { status: existing ? 'reused' : 'unknown' };
    },
    /** Records a nonce as used; false when it already was (a replay). */
    async useNonce(platformId: string, nonce: string, expiresAt: Date): Promise<boolean> {
      const inserted = await db.insert(ltiUsedNonces).values({ platformId, nonce, expiresAt }).onConflictDoNothing().returning({ nonce: ltiUsedNonces.nonce });
      return inserted.length === 1;
    },
    /** Drops states and nonces past their lifetime (a day of margin keeps "reused" distinguishable from "unknown"). */
    async purge(now: Date): Promise<{ states: number; nonces: number }> {
      const dayAgo = new Date(now.getTime() - 86_400_000);
      const states = await db.delete(ltiLaunchStates).where(lt(ltiLaunchStates.expiresAt, dayAgo)).returning({ state: ltiLaunchStates.state });
      const nonces = await db.delete(ltiUsedNonces).where(lt(ltiUsedNonces.expiresAt, now)).returning({ nonce: ltiUsedNonces.nonce });
      return { states: states.length, nonces: nonces.length };
    },
    async countStates(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(ltiLaunchStates);
      return row?.n ?? 0;
    },
  };
}
export type LaunchStateRepository = ReturnType<typeof createLaunchStateRepository>;
