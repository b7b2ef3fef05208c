import type { AssessmentView } from '../../../shared/api-contract/evaluation.ts';
import type { Actor, EvaluationDeps } from '../evaluation-deps.ts';
import { evaluationRepositories } from '../evaluation-state.ts';
import { loadOwnedAssessment } from '../load-owned-assessment.ts';
import { presentAssessment } from '../present-assessment.ts';

/** Where the pupil is: the épreuve to answer (the same one after a reload), a checkpoint, or the end. */
export async function getAssessment(deps: EvaluationDeps, actor: Actor, assessmentId: string): Promise<AssessmentView> {
  const repos = evaluationRepositories(deps.db);
  const stored = await loadOwnedAssessment(repos, actor, assessmentId);
  const answered = (await repos.answers.listByAssessment(stored.id)).length;
  return presentAssessment({ stored, answeredCount: answered, referential: deps.referential(), signedUrls: deps.signedUrls, locale: actor.locale });
}
