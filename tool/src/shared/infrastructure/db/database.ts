import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { prepareStatementsOf } from './prepared-statements.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;

/** PGlite and node-postgres both answer raw queries with `{ rows }`: say so once, for `db.execute`. */
export interface RowsResult<Row> {
  rows: Row[];
}
export interface RowsResultHKT extends PgQueryResultHKT {
  type: RowsResult<this['row']>;
}
/** One typed handle for both engines: every repository is written once against it. */
export type Database = PgDatabase<RowsResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** Cheap round trip for /health. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (tests clone a migrated template from it). */
  dump?(): Promise<Blob>;
}

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null; loadDataDir?: Blob }
  | { kind: 'postgres'; url: string; poolMax: number; preparedStatements?: boolean; idleSeconds?: number };

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') return openPostgres(target);
  // Loaded on demand: PGlite's WASM engine costs ~40 MB of RSS as soon as it is imported, which a server or a
  // CLI command on PostgreSQL (or on no database at all, like `bench lsu`) never needs.
  const [{ PGlite }, { drizzle: drizzlePglite }] = await Promise.all([import('@electric-sql/pglite'), import('drizzle-orm/pglite')]);
  const client = await PGlite.create({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
  });
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
    dump: () => client.dumpDataDir('none'),
  };
}

async function openPostgres(target: Extract<DatabaseTarget, { kind: 'postgres' }>): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolMax,
    connectionTimeoutMillis: 5000,
    // A connection closed when idle is opened again by the next burst of answers, and prepares its statements again
    // (node-postgres closes after 10 s by default; a class answers in bursts further apart than that). 0 keeps them.
    idleTimeoutMillis: (target.idleSeconds ?? 10) * 1000,
    // Idle connections do not keep a finished CLI command's process alive.
    allowExitOnIdle: true,
  });
  if (target.preparedStatements ?? true) prepareStatementsOf(pool);
  // A dropped idle connection must not crash the process: the pool replaces it.
  pool.on('error', () => undefined);
  const db = drizzlePostgres(pool, { schema }) as unknown as Database;
  await db.execute(sql`select 1`);
  return {
    db,
    kind: 'postgres',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}
