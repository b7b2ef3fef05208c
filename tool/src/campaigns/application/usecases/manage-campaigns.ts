import { z } from 'zod';
import type { CampaignListView, CampaignView } from '../../../shared/api-contract/campaigns.ts';
import { campaignErrors } from '../../domain/campaign-errors.ts';
import { generateCampaignCode } from '../../domain/campaign-code.ts';
import { stagesProblem } from '../../domain/stages.ts';
import { campaignSkillIds } from '../../domain/target-profile.ts';
import { createCampaignRepository, type NewCampaign } from '../../infrastructure/campaign-repository.ts';
import { loadTeacherCampaign, teacherOrganizationIds } from '../access.ts';
import type { CampaignActor, CampaignsDeps } from '../campaigns-deps.ts';
import { presentCampaign } from '../present.ts';
import { resolveTargetProfile } from './target-profiles.ts';

const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((v) => (v?.trim() ? v.trim() : null));
const stageSchema = z.object({ threshold: z.number().int().min(0).max(100), title: z.string().trim().min(1).max(200), message: z.string().max(2000).default('') }).strict();

export const campaignInputSchema = z
  .object({
    type: z.enum(['ASSESSMENT', 'PROFILES_COLLECTION']),
    name: z.string().trim().min(1).max(255),
    title: optionalText(255),
    landingText: optionalText(5000),
    externalIdLabel: optionalText(255),
    multipleSendings: z.boolean().default(false),
    openToAnyone: z.boolean().default(false),
    gradePerCompetence: z.boolean().default(false),
    targetProfileId: z.string().max(100).nullish(),
    stages: z.array(stageSchema).max(10).default([]),
    /** Creating in another of the teacher's organizations; the session's by default. */
    organizationId: z.string().uuid().optional(),
  })
  .strict();

export const campaignUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(255).optional(),
    title: optionalText(255).optional(),
    landingText: optionalText(5000).optional(),
    externalIdLabel: optionalText(255).optional(),
    multipleSendings: z.boolean().optional(),
    openToAnyone: z.boolean().optional(),
    gradePerCompetence: z.boolean().optional(),
    stages: z.array(stageSchema).max(10).optional(),
  })
  .strict();

/**
 * Creates a campaign: a fresh unique code, the target profile's skills frozen now (§4.1). ASSESSMENT needs a
 * target profile; PROFILES_COLLECTION takes none and no title.
 */
export async function createCampaign(deps: CampaignsDeps, actor: CampaignActor, body: unknown): Promise<CampaignView> {
  const input = campaignInputSchema.parse(body);
  const organizationIds = await teacherOrganizationIds(deps, actor);
  const organizationId = input.organizationId ?? actor.organizationId;
  if (!organizationId || !organizationIds.includes(organizationId)) throw campaignErrors.teacherOnly();
  const problem = stagesProblem(input.stages);
  if (problem) throw campaignErrors.invalid(problem);

  let profile: { ref: string; name: string; skillIds: string[] } | null = null;
  if (input.type === 'ASSESSMENT') {
    if (!input.targetProfileId) throw campaignErrors.invalid('Choisissez un profil cible.');
    const resolved = await resolveTargetProfile(deps, organizationIds, input.targetProfileId, actor.locale);
    const skillIds = campaignSkillIds(resolved.tubes, deps.referential());
    if (skillIds.length === 0) throw campaignErrors.emptyTargetProfile();
    profile = { ref: resolved.id, name: resolved.name, skillIds };
  } else if (input.title || input.stages.length) {
    throw campaignErrors.invalid('Une collecte de profils n’a ni titre ni paliers.');
  }

  const repo = createCampaignRepository(deps.db);
  const now = deps.clock.now();
  const values: Omit<NewCampaign, 'code'> = {
    organizationId,
    type: input.type,
    name: input.name,
    title: input.title,
    landingText: input.landingText,
    externalIdLabel: input.externalIdLabel,
    multipleSendings: input.multipleSendings,
    openToAnyone: input.openToAnyone,
    gradePerCompetence: input.gradePerCompetence,
    targetProfileRef: profile?.ref ?? null,
    targetProfileName: profile?.name ?? null,
    skillIds: profile?.skillIds ?? [],
    stages: input.stages,
    ownerId: actor.userId,
    createdAt: now,
    updatedAt: now,
  };
  // Retry until a free code: the unique index decides, so two instances never hand out the same code.
  for (let attempt = 0; attempt < 20; attempt++) {
    const created = await repo.insert({ ...values, code: generateCampaignCode(deps.random) });
    if (created) return presentCampaign(created, deps.publicUrl);
  }
  throw campaignErrors.codeExhausted();
}

