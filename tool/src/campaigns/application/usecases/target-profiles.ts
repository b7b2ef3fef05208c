import { z } from 'zod';
import type { TargetProfileView, TubeChoiceView } from '../../../shared/api-contract/campaigns.ts';
import { localize } from '../../../referential/infrastructure/framework-file.ts';
import { campaignErrors } from '../../domain/campaign-errors.ts';
import { campaignSkillIds, resolveSelectors, type TargetProfile } from '../../domain/target-profile.ts';
import { createCampaignRepository } from '../../infrastructure/campaign-repository.ts';
import { teacherOrganizationIds } from '../access.ts';
import type { CampaignActor, CampaignsDeps } from '../campaigns-deps.ts';

export const targetProfileInputSchema = z
  .object({
    name: z.string().trim().min(1).max(255),
    description: z.string().max(2000).default(''),
    tubes: z.array(z.object({ tubeName: z.string().min(1).max(100), level: z.number().int().min(1).max(8) }).strict()).min(1).max(200),
    organizationId: z.string().uuid().optional(),
  })
  .strict();

/** A catalogue profile (`catalogue:<key>`) or a custom one of the teacher's organizations; else 404. */
export async function resolveTargetProfile(deps: CampaignsDeps, organizationIds: readonly string[], id: string, locale: string): Promise<TargetProfile> {
  if (id.startsWith('catalogue:')) {
    const profile = deps.catalogue.get(id.slice('catalogue:'.length));
    if (!profile) throw campaignErrors.targetProfileNotFound();
    return deps.catalogue.toTargetProfile(profile, locale);
  }
  const row = await createCampaignRepository(deps.db).findTargetProfile(id);
  if (!row || !organizationIds.includes(row.organizationId)) throw campaignErrors.targetProfileNotFound();
  return { id: row.id, name: row.name, description: row.description, category: 'CUSTOM', tubes: row.tubes };
}

function view(profile: TargetProfile, deps: CampaignsDeps): TargetProfileView {
  return { ...profile, skillCount: campaignSkillIds(profile.tubes, deps.referential()).length };
}

/** The catalogue, then the organization's custom profiles. */
export async function listTargetProfiles(deps: CampaignsDeps, actor: CampaignActor): Promise<{ profiles: TargetProfileView[] }> {
  const organizationIds = await teacherOrganizationIds(deps, actor);
  const custom = await createCampaignRepository(deps.db).listTargetProfiles(organizationIds);
  return {
    profiles: [
      ...deps.catalogue.profiles.map((p) => view(deps.catalogue.toTargetProfile(p, actor.locale), deps)),
      ...custom.map((row) => view({ id: row.id, name: row.name, description: row.description, category: 'CUSTOM', tubes: row.tubes }, deps)),
    ],
  };
}

/** A custom profile: picked tubes, each up to a level (capped at the tube's hardest skill). */
export async function createTargetProfile(deps: CampaignsDeps, actor: CampaignActor, body: unknown): Promise<TargetProfileView> {
  const input = targetProfileInputSchema.parse(body);
  const organizationIds = await teacherOrganizationIds(deps, actor);
  const organizationId = input.organizationId ?? actor.organizationId;
  if (!organizationId || !organizationIds.includes(organizationId)) throw campaignErrors.teacherOnly();
  const { tubes, unknown } = resolveSelectors(input.tubes.map((t) => ({ tube: t.tubeName, level: t.level })), deps.referential());
  if (unknown.length) throw campaignErrors.invalid(`Sujets inconnus : ${unknown.join(', ')}`);
  if (campaignSkillIds(tubes, deps.referential()).length === 0) throw campaignErrors.emptyTargetProfile();
  const row = await createCampaignRepository(deps.db).insertTargetProfile({ organizationId, name: input.name, description: input.description, tubes, createdBy: actor.userId });
  return view({ id: row.id, name: row.name, description: row.description, category: 'CUSTOM', tubes: row.tubes }, deps);
}

/** Every tube a teacher can pick, by competence (with its area, for the builder's grouping). */
export function listTubeChoices(deps: CampaignsDeps, actor: CampaignActor): { competences: TubeChoiceView[] } {
  if (actor.role === 'PUPIL') throw campaignErrors.teacherOnly();
  const referential = deps.referential();
  const areaNames = new Map(referential.areas.map((a) => [a.code, localize(a.name, actor.locale)]));
  return {
    competences: [...referential.competences.values()].map((c) => ({
      areaCode: c.areaCode,
      areaName: areaNames.get(c.areaCode) ?? c.areaCode,
      competenceIndex: c.index,
      competenceName: localize(c.name, actor.locale),
      tubes: c.tubeNames.flatMap((name) => {
        const tube = referential.tubes.get(name);
        return tube ? [{ name: tube.name, title: localize(tube.title, actor.locale), maxLevel: tube.maxLevel }] : [];
      }),
    })),
  };
}
