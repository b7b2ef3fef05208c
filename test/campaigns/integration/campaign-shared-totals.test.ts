import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { AnswerResponse, AssessmentView } from '../../../tool/src/shared/api-contract/evaluation.ts';
import type { CampaignView, DashboardView, ParticipationView, TargetProfileView } from '../../../tool/src/shared/api-contract/campaigns.ts';
import type { Referential } from '../../../tool/src/referential/domain/referential.ts';
import type { CompetenceResultsRow } from '../../../tool/src/campaigns/infrastructure/campaigns-schema.ts';
import { createSharedTotalsRepository, type SharedTotals } from '../../../tool/src/campaigns/infrastructure/shared-totals-repository.ts';
import { rightAnswer, wrongAnswer } from '../../../tool/src/bench/answer-values.ts';
import { demoSignIn, startTestApp, testReferential, type TestApp } from '../../support/test-app.ts';

const DAY = 86_400_000;

/**
 * The campaign's shared totals (what the dashboard's class figures come from) follow the participations that
 * count: shared, current, not deleted. Checked against the frozen results of those participations, summed here.
 */
describe('campaign shared totals', () => {
  let app: TestApp;
  let referential: Referential;
  let now = new Date('2026-03-02T09:00:00Z');
  let teacher: string;
  let campaign: CampaignView;

  beforeAll(async () => {
    referential = await testReferential();
    app = await startTestApp({ referential, clock: { now: () => now } });
    teacher = await demoSignIn(app, 'teacher');
    const profile = await call<TargetProfileView>(teacher, 'POST', '/api/target-profiles', {
      name: 'Recherche et sources',
      tubes: [
        { tubeName: 'requete', level: 3 },
        { tubeName: 'fiabiliteSource', level: 2 },
      ],
    });
    const created = await call<CampaignView>(teacher, 'POST', '/api/campaigns', { type: 'ASSESSMENT', name: 'Totaux', targetProfileId: profile.body.id, multipleSendings: true });
    expect(created.status).toBe(201);
    campaign = created.body;
  });
  afterAll(async () => app.close());

  async function call<T>(token: string, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${app.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** Joins (or retries), plays the assessment to its end with `right(i)` deciding each answer, shares. */
  async function playAndShare(token: string, participation: ParticipationView, right: (i: number) => boolean): Promise<ParticipationView> {
    const assessmentId = participation.assessmentId!;
    let view = (await call<AssessmentView>(token, 'GET', `/api/assessments/${assessmentId}`)).body;
    for (let i = 0; view.state === 'started' && i < 200; i++) {
      if (view.checkpointDue) {
        view = (await call<AssessmentView>(token, 'POST', `/api/assessments/${assessmentId}/continue`)).body;
        continue;
      }
      const challenge = referential.challenges.get(view.challenge!.id)!;
      const value = right(i) ? rightAnswer(challenge, view.challenge!) : wrongAnswer(challenge, view.challenge!);
      view = (await call<AnswerResponse>(token, 'POST', `/api/assessments/${assessmentId}/answers`, { challengeId: challenge.id, value })).body.assessment;
    }
    expect(view.state).toBe('completed');
    const shared = await call<ParticipationView>(token, 'POST', `/api/campaign-participations/${participation.id}/share`);
    expect(shared.status).toBe(200);
    return shared.body;
  }

  /** Σ of the frozen results of the participations that count, summed in JS from the stored documents. */
  async function expectedTotals(): Promise<SharedTotals> {
    const result = await app.container.database.db.execute<{ competence_results: CompetenceResultsRow | string }>(sql`
      select competence_results from campaign_participations
      where campaign_id = ${campaign.id} and status = 'SHARED' and is_improved = false and deleted_at is null`);
    const totals: SharedTotals = { competences: {}, tubes: {} };
    for (const row of result.rows) {
      const results = typeof row.competence_results === 'string' ? (JSON.parse(row.competence_results) as CompetenceResultsRow) : row.competence_results;
      for (const field of ['competences', 'tubes'] as const) {
        for (const [key, c] of Object.entries(results[field])) {
          const sum = (totals[field][key] ??= { targeted: 0, validated: 0 });
          sum.targeted += c.targeted;
          sum.validated += c.validated;
        }
      }
    }
    return totals;
  }

  /** Stored totals without the rows brought back to zero (a key whose participations all left). */
  async function storedTotals(): Promise<SharedTotals> {
    const stored = await createSharedTotalsRepository(app.container.database.db).read(campaign.id);
    const nonZero = (r: SharedTotals['tubes']) => Object.fromEntries(Object.entries(r).filter(([, c]) => c.targeted !== 0 || c.validated !== 0));
    return { competences: nonZero(stored.competences), tubes: nonZero(stored.tubes) };
  }

  async function dashboard(): Promise<DashboardView> {
    const response = await call<DashboardView>(teacher, 'GET', `/api/campaigns/${campaign.id}/dashboard`);
    expect(response.status).toBe(200);
    return response.body;
  }

  const rate = (c: { targeted: number; validated: number } | undefined) => (c && c.targeted > 0 ? Math.round((100 * c.validated) / c.targeted) : null);

  let lea: string;
  let noah: string;
  let leaFirst: ParticipationView;

  it('adds a participation to the totals when it is shared, not before', async () => {
    lea = await demoSignIn(app, 'pupil-5a-1');
    noah = await demoSignIn(app, 'pupil-5a-2');
    const joined = (await call<ParticipationView>(lea, 'POST', '/api/campaign-participations', { code: campaign.code })).body;
    expect(await storedTotals()).toEqual({ competences: {}, tubes: {} });
    // Léa misses one answer in three: below 100 %, so she may retry later.
    leaFirst = await playAndShare(lea, joined, (i) => i % 3 !== 0);
    expect(leaFirst.results!.masteryPercent).toBeLessThan(100);
    const afterLea = await storedTotals();
    expect(Object.keys(afterLea.tubes).sort()).toEqual(['fiabiliteSource', 'requete']);
    expect(afterLea).toEqual(await expectedTotals());

    const noahJoined = (await call<ParticipationView>(noah, 'POST', '/api/campaign-participations', { code: campaign.code })).body;
    await playAndShare(noah, noahJoined, () => true);
    const both = await storedTotals();
    expect(both).toEqual(await expectedTotals());
    expect(both.competences['1.1']!.targeted).toBe(2 * campaign.skillCount);

    // The dashboard's class figures are the totals' ratios.
    const view = await dashboard();
    expect(view.counts).toEqual({ STARTED: 0, TO_SHARE: 0, SHARED: 2 });
    expect(view.competences).toEqual([expect.objectContaining({ index: '1.1', masteryPercent: rate(both.competences['1.1']) })]);
    for (const tube of view.weakestTubes) expect(tube.masteryPercent).toBe(rate(both.tubes[tube.tubeName]));

    // `?classId=` adds the class's pupils who have not started; the class figures stay the campaign's.
    const [fiveA] = (await app.container.database.db.execute<{ id: string }>(sql`select id from classes where label = '5e A'`)).rows;
    const filtered = await call<DashboardView>(teacher, 'GET', `/api/campaigns/${campaign.id}/dashboard?classId=${fiveA!.id}`);
    expect(filtered.status).toBe(200);
    expect(filtered.body.notStarted).toEqual([{ firstName: 'Inès', lastName: 'Moreau', className: '5e A' }]);
    expect(filtered.body.competences).toEqual(view.competences);
    expect(view.notStarted).toEqual([]);
  });

  it('does not count a retried participation twice: the improved attempt leaves the totals, the new one enters when shared', async () => {
    now = new Date(now.getTime() + 5 * DAY);
    lea = await demoSignIn(app, 'pupil-5a-1');
    teacher = await demoSignIn(app, 'teacher');
    const retried = await call<ParticipationView>(lea, 'POST', `/api/campaign-participations/${leaFirst.id}/retry`);
    expect(retried.status).toBe(200);
    const noahOnly = await storedTotals();
    expect(noahOnly).toEqual(await expectedTotals());
    expect(noahOnly.competences['1.1']!.targeted).toBe(campaign.skillCount);
    expect((await dashboard()).counts).toEqual({ STARTED: 1, TO_SHARE: 0, SHARED: 1 });

    await playAndShare(lea, retried.body, () => true);
    const afterRetry = await storedTotals();
    expect(afterRetry).toEqual(await expectedTotals());
    expect(afterRetry.competences['1.1']!.targeted).toBe(2 * campaign.skillCount);
    const view = await dashboard();
    expect(view.counts).toEqual({ STARTED: 0, TO_SHARE: 0, SHARED: 2 });
    expect(view.competences[0]!.masteryPercent).toBe(rate(afterRetry.competences['1.1']));
  });

  it('takes a deleted participation out of the totals, once', async () => {
    const noahRow = (await dashboard()).participants.find((p) => p.lastName === 'Petit')!;
    expect((await call(teacher, 'DELETE', `/api/campaigns/${campaign.id}/participations/${noahRow.participationId}`)).status).toBe(200);
    const leaOnly = await storedTotals();
    expect(leaOnly).toEqual(await expectedTotals());
    expect(leaOnly.competences['1.1']!.targeted).toBe(campaign.skillCount);
    // Deleting it again is refused and subtracts nothing.
    expect((await call(teacher, 'DELETE', `/api/campaigns/${campaign.id}/participations/${noahRow.participationId}`)).status).toBe(404);
    expect(await storedTotals()).toEqual(leaOnly);
  });

  it('backfills the totals of participations shared before the migration (improved and deleted ones left out)', async () => {
    const db = app.container.database.db;
    const before = await storedTotals();
    // The campaign's table as it was before migration 0009: shared participations, no totals.
    await db.execute(sql`delete from campaign_shared_totals`);
    expect((await dashboard()).competences[0]!.masteryPercent).toBeNull();
    const migration = readFileSync(new URL('../../../tool/migrations/0009_campaign_shared_totals.sql', import.meta.url), 'utf8');
    const backfill = migration.split('--> statement-breakpoint').find((statement) => /INSERT INTO "campaign_shared_totals"/.test(statement));
    expect(backfill).toBeDefined();
    await db.execute(sql.raw(backfill!));
    expect(await storedTotals()).toEqual(before);
    expect(await storedTotals()).toEqual(await expectedTotals());
    expect((await dashboard()).competences[0]!.masteryPercent).toBe(rate(before.competences['1.1']));
  });
});
