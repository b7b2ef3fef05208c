import type { ResultsView } from '../../../shared/api-contract/evaluation.ts';
import { AppError } from '../../../shared/domain/errors.ts';
import { localize } from '../../../referential/infrastructure/framework-file.ts';
import { scoreCompetence } from '../../domain/scoring/competence-score.ts';
import type { Actor, EvaluationDeps } from '../evaluation-deps.ts';
import { evaluationRepositories } from '../evaluation-state.ts';
import { loadOwnedAssessment } from '../load-owned-assessment.ts';
import { tutorialsForSkills } from './present-tutorials.ts';

/** The result of a finished competence evaluation: the scorecard level and pix, before and after. */
export async function getResults(deps: EvaluationDeps, actor: Actor, assessmentId: string): Promise<ResultsView> {
  const repos = evaluationRepositories(deps.db);
  const referential = deps.referential();
  const stored = await loadOwnedAssessment(repos, actor, assessmentId);
  if (stored.state !== 'completed' || !stored.competenceIndex) throw new AppError('ASSESSMENT_NOT_COMPLETED', 409, 'L’évaluation n’est pas terminée.');
  const competence = referential.competences.get(stored.competenceIndex);
  if (!competence) throw new AppError('COMPETENCE_UNKNOWN', 404, 'Compétence inconnue.');
  const knowledge = await repos.knowledgeElements.listByUser(actor.userId, competence.index);
  const score = scoreCompetence({ knowledgeElements: knowledge, competenceIndex: competence.index, maxReachableLevel: deps.maxReachableLevel });
  const before = scoreCompetence({
    knowledgeElements: knowledge.filter((ke) => ke.createdAt < stored.createdAt),
    competenceIndex: competence.index,
    maxReachableLevel: deps.maxReachableLevel,
  });
  const answers = await repos.answers.listByAssessment(stored.id);
  const failedSkills = answers.filter((a) => a.result !== 'ok').flatMap((a) => referential.challenges.get(a.challengeId)?.skillId ?? []);
  return {
    assessmentId: stored.id,
    competence: { index: competence.index, name: localize(competence.name, actor.locale) },
    level: score.level,
    pix: score.pixScore,
    previousLevel: before.level,
    answeredCount: answers.length,
    tutorials: tutorialsForSkills(referential, failedSkills),
  };
}
