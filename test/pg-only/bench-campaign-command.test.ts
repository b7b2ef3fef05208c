import { describe, expect, it } from 'vitest';
import { scratchDatabase } from '../support/scratch-database.ts';
import { sql } from 'drizzle-orm';
import { benchCampaignCommand } from '../../tool/src/cli/commands/bench-campaign.ts';
import { openDatabase } from '../../tool/src/shared/infrastructure/db/database.ts';

/** `bench campaign` on a small campaign, on its own database of the test PostgreSQL server. */
describe('npx pix-embed bench campaign', () => {
  const { url } = scratchDatabase('pix_bench_campaign', { asDatabaseUrl: true });

  it('seeds shared participations with their totals, times the export and the dashboard, and reports the figures', async () => {
    const result = await benchCampaignCommand.run({ args: [], options: { json: true, participations: '60', runs: '3' } });
    expect(result.exitCode).toBe(0);
    const json = result.json as { participations: number; csvExportMs: number; dashboardP95Ms: number; csvLines: number; skills: number };
    expect(json).toMatchObject({ participations: 60, csvLines: 60 });
    expect(json.dashboardP95Ms).toBeGreaterThan(0);
    // The seeded totals are the sums of the seeded results (the bench itself checks the dashboard's figures).
    const handle = await openDatabase({ kind: 'postgres', url, poolMax: 1 });
    try {
      const check = await handle.db.execute<{ mismatches: number }>(sql`
        select count(*)::int as mismatches from (
          select p.campaign_id, e.key, sum((e.value->>'validated')::int) as validated
          from campaign_participations p cross join lateral jsonb_each(p.competence_results -> 'tubes') e
          group by 1, 2) s
        full join (select campaign_id, key, validated from campaign_shared_totals where kind = 'TUBE') t using (campaign_id, key)
        where s.validated is distinct from t.validated`);
      expect(check.rows[0]!.mismatches).toBe(0);
    } finally {
      await handle.close();
    }
    expect(result.text).toContain('60 participations partagées');
  });
});
