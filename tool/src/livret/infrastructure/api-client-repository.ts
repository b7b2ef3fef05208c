import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { livretApiClients } from './livret-schema.ts';

export interface ApiClient {
  clientId: string;
  name: string;
  scopes: string[];
  uais: string[] | null;
  createdAt: Date;
  revokedAt: Date | null;
}

const SCRYPT_PARAMS = { N: 16384, r: 8, p: 1 } as const;

function scryptAsync(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret, salt, 32, SCRYPT_PARAMS, (error, key) => (error ? reject(error) : resolve(key))));
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64url')}$${(await scryptAsync(secret, salt)).toString('base64url')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(secret, Buffer.from(salt, 'base64url'));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash to compare against when the client is unknown, so both failures take the same time. */
let decoy: Promise<string> | null = null;

const columns = {
  clientId: livretApiClients.clientId,
  name: livretApiClients.name,
  scopes: livretApiClients.scopes,
  uais: livretApiClients.uais,
  createdAt: livretApiClients.createdAt,
  revokedAt: livretApiClients.revokedAt,
};

export function createApiClientRepository(db: Database, now: () => Date) {
  return {
    /** Creates a client and returns its secret: the only time it exists in clear. */
    async add(input: { clientId?: string; name: string; scopes: string[]; uais: string[] | null }): Promise<{ client: ApiClient; secret: string }> {
      const clientId = input.clientId ?? `pix-livret-${randomBytes(6).toString('hex')}`;
      const secret = randomBytes(32).toString('base64url');
      const [row] = await db
        .insert(livretApiClients)
        .values({
          clientId,
          name: input.name,
          secretHash: await hashSecret(secret),
          scopes: input.scopes,
          uais: input.uais?.map((u) => u.toUpperCase()) ?? null,
          createdAt: now(),
        })
        .returning(columns);
      if (!row) throw new Error('insert returned no row');
      return { client: row, secret };
    },
    async list(): Promise<ApiClient[]> {
      return db.select(columns).from(livretApiClients).orderBy(asc(livretApiClients.createdAt));
    },
    async find(clientId: string): Promise<ApiClient | null> {
      const [row] = await db.select(columns).from(livretApiClients).where(eq(livretApiClients.clientId, clientId));
      return row ?? null;
    },
    /** The active client when the secret matches; null otherwise (unknown, revoked or wrong secret alike). */
    async authenticate(clientId: string, secret: string): Promise<ApiClient | null> {
      const [row] = await db.select({ ...columns, secretHash: livretApiClients.secretHash }).from(livretApiClients).where(eq(livretApiClients.clientId, clientId));
      if (!row) {
        decoy ??= hashSecret(randomBytes(16).toString('hex'));
        await verifySecret(secret, await decoy);
        return null;
      }
      const matches = await verifySecret(secret, row.secretHash);
      if (!matches || row.revokedAt) return null;
      const { secretHash: _hash, ...client } = row;
      return client;
    },
    async revoke(clientId: string): Promise<boolean> {
      const rows = await db.update(livretApiClients).set({ revokedAt: now() }).where(eq(livretApiClients.clientId, clientId)).returning({ clientId: livretApiClients.clientId });
      return rows.length > 0;
    },
  };
}
export type ApiClientRepository = ReturnType<typeof createApiClientRepository>;
