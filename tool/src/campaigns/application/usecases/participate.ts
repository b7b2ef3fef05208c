import { z } from 'zod';
import type { CampaignLandingView, ParticipationView } from '../../../shared/api-contract/campaigns.ts';
import type { Database } from '../../../shared/infrastructure/db/database.ts';
import { advanceAssessment } from '../../../evaluation/application/advance-assessment.ts';
import { evaluationRepositories } from '../../../evaluation/application/evaluation-state.ts';
import { scoreCompetence } from '../../../evaluation/domain/scoring/competence-score.ts';
import { campaignErrors } from '../../domain/campaign-errors.ts';
import { normalizeCampaignCode } from '../../domain/campaign-code.ts';
import { computeParticipationResults, displayedMasteryRate } from '../../domain/participation-results.ts';
import { retryState, shareRefusal } from '../../domain/participation-rules.ts';
import { reachedStage } from '../../domain/stages.ts';
import type { StoredCampaign } from '../../infrastructure/campaign-repository.ts';
import { countsInSharedTotals, createParticipationRepository, type StoredParticipation } from '../../infrastructure/participation-repository.ts';
import { createSharedTotalsRepository } from '../../infrastructure/shared-totals-repository.ts';
import { loadJoinableCampaign, loadOwnParticipation } from '../access.ts';
import type { CampaignActor, CampaignsDeps } from '../campaigns-deps.ts';
import { presentCompetences, tutorialLinks } from '../present.ts';

export const joinRequestSchema = z
  .object({ code: z.string().min(1).max(30), participantExternalId: z.string().trim().max(255).optional() })
  .strict();

/** Before joining: the campaign's landing page (title, text, external id asked) and her participation if any. */
export async function getCampaignLanding(deps: CampaignsDeps, actor: CampaignActor, rawCode: string): Promise<CampaignLandingView> {
  const campaign = await loadJoinableCampaign(deps.db, actor, normalizeCampaignCode(rawCode));
  const current = await createParticipationRepository(deps.db).findCurrent(campaign.id, actor.userId);
  return {
    code: campaign.code,
    name: campaign.name,
    title: campaign.title,
    landingText: campaign.landingText,
    externalIdLabel: campaign.externalIdLabel,
    type: campaign.type,
    participationId: current?.id ?? null,
  };
}

/**
 * Joins a campaign by code (typed, direct link or LTI resource link): STARTED with a campaign assessment
 * restricted to the campaign's skills, or the current participation when she already joined (resume).
 */
export async function joinCampaign(deps: CampaignsDeps, actor: CampaignActor, body: unknown): Promise<ParticipationView> {
  const request = joinRequestSchema.parse(body);
  const code = normalizeCampaignCode(request.code);
  return deps.db.transaction(async (tx) => {
    const campaign = await loadJoinableCampaign(tx, actor, code);
    const repo = createParticipationRepository(tx);
    const current = await repo.findCurrent(campaign.id, actor.userId);
    if (current) return presentParticipation(deps, tx, actor, current, campaign);
    if (campaign.archivedAt) throw campaignErrors.archived();
    if (campaign.externalIdLabel && !request.participantExternalId) throw campaignErrors.invalid(`Renseignez : ${campaign.externalIdLabel}.`);
    const now = deps.clock.now();
    const participation = await repo.insert({
      campaignId: campaign.id,
      userId: actor.userId,
      participantExternalId: campaign.externalIdLabel ? (request.participantExternalId ?? null) : null,
      status: campaign.type === 'ASSESSMENT' ? 'STARTED' : 'TO_SHARE',
      now,
    });
    if (campaign.type === 'ASSESSMENT') await startCampaignAssessment(deps, tx, actor, participation, campaign.skillIds, false, now);
    return presentParticipation(deps, tx, actor, participation, campaign);
  });
}

