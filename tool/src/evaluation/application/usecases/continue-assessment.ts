import type { AssessmentView } from '../../../shared/api-contract/evaluation.ts';
import { passCheckpoint, readAssessmentWithAnswerCount } from '../../infrastructure/answer-path-queries.ts';
import type { Actor, EvaluationDeps } from '../evaluation-deps.ts';
import { checkpointDue } from '../evaluation-state.ts';
import { loadOwnedAssessmentWithAnswerCount } from '../load-owned-assessment.ts';
import { presentAssessment } from '../present-assessment.ts';

/**
 * "Continuer" after a checkpoint, in two round trips (every fifth answer of every pupil comes through here). The
 * next épreuve was chosen with the answer; it is shown now, so its timer starts now rather than when the
 * checkpoint began.
 */
export async function continueAssessment(deps: EvaluationDeps, actor: Actor, assessmentId: string): Promise<AssessmentView> {
  let found = await loadOwnedAssessmentWithAnswerCount(deps.db, actor, assessmentId);
  if (checkpointDue(found.stored, found.answeredCount)) {
    const passed = await passCheckpoint(deps.db, { assessmentId: found.stored.id, checkpoint: Math.ceil(found.answeredCount / 5), now: deps.clock.now() });
    // Passed by a concurrent "Continuer": show the assessment as it is now.
    found = passed ? { ...found, stored: passed } : ((await readAssessmentWithAnswerCount(deps.db, assessmentId)) ?? found);
  }
  return presentAssessment({ stored: found.stored, answeredCount: found.answeredCount, referential: deps.referential(), signedUrls: deps.signedUrls, locale: actor.locale });
}
