import type { CompetenceCardView } from '../../../shared/api-contract/evaluation.ts';
import { UnknownCompetenceError } from '../../domain/errors.ts';
import { buildScorecard } from '../../domain/scorecard/scorecard.ts';
import { resetCompetence } from '../../domain/usecases/reset-competence.ts';
import type { Actor, EvaluationDeps } from '../evaluation-deps.ts';
import { competenceEvaluationSummaries, evaluationRepositories } from '../evaluation-state.ts';
import { presentCard } from './get-profile-view.ts';

/** "Remettre à zéro" after 7 days: reset knowledge elements, the evaluation in progress (if any) is aborted. */
export async function resetCompetenceEvaluation(deps: EvaluationDeps, actor: Actor, competenceIndex: string): Promise<CompetenceCardView> {
  const referential = deps.referential();
  if (!referential.competences.has(competenceIndex)) throw new UnknownCompetenceError(competenceIndex);
  return deps.db.transaction(async (tx) => {
    const repos = evaluationRepositories(tx);
    const now = deps.clock.now();
    const evaluations = await repos.assessments.listCompetenceEvaluations(actor.userId);
    const latest = competenceEvaluationSummaries(evaluations).get(competenceIndex) ?? null;
    const knowledgeElements = await repos.knowledgeElements.listByUser(actor.userId, competenceIndex);
    const reset = resetCompetence({ competenceIndex, knowledgeElements, competenceEvaluation: latest, now });
    await repos.knowledgeElements.append(reset.knowledgeElements);
    if (latest) await repos.assessments.abort(latest.assessmentId, now);
    const after = buildScorecard({
      competenceIndex,
      knowledgeElements: [...knowledgeElements, ...reset.knowledgeElements],
      competenceEvaluation: latest ? { status: 'reset', assessmentState: 'aborted' } : null,
      now,
      maxReachableLevel: deps.maxReachableLevel,
    });
    return presentCard(referential, after, null, actor.locale);
  });
}
