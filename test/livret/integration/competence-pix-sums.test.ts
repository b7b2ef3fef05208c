import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../support/test-database.ts';
import type { DatabaseHandle } from '../../../tool/src/shared/infrastructure/db/database.ts';

/**
 * `competence_pix_sums` is kept by a trigger as knowledge elements are appended. Whatever the order elements arrive
 * in (later ones first, several of one skill in one statement, resets), the sums must equal what the elements
 * say: per learner and competence, Σ pix of the latest element of each skill (by created_at, then id), resets
 * counting for nothing.
 */
describe('competence pix sums kept by PostgreSQL', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle.close();
  });

  const fromElements = async (userIds: string[]) =>
    (
      await handle.db.execute<{ user_id: string; competence_index: string; pix: number; last_at: string }>(sql`
        select user_id::text, competence_index, round(coalesce(sum(earned_pix) filter (where status <> 'reset'), 0)::numeric, 6)::float8 as pix, max(created_at)::text as last_at
        from (select distinct on (user_id, skill_id) * from knowledge_elements
              where user_id::text in (${sql.join(userIds.map((u) => sql`${u}`), sql`, `)})
              order by user_id, skill_id, created_at desc, id desc) cur
        group by user_id, competence_index order by 1, 2`)
    ).rows;
  const fromSums = async (userIds: string[]) =>
    (
      await handle.db.execute<{ user_id: string; competence_index: string; pix: number; last_at: string }>(sql`
        select user_id::text, competence_index, round(earned_pix::numeric, 6)::float8 as pix, last_at::text
        from competence_pix_sums where user_id::text in (${sql.join(userIds.map((u) => sql`${u}`), sql`, `)}) order by 1, 2`)
    ).rows;

  it('equals the sums of the current elements after elements arrive in any order, in batches, with resets', async () => {
    // A seeded generator: the same sequence on every run, many shapes of history.
    let seed = 20261122;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const userIds = Array.from({ length: 6 }, () => randomUUID());
    await handle.db.execute(sql`insert into users (id, first_name, last_name) values ${sql.join(userIds.map((id) => sql`(${id}, 'É', 'Lève')`), sql`, `)}`);
    const skills = [
      { id: '@requete1', competence: '1.1', pix: 4 },
      { id: '@requete2', competence: '1.1', pix: 8 / 3 },
      { id: '@moteur1', competence: '1.1', pix: 8 / 3 },
      { id: '@courriel1', competence: '2.1', pix: 2 },
      { id: '@courriel2', competence: '2.1', pix: 4 },
    ];
    const base = Date.parse('2026-01-01T00:00:00Z');
    for (let batch = 0; batch < 60; batch += 1) {
      // 1 to 4 elements per statement, possibly several on one skill, timestamps going back and forth.
      const rows = Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
        const skill = pick(skills);
        const status = pick(['validated', 'validated', 'invalidated', 'reset'] as const);
        const at = new Date(base + Math.floor(random() * 50) * 60_000);
        return sql`(${pick(userIds)}, ${skill.id}, ${skill.competence}, 'direct', ${status}, ${status === 'validated' ? skill.pix : 0}, ${at})`;
      });
      await handle.db.execute(sql`insert into knowledge_elements (user_id, skill_id, competence_index, source, status, earned_pix, created_at) values ${sql.join(rows, sql`, `)}`);
    }
    const expected = await fromElements(userIds);
    expect(expected.length).toBeGreaterThan(6);
    expect(await fromSums(userIds)).toEqual(expected);
  });

  it('counts once when two transactions append for one learner at the same time', async () => {
    const userId = randomUUID();
    await handle.db.execute(sql`insert into users (id, first_name, last_name) values (${userId}, 'É', 'Lève')`);
    const append = (at: string, pix: number) =>
      handle.db.transaction(async (tx) => {
        await tx.execute(sql`insert into knowledge_elements (user_id, skill_id, competence_index, source, status, earned_pix, created_at)
          values (${userId}, '@requete1', '1.1', 'direct', 'validated', ${pix}, ${at}::timestamptz)`);
      });
    await Promise.all([append('2026-01-01T10:00:00Z', 4), append('2026-01-01T10:00:01Z', 4), append('2026-01-01T10:00:02Z', 4)]);
    expect(await fromSums([userId])).toEqual(await fromElements([userId]));
    expect((await fromSums([userId]))[0]!.pix).toBe(4);
  });
});
