import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../tool/src/shared/infrastructure/db/database.ts';
import { scratchDatabase } from '../support/scratch-database.ts';

/** DATABASE_POOL_IDLE_SECONDS: how long the pool keeps a connection that has nothing to do. */
describe('idle pooled connections on PostgreSQL', () => {
  const { url } = scratchDatabase('pix_pool_idle');

  /** The server's sessions opened under `name`, seen from another connection. */
  async function sessionsNamed(name: string): Promise<number> {
    const observer = new pg.Client({ connectionString: url });
    await observer.connect();
    try {
      const { rows } = await observer.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where application_name = $1 and datname = current_database()', [name]);
      return rows[0]!.n;
    } finally {
      await observer.end();
    }
  }

  async function openedAs(name: string, idleSeconds: number) {
    const named = new URL(url);
    named.searchParams.set('application_name', name);
    const handle = await openDatabase({ kind: 'postgres', url: named.toString(), poolMax: 2, idleSeconds });
    await handle.db.execute(sql`select 1`);
    return handle;
  }

  it('closes a connection idle for longer than the setting, and keeps it with 0', async () => {
    const closing = await openedAs('pix_idle_1s', 1);
    const kept = await openedAs('pix_idle_never', 0);
    try {
      expect(await sessionsNamed('pix_idle_1s')).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1_800));
      expect(await sessionsNamed('pix_idle_1s')).toBe(0);
      expect(await sessionsNamed('pix_idle_never')).toBe(1);
      // The pool opens a new connection when it is needed again.
      expect((await closing.db.execute<{ n: number }>(sql`select 2 as n`)).rows[0]!.n).toBe(2);
    } finally {
      await closing.close();
      await kept.close();
    }
  });
});
