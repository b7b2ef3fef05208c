import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../tool/src/shared/infrastructure/db/database.ts';
import { scratchDatabase } from '../support/scratch-database.ts';

/** Every parameterized statement becomes a named prepared statement of its connection (PostgreSQL plans it once). */
describe('prepared statements on PostgreSQL', () => {
  const { url } = scratchDatabase('pix_prepared');

  const prepared = (db: Awaited<ReturnType<typeof openDatabase>>['db']) =>
    db.execute<{ name: string; statement: string }>(sql`select name, statement from pg_prepared_statements order by name`).then((r) => r.rows);

  it('prepares a repeated statement once per connection, by one name per text, with the same results', async () => {
    const handle = await openDatabase({ kind: 'postgres', url, poolMax: 1 });
    try {
      const twice = async (n: number) => (await handle.db.execute<{ doubled: number }>(sql`select ${n}::int * 2 as doubled`)).rows[0]!.doubled;
      expect([await twice(2), await twice(21), await twice(-4)]).toEqual([4, 42, -8]);
      const other = await handle.db.execute<{ s: string }>(sql`select ${'a'}::text || ${'b'}::text as s`);
      expect(other.rows[0]!.s).toBe('ab');
      const names = await prepared(handle.db);
      // Two texts, two names (the view itself is a parameterless statement: not prepared).
      expect(names.filter((s) => /\$1::int \* 2/.test(s.statement))).toHaveLength(1);
      expect(names.filter((s) => /\$1::text \|\| \$2::text/.test(s.statement))).toHaveLength(1);
      expect(new Set(names.map((s) => s.name)).size).toBe(names.length);
    } finally {
      await handle.close();
    }
  });

  it('does not prepare batch statements (many parameters): their plans would hold memory for nothing', async () => {
    const handle = await openDatabase({ kind: 'postgres', url, poolMax: 1 });
    try {
      const values = Array.from({ length: 150 }, (_, i) => i);
      const batch = sql`select count(*)::int as n from (values ${sql.join(values.map((v) => sql`(${v}::int)`), sql`, `)}) as t(v)`;
      expect((await handle.db.execute<{ n: number }>(batch)).rows[0]!.n).toBe(150);
      expect((await prepared(handle.db)).filter((s) => s.statement.includes('$150'))).toEqual([]);
    } finally {
      await handle.close();
    }
  });

  it('prepares nothing when turned off (a pooler in transaction mode)', async () => {
    const handle = await openDatabase({ kind: 'postgres', url, poolMax: 1, preparedStatements: false });
    try {
      await handle.db.execute(sql`select ${1}::int as one`);
      await handle.db.execute(sql`select ${1}::int as one`);
      expect(await prepared(handle.db)).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
