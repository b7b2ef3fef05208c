import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../tool/src/shared/infrastructure/db/database.ts';

/**
 * A fresh, migrated database for one test file: a PGlite clone of the template by default,
 * or (npm run test:pg) a real PostgreSQL database created from the template database.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = inject('postgresUrl');
  if (serverUrl) {
    const name = `pix_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolMax: 5 });
    return {
      ...handle,
      async close() {
        await handle.close();
        const dropper = new pg.Client({ connectionString: serverUrl });
        await dropper.connect();
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  const template = readFileSync(inject('pgliteTemplate'));
  return openDatabase({ kind: 'pglite', dataDir: null, loadDataDir: new Blob([template]) });
}

/** True when the suite runs against a real PostgreSQL server. */
export function onPostgres(): boolean {
  return Boolean(inject('postgresUrl'));
}
