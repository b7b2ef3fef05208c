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

type AccountRow = { id: string; first_name: string; last_name: string; email: string | null; locale: string };

function toAccount(row: AccountRow): Account {
  return { id: row.id, firstName: row.first_name, lastName: row.last_name, email: row.email, locale: row.locale };
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
    /**
     * One statement for a returning person (names refreshed, login time recorded) and for a first launch (user and
     * identity created): every launch goes through here. Safe under concurrent first launches of one person: the
     * unique identity index decides the winner and the loser's fresh user row is removed.
     */
    async upsertFromIdentity(identity: ExternalIdentity, person: Person, now: Date): Promise<{ account: Account; created: boolean }> {
      const { rows } = await db.execute<AccountRow & { created: boolean; orphan: boolean }>(sql`
        with found as (
          select user_id from external_identities
          where provider = ${identity.provider} and issuer = ${identity.issuer} and subject = ${identity.subject}
        ), touched as (
          update external_identities set last_login_at = ${now}::timestamptz
          where provider = ${identity.provider} and issuer = ${identity.issuer} and subject = ${identity.subject}
        ), refreshed as (
          update users set first_name = ${person.firstName}, last_name = ${person.lastName}, email = ${person.email}, locale = ${person.locale},
            updated_at = ${now}::timestamptz, last_seen_at = ${now}::timestamptz
          from found where users.id = found.user_id
          returning users.id, users.first_name, users.last_name, users.email, users.locale
        ), fresh as (
          insert into users (first_name, last_name, email, locale, last_seen_at)
          select ${person.firstName}, ${person.lastName}, ${person.email}, ${person.locale}, ${now}::timestamptz
          where not exists (select 1 from found)
          returning id, first_name, last_name, email, locale
        ), linked as (
          insert into external_identities (user_id, provider, issuer, subject, last_login_at)
          select id, ${identity.provider}, ${identity.issuer}, ${identity.subject}, ${now}::timestamptz from fresh
          on conflict do nothing
          returning user_id
        )
        select id, first_name, last_name, email, locale, false as created, false as orphan from refreshed
        union all
        select f.id, f.first_name, f.last_name, f.email, f.locale, true, linked.user_id is null from fresh f left join linked on linked.user_id = f.id`);
      const row = rows[0];
      if (row && !row.orphan) return { account: toAccount(row), created: row.created };
      // Another request created this identity meanwhile: drop our user, keep theirs.
      if (row) await db.delete(users).where(eq(users.id, row.id));
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
