import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDatabase } from '../support/scratch-database.ts';
import { startServer, type RunningServer } from '../support/processes.ts';

/**
 * Two `npm start` processes on one PostgreSQL database, started at the same moment (migrations and demo seed
 * race), then requests alternating between them: both healthy and consistent, as behind a load balancer.
 */
describe('several instances on one PostgreSQL', () => {
  const { url } = scratchDatabase('pix_multi');
  let instances: RunningServer[] = [];

  beforeAll(async () => {
    const env = { DATABASE_URL: url, APP_SECRET: 'multi-instance-secret-multi-instance-0001' };
    instances = await Promise.all([startServer(env), startServer(env)]);
  });

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
  });

  it('both report healthy on postgres', async () => {
    for (const instance of instances) {
      expect(await (await fetch(`${instance.baseUrl}/health`)).json()).toMatchObject({ status: 'ok', database: 'postgres' });
    }
  });

  it('serves one session across instances and creates each account once', async () => {
    const people = ['pupil-5a-1', 'pupil-5a-2', 'pupil-5b-1', 'teacher'];
    const results: Array<{ person: string; userId: string }> = [];
    for (let round = 0; round < 3; round += 1) {
      await Promise.all(
        people.map(async (person, i) => {
          const signIn = instances[(round + i) % 2]!;
          const read = instances[(round + i + 1) % 2]!;
          const html = await (
            await fetch(`${signIn.baseUrl}/demo/sign-in`, {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ person }),
            })
          ).text();
          const token = JSON.parse(/id="pix-boot">(.*?)<\/script>/s.exec(html)![1]!).token as string;
          const me = await fetch(`${read.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } });
          expect(me.status).toBe(200);
          results.push({ person, userId: (await me.json()).user.id });
        }),
      );
    }
    for (const person of people) {
      expect(new Set(results.filter((r) => r.person === person).map((r) => r.userId)).size).toBe(1);
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const counts = await client.query('select (select count(*)::int from organizations) as orgs, (select count(*)::int from users) as users, (select count(*)::int from schema_migrations) as migrations');
    await client.end();
    expect(counts.rows[0]).toMatchObject({ orgs: 1, users: 8 });
  });
});
