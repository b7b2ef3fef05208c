import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { campaignSharedTotals, type CompetenceResultsRow } from './campaigns-schema.ts';

export type SharedTotals = CompetenceResultsRow;

/**
 * A campaign's running totals per competence and per tube over its counted participations (SHARED, current,
 * not deleted). Call `add` inside the transaction that makes a participation count (share) and `subtract` inside
 * the one that makes it stop counting (retry: it becomes improved; delete), with its frozen results.
 */
export function createSharedTotalsRepository(db: Database) {
  async function apply(campaignId: string, results: SharedTotals, sign: 1 | -1): Promise<void> {
    const rows = [
      ...Object.entries(results.competences).map(([key, c]) => ({ kind: 'COMPETENCE' as const, key, ...c })),
      ...Object.entries(results.tubes).map(([key, c]) => ({ kind: 'TUBE' as const, key, ...c })),
    ];
    if (rows.length === 0) return;
    // One statement, rows in a fixed order: concurrent shares of one campaign lock its rows in the same order
    // (no deadlock), and the upsert makes the first share of a key create its row.
    rows.sort((a, b) => (a.kind === b.kind ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.kind < b.kind ? -1 : 1));
    await db
      .insert(campaignSharedTotals)
      .values(rows.map((r) => ({ campaignId, kind: r.kind, key: r.key, targeted: sign * r.targeted, validated: sign * r.validated })))
      .onConflictDoUpdate({
        target: [campaignSharedTotals.campaignId, campaignSharedTotals.kind, campaignSharedTotals.key],
        set: {
          targeted: sql`${campaignSharedTotals.targeted} + excluded.targeted`,
          validated: sql`${campaignSharedTotals.validated} + excluded.validated`,
        },
      });
  }
  return {
    add: (campaignId: string, results: SharedTotals) => apply(campaignId, results, 1),
    subtract: (campaignId: string, results: SharedTotals) => apply(campaignId, results, -1),
    /** Σ targeted and Σ validated per competence index and per tube name: one primary-key range scan. */
    async read(campaignId: string): Promise<SharedTotals> {
      const rows = await db
        .select({ kind: campaignSharedTotals.kind, key: campaignSharedTotals.key, targeted: campaignSharedTotals.targeted, validated: campaignSharedTotals.validated })
        .from(campaignSharedTotals)
        .where(eq(campaignSharedTotals.campaignId, campaignId));
      const totals: SharedTotals = { competences: {}, tubes: {} };
      for (const row of rows) (row.kind === 'COMPETENCE' ? totals.competences : totals.tubes)[row.key] = { targeted: row.targeted, validated: row.validated };
      return totals;
    },
  };
}
export type SharedTotalsRepository = ReturnType<typeof createSharedTotalsRepository>;
