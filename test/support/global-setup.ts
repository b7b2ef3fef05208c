import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openDatabase } from '../../tool/src/shared/infrastructure/db/database.ts';
import { migrate } from '../../tool/src/shared/infrastructure/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite mode: a migrated data directory dump that each test file loads (much faster than migrating). */
    pgliteTemplate: string;
    /** PostgreSQL mode: server URL and the migrated template database each test file copies. */
    postgresUrl: string;
    postgresTemplate: string;
  }
}

export const TEMPLATE_DATABASE = 'pix_embed_test_template';

/** Builds one migrated database, once per run; test files clone it. */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE}`);
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${TEMPLATE_DATABASE}`;
    const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolMax: 1 });
    await migrate(handle.db);
    await handle.close();
    project.provide('postgresUrl', serverUrl);
    project.provide('postgresTemplate', TEMPLATE_DATABASE);
    project.provide('pgliteTemplate', '');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'pix-embed-template-'));
  const handle = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrate(handle.db);
  const dump = await handle.dump!();
  await handle.close();
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('postgresUrl', '');
  project.provide('postgresTemplate', '');
  return () => rmSync(dir, { recursive: true, force: true });
}