async function startCampaignAssessment(deps: CampaignsDeps, tx: Database, actor: CampaignActor, participation: StoredParticipation, skillIds: readonly string[], isImproving: boolean, now: Date) {
  const repos = evaluationRepositories(tx);
  const created = await repos.assessments.create({
    userId: actor.userId,
    organizationId: actor.organizationId,
    type: 'CAMPAIGN',
    competenceIndex: null,
    campaignParticipationId: participation.id,
    method: deps.evaluation.defaultMethod,
    seed: deps.evaluation.newSeed(),
    isImproving,
    now,
  });
  const advanced = await advanceAssessment({
    repos,
    stored: created,
    referential: deps.referential(),
    now,
    known: { answers: [], knowledgeElements: await repos.knowledgeElements.listByUser(actor.userId) },
    targetSkillIds: skillIds,
  });
  // Everything already known (proved elsewhere): nothing to ask, the participation is ready to share.
  if (advanced.stored.state === 'completed') await createParticipationRepository(tx).update(participation.id, { status: 'TO_SHARE' });
}

export async function getParticipation(deps: CampaignsDeps, actor: CampaignActor, participationId: string): Promise<ParticipationView> {
  const { participation, campaign } = await loadOwnParticipation(deps.db, actor, participationId);
  return presentParticipation(deps, deps.db, actor, participation, campaign);
}

/** "Envoyer mes résultats": TO_SHARE → SHARED, results frozen, grades queued for the LMS (same transaction). */
export async function shareParticipation(deps: CampaignsDeps, actor: CampaignActor, participationId: string): Promise<ParticipationView> {
  return deps.db.transaction(async (tx) => {
    const { participation, campaign } = await loadOwnParticipation(tx, actor, participationId, true);
    const refusal = shareRefusal(participation, campaign);
    if (refusal === 'ALREADY_SHARED') throw campaignErrors.alreadyShared();
    if (refusal === 'NOT_FINISHED') throw campaignErrors.notFinished();
    if (refusal === 'ARCHIVED') throw campaignErrors.archived();
    if (refusal === 'DELETED') throw campaignErrors.participationNotFound();
    const referential = deps.referential();
    const knowledge = await evaluationRepositories(tx).knowledgeElements.listByUser(actor.userId);
    const results = computeParticipationResults(campaign.skillIds, knowledge, referential);
    const now = deps.clock.now();
    const shared: StoredParticipation = {
      ...participation,
      status: 'SHARED',
      sharedAt: now,
      validatedSkillsCount: results.validatedSkillsCount,
      masteryRate: results.masteryRate,
      pixScore: results.pixScore,
      competenceResults: { competences: results.competences, tubes: results.tubes },
    };
    await createParticipationRepository(tx).update(participation.id, {
      status: 'SHARED',
      sharedAt: now,
      validatedSkillsCount: shared.validatedSkillsCount,
      masteryRate: shared.masteryRate,
      pixScore: shared.pixScore,
      competenceResults: shared.competenceResults,
    });
    if (deps.onParticipationShared && campaign.type === 'ASSESSMENT') {
      const stage = reachedStage(campaign.stages, results.masteryRate, results.validatedSkillsCount);
      await deps.onParticipationShared({
        db: tx,
        userId: actor.userId,
        campaign: { id: campaign.id, code: campaign.code, name: campaign.name, gradePerCompetence: campaign.gradePerCompetence },
        masteryPercent: Math.round(results.masteryRate * 100),
        stage: stage ? { reached: stage.reached, total: stage.total, title: stage.stage.title } : null,
        competenceLevels: Object.keys(results.competences).map((index) => ({
          index,
          level: scoreCompetence({ knowledgeElements: knowledge, competenceIndex: index, maxReachableLevel: deps.evaluation.maxReachableLevel }).level,
        })),
        now,
      });
    }
    // Last write of the transaction: the campaign's totals rows stay locked (other shares wait) the least time.
    await createSharedTotalsRepository(tx).add(campaign.id, shared.competenceResults!);
    return presentParticipation(deps, tx, actor, shared, campaign);
  });
}

