import type { CampaignView, CompetenceResultView, TutorialLinkView } from '../../shared/api-contract/campaigns.ts';
import type { Referential } from '../../referential/domain/referential.ts';
import { localize } from '../../referential/infrastructure/framework-file.ts';
import type { StoredCampaign } from '../infrastructure/campaign-repository.ts';

/** The one place a campaign row becomes API JSON. */
export function presentCampaign(campaign: StoredCampaign, publicUrl: string, counts?: { participants: number; shared: number }): CampaignView {
  return {
    id: campaign.id,
    code: campaign.code,
    type: campaign.type,
    name: campaign.name,
    title: campaign.title,
    landingText: campaign.landingText,
    externalIdLabel: campaign.externalIdLabel,
    multipleSendings: campaign.multipleSendings,
    openToAnyone: campaign.openToAnyone,
    gradePerCompetence: campaign.gradePerCompetence,
    targetProfile: { id: campaign.targetProfileRef, name: campaign.targetProfileName },
    skillCount: campaign.skillIds.length,
    stages: campaign.stages,
    createdAt: campaign.createdAt.toISOString(),
    archivedAt: campaign.archivedAt?.toISOString() ?? null,
    joinUrl: `${publicUrl}/campaigns/join?code=${encodeURIComponent(campaign.code)}`,
    participantsCount: counts?.participants ?? 0,
    sharedCount: counts?.shared ?? 0,
  };
}

export function presentCompetences(counts: Record<string, { targeted: number; validated: number }>, referential: Referential, locale: string): CompetenceResultView[] {
  return [...referential.competences.values()].flatMap((competence) => {
    const c = counts[competence.index];
    if (!c || c.targeted === 0) return [];
    return [
      {
        index: competence.index,
        name: localize(competence.name, locale),
        areaCode: competence.areaCode,
        targeted: c.targeted,
        validated: c.validated,
        masteryPercent: Math.round((100 * c.validated) / c.targeted),
      },
    ];
  });
}

export function tutorialLinks(referential: Referential, tutorialIds: readonly string[]): TutorialLinkView[] {
  return tutorialIds.flatMap((id) => {
    const tutorial = referential.tutorials.get(id);
    return tutorial ? [{ id: tutorial.id, title: tutorial.title, url: tutorial.url ?? `/tutorials/${encodeURIComponent(tutorial.id)}` }] : [];
  });
}
