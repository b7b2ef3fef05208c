import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { ok, type CliCommand } from '../command.ts';
import { rerunWithThrowawayPostgres } from '../../bench/rerun-with-throwaway-postgres.ts';
import { percentile } from '../../bench/latency.ts';
import { REFERENTIAL_DIR } from '../../composition-root.ts';
import { openDatabase } from '../../shared/infrastructure/db/database.ts';
import { migrate } from '../../shared/infrastructure/db/migrate.ts';
import { systemClock } from '../../shared/domain/clock.ts';
import { loadReferential } from '../../referential/infrastructure/load-referential.ts';
import { createMembershipRepository } from '../../identity/infrastructure/membership-repository.ts';
import { createOrganizationRepository } from '../../identity/infrastructure/organization-repository.ts';
import { createCampaignsModule } from '../../campaigns/campaigns-module.ts';
import { campaignSkillIds } from '../../campaigns/domain/target-profile.ts';
import { exportResultsCsv, getDashboard } from '../../campaigns/application/usecases/campaign-results.ts';
import type { EvaluationDeps } from '../../evaluation/application/evaluation-deps.ts';
import { createSharedTotalsRepository, type SharedTotals } from '../../campaigns/infrastructure/shared-totals-repository.ts';


/**
 * `bench campaign`: a campaign of N shared participations on a real PostgreSQL server (DATABASE_URL, or a
 * throwaway durable PostgreSQL 15 cluster), then the whole CSV export and the dashboard's aggregation.
 */
