import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { REFERENTIAL_DIR } from '../../composition-root.ts';
import { openDatabase, type Database } from '../../shared/infrastructure/db/database.ts';
import { migrate } from '../../shared/infrastructure/db/migrate.ts';
import { loadReferential } from '../../referential/infrastructure/load-referential.ts';
import { createOrganizationRepository } from '../../identity/infrastructure/organization-repository.ts';
import { createApiClientRepository } from '../../livret/infrastructure/api-client-repository.ts';
import { LIVRET_SCOPES } from '../../livret/domain/livret-scopes.ts';
import { startServerProcess } from '../server-process.ts';
import { percentile } from '../latency.ts';

export interface LevelsBenchOptions {
  databaseUrl: string;
  pupils: number;
  pageSize: number;
  /** Timed reads of every page, after one untimed warm-up read. */
  runs: number;
  log: (line: string) => void;
}

export interface LevelsBenchResult {
  pupils: number;
  pages: number;
  pageSize: number;
  /** Median of the timed runs: every page read in order over HTTP, token already obtained. */
  totalMs: number;
  /** The warm-up run (first queries of a fresh server process). */
  firstRunMs: number;
  runsMs: number[];
  knowledgeElements: number;
}

/**
 * `GET /api/organizations/{uai}/competence-levels` read page after page, as an LSU/LSL client would, from a
 * separate server process on a real PostgreSQL: a school of N rostered pupils, each reconciled with an account
 * holding knowledge elements (some superseded by a later one on the same skill, some reset), and a real API
 * client whose token is obtained through `POST /api/application/token`.
 */