/** Edits what may change; `multipleSendings` is locked once someone has joined (§4.1). Skills never change. */
export async function updateCampaign(deps: CampaignsDeps, actor: CampaignActor, campaignId: string, body: unknown): Promise<CampaignView> {
  const input = campaignUpdateSchema.parse(body);
  const { campaign } = await loadTeacherCampaign(deps, deps.db, actor, campaignId);
  const repo = createCampaignRepository(deps.db);
  if (input.multipleSendings !== undefined && input.multipleSendings !== campaign.multipleSendings && (await repo.hasParticipations(campaign.id))) {
    throw campaignErrors.multipleSendingsLocked();
  }
  if (input.stages) {
    const problem = stagesProblem(input.stages);
    if (problem) throw campaignErrors.invalid(problem);
    if (campaign.type === 'PROFILES_COLLECTION' && input.stages.length) throw campaignErrors.invalid('Une collecte de profils n’a pas de paliers.');
  }
  const updated = await repo.update(campaign.id, { ...input, updatedAt: deps.clock.now() });
  if (!updated) throw campaignErrors.notFound();
  return presentCampaign(updated, deps.publicUrl, (await repo.participationCounts([updated.id])).get(updated.id));
}

export async function setCampaignArchived(deps: CampaignsDeps, actor: CampaignActor, campaignId: string, archived: boolean): Promise<CampaignView> {
  const { campaign } = await loadTeacherCampaign(deps, deps.db, actor, campaignId);
  const repo = createCampaignRepository(deps.db);
  const now = deps.clock.now();
  const updated = await repo.update(campaign.id, archived ? { archivedAt: now, archivedBy: actor.userId, updatedAt: now } : { archivedAt: null, archivedBy: null, updatedAt: now });
  if (!updated) throw campaignErrors.notFound();
  return presentCampaign(updated, deps.publicUrl, (await repo.participationCounts([updated.id])).get(updated.id));
}

export async function listCampaigns(deps: CampaignsDeps, actor: CampaignActor, includeArchived: boolean): Promise<CampaignListView> {
  const organizationIds = await teacherOrganizationIds(deps, actor);
  const repo = createCampaignRepository(deps.db);
  const campaigns = await repo.listByOrganizations(organizationIds, includeArchived);
  const counts = await repo.participationCounts(campaigns.map((c) => c.id));
  return { campaigns: campaigns.map((c) => presentCampaign(c, deps.publicUrl, counts.get(c.id))) };
}

export async function getCampaign(deps: CampaignsDeps, actor: CampaignActor, campaignId: string): Promise<CampaignView> {
  const { campaign } = await loadTeacherCampaign(deps, deps.db, actor, campaignId);
  const counts = await createCampaignRepository(deps.db).participationCounts([campaign.id]);
  return presentCampaign(campaign, deps.publicUrl, counts.get(campaign.id));
}

/** The LTI deep-linking picker's list: the organization's active campaigns (seam for lti/start-deep-linking.ts). */
export async function listCampaignsForPicker(deps: Pick<CampaignsDeps, 'db'>, organizationId: string): Promise<Array<{ code: string; name: string }>> {
  const campaigns = await createCampaignRepository(deps.db).listByOrganizations([organizationId], false);
  return campaigns.map((c) => ({ code: c.code, name: c.name }));
}