export const benchCampaignCommand: CliCommand = {
  words: ['bench', 'campaign'],
  usage: 'bench campaign [--json] [--participations 2000] [--runs 30]',
  summary: 'Mesure l’export CSV et le tableau de bord d’une campagne de 2 000 participations sur PostgreSQL',
  needsDatabase: false,
  async run({ options }) {
    const databaseUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (!databaseUrl) return rerunWithThrowawayPostgres();
    const count = typeof options.participations === 'string' && /^\d+$/.test(options.participations) ? Number(options.participations) : 2000;
    const runs = typeof options.runs === 'string' && /^\d+$/.test(options.runs) ? Number(options.runs) : 30;
    const handle = await openDatabase({ kind: 'postgres', url: databaseUrl, poolMax: 4 });
    try {
      await migrate(handle.db);
      const { referential } = await loadReferential(REFERENTIAL_DIR);
      const db = handle.db;
      const evaluation = { maxReachableLevel: 6, defaultMethod: 'adaptive', newSeed: randomUUID } as unknown as EvaluationDeps;
      const deps = createCampaignsModule({ db, referential, memberships: createMembershipRepository(db), evaluation, clock: systemClock, publicUrl: 'http://localhost' });
      const school = await createOrganizationRepository(db).upsertByUai({ uai: `09${String(Date.now() % 100000).padStart(5, '0')}B`, name: 'Collège du banc d’essai', type: 'SCO' });
      const teacherId = randomUUID();
      await db.execute(sql`insert into users (id, first_name, last_name) values (${teacherId}, 'Prof', 'Banc')`);
      await db.execute(sql`insert into memberships (user_id, organization_id, role) values (${teacherId}, ${school.id}, 'MEMBER')`);
      const profile = deps.catalogue.get('rentree-4e');
      if (!profile) throw new Error('catalogue profile rentree-4e missing');
      const skillIds = campaignSkillIds(profile.tubes, referential);
      const campaignId = randomUUID();
      await db.execute(sql`insert into campaigns (id, organization_id, code, type, name, target_profile_ref, target_profile_name, skill_ids, stages, owner_id)
        values (${campaignId}, ${school.id}, ${`BENCH${String(Date.now() % 10000).padStart(4, '0')}`}, 'ASSESSMENT', 'Banc d’essai', 'catalogue:rentree-4e', 'Parcours de rentrée 4e',
          ${JSON.stringify(skillIds)}::jsonb, ${JSON.stringify([{ threshold: 0, title: 'Départ', message: '' }, { threshold: 50, title: 'Moitié', message: '' }])}::jsonb, ${teacherId})`);
      const classId = randomUUID();
      await db.execute(sql`insert into classes (id, organization_id, source, source_key, label) values (${classId}, ${school.id}, 'SIECLE', ${classId}, '4e B')`);
      // Seeded in SQL: users, memberships, class members, shared participations with per-competence and per-tube counts,
      // and the campaign's shared totals they add up to.
      const bySkill = skillIds.map((id) => referential.skills.get(id)!);
      const started = performance.now();
      const seededCompetences = new Map<string, { targeted: number; validated: number }>();
      for (let offset = 0; offset < count; offset += 500) {
        const rows = Array.from({ length: Math.min(500, count - offset) }, (_, i) => {
          const n = offset + i;
          const competences: Record<string, { targeted: number; validated: number }> = {};
          const tubes: Record<string, { targeted: number; validated: number }> = {};
          let validated = 0;
          bySkill.forEach((skill, k) => {
            const ok = (n * 7 + k * 13) % 10 < 6;
            if (ok) validated++;
            const c = (competences[skill.competenceIndex] ??= { targeted: 0, validated: 0 });
            const t = (tubes[skill.tubeName] ??= { targeted: 0, validated: 0 });
            c.targeted++;
            t.targeted++;
            if (ok) (c.validated++, t.validated++);
          });
          return { id: randomUUID(), n, validated, results: { competences, tubes } };
        });
        // What sharing them one by one would have added to the campaign's totals, in one upsert per batch.
        const batchTotals: SharedTotals = { competences: {}, tubes: {} };
        for (const row of rows) {
          for (const field of ['competences', 'tubes'] as const) {
            for (const [key, c] of Object.entries(row.results[field])) {
              const sum = (batchTotals[field][key] ??= { targeted: 0, validated: 0 });
              sum.targeted += c.targeted;
              sum.validated += c.validated;
            }
          }
        }
        for (const [index, c] of Object.entries(batchTotals.competences)) {
          const seeded = seededCompetences.get(index) ?? { targeted: 0, validated: 0 };
          seededCompetences.set(index, { targeted: seeded.targeted + c.targeted, validated: seeded.validated + c.validated });
        }
        await db.execute(sql`insert into users (id, first_name, last_name) values ${sql.join(rows.map((r) => sql`(${r.id}, ${`Élève${r.n}`}, ${`Nom${r.n}`})`), sql`, `)}`);
        await db.execute(sql`insert into memberships (user_id, organization_id, role) values ${sql.join(rows.map((r) => sql`(${r.id}, ${school.id}, 'PUPIL')`), sql`, `)}`);
        await db.execute(sql`insert into class_members (class_id, user_id, role) values ${sql.join(rows.map((r) => sql`(${classId}, ${r.id}, 'PUPIL')`), sql`, `)}`);
        await db.execute(sql`insert into campaign_participations (campaign_id, user_id, status, shared_at, validated_skills_count, mastery_rate, pix_score, competence_results)
          values ${sql.join(rows.map((r) => sql`(${campaignId}, ${r.id}, 'SHARED', now(), ${r.validated}, ${r.validated / skillIds.length}, ${r.validated}, ${JSON.stringify(r.results)}::jsonb)`), sql`, `)}`);
        await createSharedTotalsRepository(db).add(campaignId, batchTotals);
      }
      await db.execute(sql`analyze`);
      const seedMs = Math.round(performance.now() - started);
      const actor = { userId: teacherId, organizationId: school.id, role: 'MEMBER' as const, locale: 'fr' };

      if (process.env.BENCH_EXPLAIN) {
        const repo = (await import('../../campaigns/infrastructure/participation-repository.ts')).createParticipationRepository(db);
        for (const [label, work] of [['list', () => repo.listForCampaign(campaignId, school.id, false)], ['sums', () => createSharedTotalsRepository(db).read(campaignId)], ['list+results', () => repo.listForCampaign(campaignId, school.id, true)]] as const) {
          const s0 = performance.now();
          await work();
          process.stderr.write(`${label}: ${Math.round(performance.now() - s0)} ms\n`);
        }
      }
      let t0 = performance.now();
      const exported = await exportResultsCsv(deps, actor, campaignId);
      const csvExportMs = Math.round(performance.now() - t0);
      const lines = exported.csv.split('\r\n').length - 2;
      const timings: number[] = [];
      for (let i = 0; i < runs; i++) {
        // Cold-ish: no cached plan on the server side (OS page cache is out of our hands). Not `discard all`: it
        // would also drop the connection's prepared statements, which the pool believes are there.
        await db.execute(sql`discard plans`);
        t0 = performance.now();
        const dashboard = await getDashboard(deps, actor, campaignId);
        timings.push(performance.now() - t0);
        if (dashboard.participants.length !== count) throw new Error(`dashboard saw ${dashboard.participants.length} participations`);
        // A fast wrong answer is no result: the class figures must be the seeded participations' sums.
        for (const competence of dashboard.competences) {
          const seeded = seededCompetences.get(competence.index);
          const expected = seeded && seeded.targeted > 0 ? Math.round((100 * seeded.validated) / seeded.targeted) : null;
          if (competence.masteryPercent !== expected) throw new Error(`dashboard: ${competence.index} at ${competence.masteryPercent} %, seeded ${expected} %`);
        }
      }
      const result = {
        participations: count,
        csvExportMs,
        dashboardP95Ms: percentile(timings, 95),
        dashboardMedianMs: percentile(timings, 50),
        dashboardFirstMs: Math.round((timings[0] ?? 0) * 10) / 10,
        csvLines: lines,
        skills: skillIds.length,
        seedMs,
      };
      return ok(
        result,
        `${count} participations partagées (${skillIds.length} acquis) : export CSV ${csvExportMs} ms (${lines} lignes), tableau de bord p95 ${result.dashboardP95Ms} ms, médiane ${result.dashboardMedianMs} ms (premier appel ${result.dashboardFirstMs} ms)`,
      );
    } finally {
      await handle.close();
    }
  },
};
