import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = new URL('../../../../migrations/', import.meta.url);
/** Any constant shared by every instance: they queue on it so only one applies migrations. */
const MIGRATION_LOCK_KEY = 72_610_001;

const journalSchema = z.object({ entries: z.array(z.object({ idx: z.number(), tag: z.string() })) });

export interface MigrationReport {
  applied: string[];
}

/**
 * Applies drizzle-kit's SQL migrations in one transaction holding an advisory lock, so several instances
 * starting together on one PostgreSQL wait for each other instead of racing. Same code on PGlite.
 */
export async function migrate(db: Database): Promise<MigrationReport> {
  const journal = journalSchema.parse(JSON.parse(readFileSync(new URL('meta/_journal.json', MIGRATIONS_DIR), 'utf8')));
  const entries = [...journal.entries].sort((a, b) => a.idx - b.idx);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`create table if not exists schema_migrations (tag text primary key, applied_at timestamptz not null default now())`);
    const done = await tx.execute<{ tag: string }>(sql`select tag from schema_migrations`);
    const appliedTags = new Set(done.rows.map((row) => row.tag));
    const applied: string[] = [];
    for (const entry of entries) {
      if (appliedTags.has(entry.tag)) continue;
      const text = readFileSync(new URL(`${entry.tag}.sql`, MIGRATIONS_DIR), 'utf8');
      for (const statement of text.split('--> statement-breakpoint')) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(sql`insert into schema_migrations (tag) values (${entry.tag})`);
      applied.push(entry.tag);
    }
    return { applied };
  });
}
