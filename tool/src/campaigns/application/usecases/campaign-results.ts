import type { DashboardView } from '../../../shared/api-contract/campaigns.ts';
import { localize } from '../../../referential/infrastructure/framework-file.ts';
import { organizations } from '../../../identity/infrastructure/identity-schema.ts';
import { eq } from 'drizzle-orm';
import { aggregateClass } from '../../domain/dashboard.ts';
import { buildResultsCsv, resultsFileName } from '../../domain/csv-export.ts';
import { participationProgress } from '../../domain/participation-rules.ts';
import { campaignErrors } from '../../domain/campaign-errors.ts';
import { countsInSharedTotals, createParticipationRepository } from '../../infrastructure/participation-repository.ts';
import { createSharedTotalsRepository } from '../../infrastructure/shared-totals-repository.ts';
import { loadTeacherCampaign } from '../access.ts';
import type { CampaignActor, CampaignsDeps } from '../campaigns-deps.ts';
import { presentCampaign, tutorialLinks } from '../present.ts';

const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 100));

/**
 * The class dashboard: every current participation (status, progress, mastery, dates), mastery per competence
 * across the class (from the campaign's shared totals, not from each participation's results), the weakest
 * tubes with tutorials, and the pupils of a class who have not started. Four indexed reads, nothing memoised.
 */
export async function getDashboard(deps: CampaignsDeps, actor: CampaignActor, campaignId: string, classId?: string): Promise<DashboardView> {
  const { campaign } = await loadTeacherCampaign(deps, deps.db, actor, campaignId);
  const referential = deps.referential();
  const repo = createParticipationRepository(deps.db);
  const wantsClass = classId !== undefined && /^[0-9a-f-]{36}$/i.test(classId);
  // Independent reads, concurrent on a PostgreSQL pool (PGlite queues them): the participants, the class
  // totals kept at share time, the progress of the unfinished ones, the class's pupils who have not started.
  const [rows, sums, tested, notStarted] = await Promise.all([
    repo.listForCampaign(campaign.id, campaign.organizationId, false),
    createSharedTotalsRepository(deps.db).read(campaign.id),
    repo.testedSkillCounts(campaign.id, campaign.skillIds),
    wantsClass ? repo.classPupilsNotStarted(campaign.id, classId) : Promise.resolve([]),
  ]);
  const aggregate = aggregateClass(
    rows.map((r) => ({ status: r.status, masteryRate: r.masteryRate, results: null })),
    sums,
    campaign.skillIds,
    referential,
  );
  return {
    campaign: presentCampaign(campaign, deps.publicUrl, { participants: rows.length, shared: aggregate.sharedCount }),
    counts: aggregate.counts,
    averageMasteryPercent: pct(aggregate.averageMasteryRate),
    competences: aggregate.competences.map((c) => {
      const competence = referential.competences.get(c.index);
      return { index: c.index, name: competence ? localize(competence.name, actor.locale) : c.index, masteryPercent: pct(c.masteryRate) };
    }),
    weakestTubes: aggregate.weakestTubes.map((t) => {
      const tube = referential.tubes.get(t.tubeName);
      return {
        tubeName: t.tubeName,
        title: tube ? localize(tube.title, actor.locale) : t.tubeName,
        competenceIndex: t.competenceIndex,
        masteryPercent: Math.round(t.masteryRate * 100),
        tutorials: tutorialLinks(referential, t.tutorialIds),
      };
    }),
    participants: rows.map((r) => ({
      participationId: r.id,
      firstName: r.firstName,
      lastName: r.lastName,
      className: r.className,
      status: r.status,
      progressPercent: Math.round(100 * participationProgress(r.status, tested.get(r.id) ?? 0, campaign.skillIds.length)),
      masteryPercent: r.status === 'SHARED' ? pct(r.masteryRate) : null,
      createdAt: r.createdAt.toISOString(),
      sharedAt: r.sharedAt?.toISOString() ?? null,
    })),
    notStarted,
  };
}

/** The results CSV (§4.4) and its file name. */
export async function exportResultsCsv(deps: CampaignsDeps, actor: CampaignActor, campaignId: string): Promise<{ fileName: string; csv: string }> {
  const { campaign } = await loadTeacherCampaign(deps, deps.db, actor, campaignId);
  const referential = deps.referential();
  const [organization] = await deps.db.select({ name: organizations.name, type: organizations.type }).from(organizations).where(eq(organizations.id, campaign.organizationId));
  const repo = createParticipationRepository(deps.db);
  const rows = await repo.listForCampaign(campaign.id, campaign.organizationId);
  const tested = await repo.testedSkillCounts(campaign.id, campaign.skillIds);
  const csv = buildResultsCsv(
    {
      id: campaign.id,
      code: campaign.code,
      name: campaign.name,
      organizationName: organization?.name ?? '',
      targetProfileName: campaign.targetProfileName,
      externalIdLabel: campaign.externalIdLabel,
      stages: campaign.stages,
      skillIds: campaign.skillIds,
      withClass: organization?.type === 'SCO',
    },
    rows.map((r) => ({
      lastName: r.lastName,
      firstName: r.firstName,
      className: r.className,
      externalId: r.participantExternalId,
      status: r.status,
      createdAt: r.createdAt,
      sharedAt: r.sharedAt,
      progress: participationProgress(r.status, tested.get(r.id) ?? 0, campaign.skillIds.length),
      masteryRate: r.masteryRate,
      validatedSkillsCount: r.validatedSkillsCount,
      competences: r.results?.competences ?? null,
    })),
    referential,
  );
  return { fileName: resultsFileName(campaign, deps.clock.now()), csv };
}

/**
 * Deleting a participation anonymises it (§4.5): the pupil is detached, the external id dropped, who and when
 * kept. Definitive; she may join again, as a new participant.
 */
export async function deleteParticipation(deps: CampaignsDeps, actor: CampaignActor, campaignId: string, participationId: string): Promise<{ deleted: true }> {
  // Outside the transaction: the membership check reads through the global handle (PGlite would deadlock).
  const { campaign } = await loadTeacherCampaign(deps, deps.db, actor, campaignId);
  return deps.db.transaction(async (tx) => {
    const repo = createParticipationRepository(tx);
    // Locked: a share or a retry of the same participation waits, so the shared totals stay exact.
    const participation = await repo.lockById(participationId);
    if (!participation || participation.campaignId !== campaign.id || participation.deletedAt) throw campaignErrors.participationNotFound();
    await repo.update(participation.id, { userId: null, participantExternalId: null, deletedAt: deps.clock.now(), deletedBy: actor.userId });
    if (countsInSharedTotals(participation)) await createSharedTotalsRepository(tx).subtract(campaign.id, participation.competenceResults!);
    return { deleted: true as const };
  });
}
