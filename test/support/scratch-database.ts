import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';

async function asAdmin(serverUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/**
 * A database of its own on the test PostgreSQL server for one test file (created before, dropped after), for tests
 * that start processes or benchmarks on an empty database. `asDatabaseUrl` also sets DATABASE_URL meanwhile, as the
 * CLI benchmarks read it.
 */
export function scratchDatabase(prefix: string, options: { asDatabaseUrl?: boolean } = {}): { url: string } {
  const serverUrl = inject('postgresUrl');
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const url = new URL(serverUrl || 'postgres://unused/x');
  url.pathname = `/${name}`;
  const saved = process.env.DATABASE_URL;
  beforeAll(async () => {
    await asAdmin(serverUrl, `create database ${name}`);
    if (options.asDatabaseUrl) process.env.DATABASE_URL = url.toString();
  });
  afterAll(async () => {
    if (options.asDatabaseUrl) {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
    await asAdmin(serverUrl, `drop database if exists ${name} with (force)`);
  });
  return { url: url.toString() };
}
