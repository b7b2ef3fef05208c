import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../tool/src/shared/infrastructure/db/database.ts';
import { createSharedTotalsRepository, type SharedTotals } from '../../../tool/src/campaigns/infrastructure/shared-totals-repository.ts';
import { createTestDatabase } from '../../support/test-database.ts';

/**
 * Many pupils share at once: every share adds to the same rows of its campaign's totals in its own transaction.
 * On PostgreSQL (npm run test:pg) they truly run concurrently: no update may be lost and none may fail, whatever
 * order each participation lists its competences and tubes in.
 */
describe('campaign shared totals under concurrent shares', () => {
  let database: DatabaseHandle;
  const campaignId = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase();
    const organizationId = randomUUID();
    await database.db.execute(sql`insert into organizations (id, name, type) values (${organizationId}, 'Collège des totaux', 'SCO')`);
    await database.db.execute(sql`insert into campaigns (id, organization_id, code, type, name, skill_ids) values (${campaignId}, ${organizationId}, 'TOTAUX234', 'ASSESSMENT', 'Totaux', '[]'::jsonb)`);
  });
  afterAll(async () => database.close());

  /** Participation n's frozen results, its keys in an order of its own. */
  function results(n: number): SharedTotals {
    const tubes = ['requete', 'fiabiliteSource', 'moteurRecherche', 'tri', 'veille'];
    const order = tubes.map((tube, i) => ({ tube, rank: (i * 7 + n * 3) % tubes.length })).sort((a, b) => a.rank - b.rank);
    return {
      competences: { '1.1': { targeted: 10, validated: n % 11 }, '1.2': { targeted: 4, validated: n % 5 } },
      tubes: Object.fromEntries(order.map(({ tube }, i) => [tube, { targeted: 2, validated: (n + i) % 3 }])),
    };
  }

  it('adds every share and subtracts every retry exactly once', async () => {
    const shares = Array.from({ length: 24 }, (_, n) => n);
    await Promise.all(
      shares.map((n) =>
        database.db.transaction(async (tx) => {
          await createSharedTotalsRepository(tx).add(campaignId, results(n));
          // Some of them also take an older attempt out, as a retry followed by a share would.
          if (n % 4 === 0) await createSharedTotalsRepository(tx).subtract(campaignId, results(n + 100));
        }),
      ),
    );
    const expected: SharedTotals = { competences: {}, tubes: {} };
    const accumulate = (r: SharedTotals, sign: number) => {
      for (const field of ['competences', 'tubes'] as const) {
        for (const [key, c] of Object.entries(r[field])) {
          const sum = (expected[field][key] ??= { targeted: 0, validated: 0 });
          sum.targeted += sign * c.targeted;
          sum.validated += sign * c.validated;
        }
      }
    };
    for (const n of shares) {
      accumulate(results(n), 1);
      if (n % 4 === 0) accumulate(results(n + 100), -1);
    }
    expect(await createSharedTotalsRepository(database.db).read(campaignId)).toEqual(expected);
    expect(expected.competences['1.1']!.targeted).toBe(10 * 18);
  });

  it('reads nothing for a campaign nobody shared in', async () => {
    expect(await createSharedTotalsRepository(database.db).read(randomUUID())).toEqual({ competences: {}, tubes: {} });
  });
});
