import { sql } from 'drizzle-orm';
import { jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Livret scolaire API clients (LSU, LSL, a rectorat's tool…): OAuth2 client credentials.
 * Only a hash of the secret is kept (scrypt, per-client salt); the secret is shown once by `client add`.
 * Access tokens are stateless signed JWTs (20 min): no token table; every API call re-reads the client
 * row so a revoked client stops at once on every instance.
 */
export const livretApiClients = pgTable(
  'livret_api_clients',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    /** The public `client_id`, chosen by the operator or generated. */
    clientId: text('client_id').notNull(),
    name: text('name').notNull(),
    /** `scrypt$<salt b64url>$<hash b64url>`. */
    secretHash: text('secret_hash').notNull(),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    /** Null: national reach (every school). Otherwise the UAIs it may read, upper-case. */
    uais: jsonb('uais').$type<string[] | null>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('livret_api_clients_client_id_key').on(t.clientId)],
);
