import { randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { garAuthnRequests, garConsumedAssertions, garLoginSteps, garSessions, garUaiChoices } from './gar-schema.ts';

/**
 * The SAML protocol state, in PostgreSQL so that every instance sees it: the ACS post may reach another
 * instance than the one that sent the AuthnRequest, and a replay may be tried on any of them.
 */
export function createGarStores(db: Database) {
  return {
    authnRequests: {
      async save(input: { id: string; idp: string; target: string; now: Date; ttlSeconds: number }): Promise<void> {
        await db.insert(garAuthnRequests).values({
          id: input.id,
          idp: input.idp,
          target: input.target,
          createdAt: input.now,
          expiresAt: new Date(input.now.getTime() + input.ttlSeconds * 1000),
        });
        // Housekeeping on the write path: expired requests are useless.
        await db.delete(garAuthnRequests).where(lt(garAuthnRequests.expiresAt, input.now));
      },
      async peek(id: string, now: Date): Promise<{ idp: string } | null> {
        const [row] = await db
          .select({ idp: garAuthnRequests.idp, expiresAt: garAuthnRequests.expiresAt })
          .from(garAuthnRequests)
          .where(eq(garAuthnRequests.id, id));
        return row && row.expiresAt > now ? { idp: row.idp } : null;
      },
      /** Single use: the first instance to consume it wins, whatever the concurrency. */
      async consume(id: string, now: Date): Promise<{ idp: string; target: string } | null> {
        const [row] = await db
          .delete(garAuthnRequests)
          .where(eq(garAuthnRequests.id, id))
          .returning({ idp: garAuthnRequests.idp, target: garAuthnRequests.target, expiresAt: garAuthnRequests.expiresAt });
        return row && row.expiresAt > now ? { idp: row.idp, target: row.target } : null;
      },
    },
    assertions: {
      /** False when this assertion id was already used (a replay), on any instance. */
      async markConsumed(input: { idp: string; assertionId: string; now: Date; expiresAt: Date }): Promise<boolean> {
        const inserted = await db
          .insert(garConsumedAssertions)
          .values({ idp: input.idp, assertionId: input.assertionId, consumedAt: input.now, expiresAt: input.expiresAt })
          .onConflictDoNothing()
          .returning({ id: garConsumedAssertions.assertionId });
        await db.delete(garConsumedAssertions).where(lt(garConsumedAssertions.expiresAt, input.now));
        return inserted.length === 1;
      },
    },
    loginSteps: {
      async create(input: { step: 'CHOOSE_UAI' | 'BIRTHDATE' | 'NOTICE'; state: Record<string, unknown>; now: Date; ttlSeconds: number }): Promise<string> {
        const id = randomBytes(24).toString('base64url');
        await db.insert(garLoginSteps).values({
          id,
          step: input.step,
          state: input.state,
          createdAt: input.now,
          expiresAt: new Date(input.now.getTime() + input.ttlSeconds * 1000),
        });
        await db.delete(garLoginSteps).where(lt(garLoginSteps.expiresAt, input.now));
        return id;
      },
      async peek(id: string, now: Date) {
        const [row] = await db.select().from(garLoginSteps).where(eq(garLoginSteps.id, id));
        return row && row.expiresAt > now ? row : null;
      },
      /** Single use. */
      async take(id: string, now: Date) {
        const [row] = await db.delete(garLoginSteps).where(eq(garLoginSteps.id, id)).returning();
        return row && row.expiresAt > now ? row : null;
      },
    },
    sessions: {
      async record(input: { sessionId: string; userId: string; idp: string; nameId: string; nameIdFormat: string | null; sessionIndex: string | null; now: Date }) {
        await db.insert(garSessions).values({ ...input, createdAt: input.now }).onConflictDoNothing();
      },
      async isEnded(sessionId: string): Promise<boolean> {
        const [row] = await db.select({ endedAt: garSessions.endedAt }).from(garSessions).where(eq(garSessions.sessionId, sessionId));
        // A GAR session token whose session row is gone (purged) is not trusted either.
        return !row || row.endedAt !== null;
      },
      /** Ends the sessions of this NameID (of this SessionIndex when given): front- or back-channel logout. */
      async endByNameId(input: { idp: string; nameId: string; sessionIndexes: string[]; now: Date }): Promise<number> {
        const conditions = [eq(garSessions.idp, input.idp), eq(garSessions.nameId, input.nameId), isNull(garSessions.endedAt)];
        if (input.sessionIndexes.length) conditions.push(sql`${garSessions.sessionIndex} in (${sql.join(input.sessionIndexes.map((s) => sql`${s}`), sql`, `)})`);
        const ended = await db.update(garSessions).set({ endedAt: input.now }).where(and(...conditions)).returning({ id: garSessions.sessionId });
        return ended.length;
      },
      async end(sessionId: string, now: Date) {
        const [row] = await db
          .update(garSessions)
          .set({ endedAt: now })
          .where(and(eq(garSessions.sessionId, sessionId), isNull(garSessions.endedAt)))
          .returning();
        return row ?? null;
      },
    },
    uaiChoices: {
      async get(userId: string): Promise<string | null> {
        const [row] = await db.select({ uai: garUaiChoices.uai }).from(garUaiChoices).where(eq(garUaiChoices.userId, userId));
        return row?.uai ?? null;
      },
      async set(userId: string, uai: string, now: Date): Promise<void> {
        await db.insert(garUaiChoices).values({ userId, uai, updatedAt: now }).onConflictDoUpdate({ target: garUaiChoices.userId, set: { uai, updatedAt: now } });
      },
    },
  };
}
export type GarStores = ReturnType<typeof createGarStores>;
