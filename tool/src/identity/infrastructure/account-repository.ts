import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { externalIdentities, users } from './identity-schema.ts';

export interface ExternalIdentity {
  provider: string;
  issuer: string;
  subject: string;
}
export interface Person {
  firstName: string;
  lastName: string;
  email: string | null;
  locale: string;
}
export interface Account extends Person {
  id: string;
}

const userColumns = { id: users.id, firstName: users.firstName, lastName: users.lastName, email: users.email, locale: users.locale };

/**
 * Accounts are created on first launch and keyed on the external identity, never on names or e-mails.
 * Names are refreshed at every login because the platform is the source of truth.
 */
export function createAccountRepository(db: Database) {
  async function findByIdentity(identity: ExternalIdentity): Promise<Account | null> {
    const [row] = await db
      .select(userColumns)
      .from(externalIdentities)
      .innerJoin(users, eq(users.id, externalIdentities.userId))
      .where(
        and(
          eq(externalIdentities.provider, identity.provider),
          eq(externalIdentities.issuer, identity.issuer),
          eq(externalIdentities.subject, identity.subject),
        ),
      );
    return row ?? null;
  }

  return {
    findByIdentity,
    async findById(id: string): Promise<Account | null> {
      const [row] = await db.select(userColumns).from(users).where(eq(users.id, id));
      return row ?? null;
    },
    /** Safe under concurrent first launches of one person: the unique identity index decides the winner. */
    async upsertFromIdentity(identity: ExternalIdentity, person: Person, now: Date): Promise<{ account: Account; created: boolean }> {
      const existing = await findByIdentity(identity);
      if (existing) {
        const [updated] = await db
          .update(users)
          .set({ firstName: person.firstName, lastName: person.lastName, email: person.email, locale: person.locale, updatedAt: now, lastSeenAt: now })
          .where(eq(users.id, existing.id))
          .returning(userColumns);
        await db
          .update(externalIdentities)
          .set({ lastLoginAt: now })
          .where(and(eq(externalIdentities.provider, identity.provider), eq(externalIdentities.issuer, identity.issuer), eq(externalIdentities.subject, identity.subject)));
        return { account: updated ?? existing, created: false };
      }
      const created = await db.transaction(async (tx) => {
        const [user] = await tx
          .insert(users)
          .values({ firstName: person.firstName, lastName: person.lastName, email: person.email, locale: person.locale, lastSeenAt: now })
          .returning(userColumns);
        if (!user) throw new Error('insert returned no row');
        const inserted = await tx
          .insert(externalIdentities)
          .values({ userId: user.id, ...identity, lastLoginAt: now })
          .onConflictDoNothing()
          .returning({ id: externalIdentities.id });
        if (inserted.length === 0) {
          // Another request created this identity meanwhile: drop our user, keep theirs.
          await tx.delete(users).where(eq(users.id, user.id));
          return null;
        }
        return user;
      });
      if (created) return { account: created, created: true };
      const winner = await findByIdentity(identity);
      if (!winner) throw new Error('identity vanished after conflict');
      return { account: winner, created: false };
    },
    async count(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
      return row?.n ?? 0;
    },
  };
}
export type AccountRepository = ReturnType<typeof createAccountRepository>;
