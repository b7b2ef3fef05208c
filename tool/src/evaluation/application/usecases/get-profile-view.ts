import type { CompetenceCardView, ProfileView } from '../../../shared/api-contract/evaluation.ts';
import { localize } from '../../../referential/infrastructure/framework-file.ts';
import type { Referential } from '../../../referential/domain/referential.ts';
import { getProfile } from '../../domain/usecases/get-profile.ts';
import type { Scorecard } from '../../domain/scorecard/scorecard.ts';
import type { Actor, EvaluationDeps } from '../evaluation-deps.ts';
import { competenceEvaluationSummaries, evaluationRepositories } from '../evaluation-state.ts';

export function presentCard(referential: Referential, scorecard: Scorecard, assessmentId: string | null, locale: string): CompetenceCardView {
  const competence = referential.competences.get(scorecard.competenceIndex);
  return {
    index: scorecard.competenceIndex,
    name: competence ? localize(competence.name, locale) : scorecard.competenceIndex,
    areaCode: competence?.areaCode ?? '',
    status: scorecard.status,
    level: scorecard.level,
    pix: scorecard.pixScore,
    pixAheadOfNextLevel: scorecard.pixAheadOfNextLevel,
    percentToNextLevel: Math.round(scorecard.percentageAheadOfNextLevel),
    maxLevelReached: scorecard.isMaxLevel,
    assessmentId: scorecard.status === 'STARTED' ? assessmentId : null,
    canImprove: scorecard.isImprovable,
    daysBeforeImprove: scorecard.remainingDaysBeforeImproving ?? 0,
    canReset: scorecard.isResettable,
    daysBeforeReset: scorecard.remainingDaysBeforeReset ?? 0,
  };
}

/** The pupil's 16 scorecards and total Pix score, read from her knowledge elements. */
export async function getProfileView(deps: EvaluationDeps, actor: Actor, firstName: string): Promise<ProfileView> {
  const repos = evaluationRepositories(deps.db);
  const referential = deps.referential();
  const [knowledgeElements, evaluations] = await Promise.all([
    repos.knowledgeElements.listByUser(actor.userId),
    repos.assessments.listCompetenceEvaluations(actor.userId),
  ]);
  const summaries = competenceEvaluationSummaries(evaluations);
  const profile = getProfile({ referential, knowledgeElements, competenceEvaluations: summaries, now: deps.clock.now(), maxReachableLevel: deps.maxReachableLevel });
  const cards = new Map(profile.scorecards.map((s) => [s.competenceIndex, presentCard(referential, s, summaries.get(s.competenceIndex)?.assessmentId ?? null, actor.locale)]));
  return {
    firstName,
    totalPix: profile.totalPixScore,
    maxReachableLevel: profile.maxReachableLevel,
    areas: referential.areas.map((area) => ({
      code: area.code,
      name: localize(area.name, actor.locale),
      color: area.color,
      competences: area.competenceIndexes.flatMap((index) => cards.get(index) ?? []),
    })),
  };
}
