import { eq, lt, sql } from 'drizzle-orm';
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

type StateRow = { state: string; platform_id: string; nonce: string; target_link_uri: string; browser_binding_hash: string; expires_at: string | Date };

/** `nonceFresh`: the id_token's nonce was recorded now (false: used before, a replay). */
export type ConsumedState = { status: 'ok'; state: StoredLaunchState; nonceFresh: boolean } | { status: 'unknown' | 'reused' | 'expired' };

/**
 * OIDC states and used nonces in PostgreSQL, so a login handled by one instance can be completed by another.
 * A state is consumed by one atomic UPDATE: two concurrent posts of the same state cannot both win.
 */
export function createLaunchStateRepository(db: Database) {
  return {
    async create(input: StoredLaunchState, now: Date): Promise<void> {
      await db.insert(ltiLaunchStates).values({ ...input, createdAt: now });
    },
    /**
     * Consumes a state and, in the same statement, records the id_token's nonce for the state's platform (one
     * round trip, one commit). The nonce is read from the token before its signature is checked: recording a
     * forged token's nonce costs nothing, since the state it came with is spent either way. `nonceFresh` is
     * false when the nonce was already used (a replay, reported once the signature is known to be good).
     */
    async consume(state: string, nonce: { value: string; expiresAt: Date }, now: Date): Promise<ConsumedState> {
      const { rows } = await db.execute<StateRow & { nonce_fresh: boolean }>(sql`
        with consumed as (
          update lti_launch_states set consumed_at = ${now}::timestamptz
          where state = ${state} and consumed_at is null
          returning state, platform_id, nonce, target_link_uri, browser_binding_hash, expires_at
        ), recorded as (
          insert into lti_used_nonces (platform_id, nonce, expires_at)
          select platform_id, ${nonce.value}, ${nonce.expiresAt}::timestamptz from consumed
          where ${nonce.value} <> '' and consumed.expires_at >= ${now}::timestamptz
          on conflict do nothing
          returning nonce
        )
        select consumed.*, exists (select 1 from recorded) as nonce_fresh from consumed`);
      const row = rows[0];
      if (row) {
        const expiresAt = row.expires_at instanceof Date ? row.expires_at : new Date(row.expires_at);
        if (expiresAt.getTime() < now.getTime()) return { status: 'expired' };
        return {
          status: 'ok',
          nonceFresh: row.nonce_fresh,
          state: {
            state: row.state,
            platformId: row.platform_id,
            nonce: row.nonce,
            targetLinkUri: row.target_link_uri,
            browserBindingHash: row.browser_binding_hash,
            expiresAt,
          },
        };
      }
      const [existing] = await db.select({ state: ltiLaunchStates.state }).from(ltiLaunchStates).where(eq(ltiLaunchStates.state, state));
      return { status: existing ? 'reused' : 'unknown' };
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