/** "Repasser mon parcours": the shared attempt is kept (improved) and a new one starts, old failures forgotten. */
export async function retryParticipation(deps: CampaignsDeps, actor: CampaignActor, participationId: string): Promise<ParticipationView> {
  return deps.db.transaction(async (tx) => {
    const { participation, campaign } = await loadOwnParticipation(tx, actor, participationId, true);
    const now = deps.clock.now();
    const retry = retryState(participation, campaign, now);
    if (!retry.canRetry) throw campaignErrors.retryNotAllowed(retry.remainingDays);
    const repo = createParticipationRepository(tx);
    await repo.update(participation.id, { isImproved: true });
    // The kept attempt leaves the class results; the new one enters them when shared.
    if (countsInSharedTotals(participation)) await createSharedTotalsRepository(tx).subtract(campaign.id, participation.competenceResults!);
    const next = await repo.insert({
      campaignId: campaign.id,
      userId: actor.userId,
      participantExternalId: participation.participantExternalId,
      status: campaign.type === 'ASSESSMENT' ? 'STARTED' : 'TO_SHARE',
      now,
    });
    if (campaign.type === 'ASSESSMENT') await startCampaignAssessment(deps, tx, actor, next, campaign.skillIds, true, now);
    return presentParticipation(deps, tx, actor, next, campaign);
  });
}

/** The pupil's campaigns. */
export async function listMyParticipations(deps: CampaignsDeps, actor: CampaignActor): Promise<{ participations: ParticipationView[] }> {
  const rows = await createParticipationRepository(deps.db).listCurrentOfUser(actor.userId);
  const views: ParticipationView[] = [];
  for (const row of rows) {
    const { campaign } = await loadOwnParticipation(deps.db, actor, row.id);
    views.push(await presentParticipation(deps, deps.db, actor, row, campaign));
  }
  return { participations: views };
}

/** Her participation, with results once the assessment is over (frozen ones once shared). */
export async function presentParticipation(deps: CampaignsDeps, db: Database, actor: CampaignActor, participation: StoredParticipation, campaign: StoredCampaign): Promise<ParticipationView> {
  const referential = deps.referential();
  const assessment = campaign.type === 'ASSESSMENT' ? await createParticipationRepository(db).latestAssessment(participation.id) : null;
  const now = deps.clock.now();
  const retry = retryState(participation, campaign, now);
  let results: ParticipationView['results'] = null;
  if (participation.status !== 'STARTED' && campaign.type === 'ASSESSMENT') {
    const knowledge = await evaluationRepositories(db).knowledgeElements.listByUser(actor.userId);
    const live = computeParticipationResults(campaign.skillIds, knowledge, referential);
    const frozen = participation.status === 'SHARED' && participation.competenceResults;
    const masteryRate = frozen ? (participation.masteryRate ?? 0) : live.masteryRate;
    const validated = frozen ? (participation.validatedSkillsCount ?? 0) : live.validatedSkillsCount;
    const stage = reachedStage(campaign.stages, masteryRate, validated);
    const tutorialIds = [...new Set(live.failedSkillIds.flatMap((id) => referential.skills.get(id)?.tutorialIds ?? []))].slice(0, 6);
    results = {
      masteryPercent: Math.round(displayedMasteryRate(masteryRate) * 100),
      validatedSkillsCount: validated,
      targetedSkillsCount: campaign.skillIds.length,
      competences: presentCompetences(frozen ? participation.competenceResults!.competences : live.competences, referential, actor.locale),
      stage: stage ? { reached: stage.reached, total: stage.total, title: stage.stage.title, message: stage.stage.message } : null,
      tutorials: tutorialLinks(referential, tutorialIds),
    };
  }
  return {
    id: participation.id,
    campaign: { code: campaign.code, name: campaign.name, title: campaign.title, landingText: campaign.landingText, type: campaign.type, externalIdLabel: campaign.externalIdLabel },
    status: participation.status,
    assessmentId: assessment?.id ?? null,
    assessmentState: assessment && assessment.state !== 'aborted' ? assessment.state : null,
    assessmentAnswered: assessment?.answered ?? false,
    createdAt: participation.createdAt.toISOString(),
    sharedAt: participation.sharedAt?.toISOString() ?? null,
    canShare: shareRefusal(participation, campaign) === null,
    canRetry: retry.canRetry,
    retryInDays: retry.eligible && !retry.canRetry ? retry.remainingDays : null,
    results,
  };
}
