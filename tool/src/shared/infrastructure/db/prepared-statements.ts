import type pg from 'pg';

/** More distinct statement texts than this are not prepared (texts built with inline values would never repeat). */
const MAX_PREPARED = 500;
/**
 * Long texts with many parameters are batch statements (multi-row inserts of an import, long IN lists): rare, and
 * each kept plan would hold server memory for the connection's life. Only the short, repeated ones are prepared.
 */
const MAX_TEXT_LENGTH = 8_000;
const MAX_PARAMETERS = 100;

type QueryConfig = { text?: unknown; name?: unknown; values?: unknown };

/**
 * Makes every parameterized statement of a pool a named prepared statement, per connection. PostgreSQL then parses
 * a statement once per connection and, after a few runs, reuses its plan: planning was ~half of PostgreSQL's time
 * on the launch and answer paths (pg_stat_statements, `bench launch` / `bench answers`). Call sites stay plain
 * drizzle; the name is derived from the text, so one text always has one name. Off with
 * `DATABASE_PREPARED_STATEMENTS=false` (e.g. behind a pooler in transaction mode that cannot keep them). Never run
 * `discard all` on a pooled connection: the statements would be gone while the pool believes they are there.
 */
export function prepareStatementsOf(pool: pg.Pool): void {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    const known = names.get(text);
    if (known !== undefined || names.size >= MAX_PREPARED) return known;
    const name = `pix_${names.size}`;
    names.set(text, name);
    return name;
  };
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (config: unknown, values?: unknown, callback?: unknown) => {
      if (typeof config === 'object' && config !== null && !('submit' in config)) {
        const c = config as QueryConfig;
        const params = values ?? c.values;
        if (typeof c.text === 'string' && c.name === undefined && Array.isArray(params) && params.length > 0 && params.length <= MAX_PARAMETERS && c.text.length <= MAX_TEXT_LENGTH) {
          const name = nameOf(c.text);
          if (name) config = { ...c, name };
        }
      }
      return query(config, values, callback);
    };
  });
}