export async function runLevelsBench(options: LevelsBenchOptions): Promise<LevelsBenchResult> {
  const secret = randomBytes(36).toString('base64url');
  const handle = await openDatabase({ kind: 'postgres', url: options.databaseUrl, poolMax: 4 });
  let uai: string;
  let client: { id: string; secret: string };
  let knowledgeElements: number;
  try {
    await migrate(handle.db);
    const { referential } = await loadReferential(REFERENTIAL_DIR);
    uai = `09${String(randomInt(0, 100_000)).padStart(5, '0')}L`;
    const school = await createOrganizationRepository(handle.db).upsertByUai({ uai, name: 'École du banc d’essai', type: 'SCO' });
    options.log(`création de ${options.pupils} élèves et de leurs acquis…`);
    knowledgeElements = await seedSchool(handle.db, school.id, options.pupils, [...referential.skills.values()].map((s) => ({ id: s.id, competenceIndex: s.competenceIndex, pix: s.pixValue })));
    // The steady state of a school's database: autovacuum has set the visibility map of rows inserted long ago (so
    // the read model's index-only scans read no heap) and statistics are current. Seeding in one go skips both.
    await handle.db.execute(sql`vacuum analyze`);
    const added = await createApiClientRepository(handle.db, () => new Date()).add({ name: 'Banc d’essai LSU', scopes: [LIVRET_SCOPES.competenceLevels], uais: [uai] });
    client = { id: added.client.clientId, secret: added.secret };
  } finally {
    await handle.close();
  }

  const server = await startServerProcess({ DATABASE_URL: options.databaseUrl, APP_SECRET: secret, NODE_ENV: 'production', PUBLIC_URL: 'http://127.0.0.1' });
  try {
    const tokenResponse = await fetch(`${server.baseUrl}/api/application/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.id, client_secret: client.secret, scope: LIVRET_SCOPES.competenceLevels }),
    });
    if (!tokenResponse.ok) throw new Error(`token refused: HTTP ${tokenResponse.status} ${await tokenResponse.text()}`);
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };

    const readAll = async (): Promise<{ ms: number; pages: number; rows: number }> => {
      const start = performance.now();
      let pages = 0;
      let rows = 0;
      let next: string | null = `/api/organizations/${uai}/competence-levels?page[size]=${options.pageSize}&page[number]=1`;
      while (next) {
        const response: Response = await fetch(new URL(next, server.baseUrl), { headers: { authorization: `Bearer ${token}` } });
        if (!response.ok) throw new Error(`page ${pages + 1}: HTTP ${response.status} ${await response.text()}`);
        const body = (await response.json()) as { data: unknown[]; links: { next: string | null } };
        pages += 1;
        rows += body.data.length;
        next = body.links.next;
      }
      return { ms: performance.now() - start, pages, rows };
    };

    options.log('première lecture (serveur froid)…');
    const first = await readAll();
    if (first.rows !== options.pupils) throw new Error(`read ${first.rows} pupils, expected ${options.pupils}`);
    const runsMs: number[] = [];
    for (let i = 0; i < options.runs; i += 1) {
      const run = await readAll();
      if (run.rows !== options.pupils) throw new Error(`read ${run.rows} pupils, expected ${options.pupils}`);
      runsMs.push(Math.round(run.ms * 10) / 10);
    }
    return {
      pupils: options.pupils,
      pages: first.pages,
      pageSize: options.pageSize,
      totalMs: percentile(runsMs, 50),
      firstRunMs: Math.round(first.ms * 10) / 10,
      runsMs,
      knowledgeElements,
    };
  } finally {
    await server.stop();
  }
}

/**
 * Users, roster pupils and knowledge elements in a few multi-row inserts. Each pupil has 40 elements on
 * skills spread over the referential; one in eight is superseded by a later element on the same skill and
 * one in twenty of those is a reset, so the read model's "latest element per skill" rule has work to do.
 */
export async function seedSchool(db: Database, organizationId: string, count: number, skills: Array<{ id: string; competenceIndex: string; pix: number }>): Promise<number> {
  const now = new Date();
  let elements = 0;
  for (let offset = 0; offset < count; offset += 250) {
    const pupils = Array.from({ length: Math.min(250, count - offset) }, (_, i) => ({ n: offset + i, userId: randomUUID() }));
    await db.execute(sql`insert into users (id, first_name, last_name) values ${sql.join(pupils.map((p) => sql`(${p.userId}, ${`Élève${p.n}`}, ${`Nom${p.n % 400}`})`), sql`, `)}`);
    await db.execute(sql`insert into gar_roster_pupils (organization_id, ine, siecle_eleve_id, last_name, first_name, birthdate, division, active, source, user_id, linked_at, imported_at, updated_at)
      values ${sql.join(
        pupils.map(
          (p) =>
            sql`(${organizationId}, ${`${String(p.n).padStart(9, '0')}AB`}, ${String(100000 + p.n)}, ${`Nom${p.n % 400}`}, ${`Élève${p.n}`}, ${`2013-0${(p.n % 9) + 1}-1${p.n % 10}`}, ${`6${String.fromCharCode(65 + (p.n % 8))}`}, true, 'SIECLE', ${p.userId}, ${now}, ${now}, ${now})`,
        ),
        sql`, `,
      )}`);
    const rows: ReturnType<typeof sql>[] = [];
    for (const p of pupils) {
      for (let k = 0; k < 40; k += 1) {
        const skill = skills[(p.n * 7 + k * 13) % skills.length]!;
        const validated = (p.n + k) % 3 !== 0;
        const at = new Date(now.getTime() - (40 - k) * 60_000);
        rows.push(sql`(${p.userId}, ${skill.id}, ${skill.competenceIndex}, 'direct', ${validated ? 'validated' : 'invalidated'}, ${validated ? skill.pix : 0}, ${at})`);
        if (k % 8 === 0) {
          const reset = k % 20 === 0;
          rows.push(sql`(${p.userId}, ${skill.id}, ${skill.competenceIndex}, 'direct', ${reset ? 'reset' : 'validated'}, ${reset ? 0 : skill.pix}, ${new Date(at.getTime() + 1000)})`);
        }
      }
    }
    for (let i = 0; i < rows.length; i += 2000) {
      const batch = rows.slice(i, i + 2000);
      await db.execute(sql`insert into knowledge_elements (user_id, skill_id, competence_index, source, status, earned_pix, created_at) values ${sql.join(batch, sql`, `)}`);
    }
    elements += rows.length;
  }
  return elements;
}
