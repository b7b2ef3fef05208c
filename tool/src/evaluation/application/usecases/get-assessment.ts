import type { AssessmentView } from '../../../shared/api-contract/evaluation.ts';
import { notFound } from '../../../shared/domain/errors.ts';
import { readAssessmentWithAnswerCount } from '../../infrastructure/answer-path-queries.ts';
import type { Actor, EvaluationDeps } from '../evaluation-deps.ts';
import { presentAssessment } from '../present-assessment.ts';

/** Where the pupil is: the épreuve to answer (the same one after a reload), a checkpoint, or the end. One round trip. */
export async function getAssessment(deps: EvaluationDeps, actor: Actor, assessmentId: string): Promise<AssessmentView> {
  const found = await readAssessmentWithAnswerCount(deps.db, assessmentId);
  // Someone else's assessment and a missing one answer the same 404: ids cannot be probed.
  if (!found || found.stored.userId !== actor.userId) throw notFound('Évaluation introuvable.');
  return presentAssessment({ stored: found.stored, answeredCount: found.answeredCount, referential: deps.referential(), signedUrls: deps.signedUrls, locale: actor.locale });
}
