import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../tool/src/shared/infrastructure/db/database.ts';
import { migrate } from '../../../tool/src/shared/infrastructure/db/migrate.ts';
import { seedDemoData } from '../../../tool/src/seed/demo-seed.ts';
import { createTestDatabase } from '../../support/test-database.ts';

describe('migrations and demo seed', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  it('applies nothing twice, even when several start-ups race', async () => {
    const reports = await Promise.all([migrate(database.db), migrate(database.db), migrate(database.db)]);
    expect(reports.flatMap((r) => r.applied)).toEqual([]);
    const rows = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from schema_migrations`);
    expect(rows.rows[0]?.n).toBeGreaterThan(0);
  });

  it('seeds the demo school once', async () => {
    expect(await seedDemoData(database.db)).toBe(true);
    expect(await seedDemoData(database.db)).toBe(false);
    const counts = await database.db.execute<{ orgs: number; users: number; classes: number }>(
      sql`select (select count(*)::int from organizations) as orgs, (select count(*)::int from users) as users, (select count(*)::int from classes) as classes`,
    );
    expect(counts.rows[0]).toEqual({ orgs: 1, users: 8, classes: 2 });
  });
});
