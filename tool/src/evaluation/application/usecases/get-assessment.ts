import type { AssessmentView } from '../../../shared/api-contract/evaluation.ts';
import type { Actor, EvaluationDeps } from '../evaluation-deps.ts';
import { loadOwnedAssessmentWithAnswerCount } from '../load-owned-assessment.ts';
import { presentAssessment } from '../present-assessment.ts';

/** Where the pupil is: the épreuve to answer (the same one after a reload), a checkpoint, or the end. One round trip. */
export async function getAssessment(deps: EvaluationDeps, actor: Actor, assessmentId: string): Promise<AssessmentView> {
  const found = await loadOwnedAssessmentWithAnswerCount(deps.db, actor, assessmentId);
  return presentAssessment({ stored: found.stored, answeredCount: found.answeredCount, referential: deps.referential(), signedUrls: deps.signedUrls, locale: actor.locale });
}
