import { notFound } from '../../shared/domain/errors.ts';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { readAssessmentWithAnswerCount } from '../infrastructure/answer-path-queries.ts';
import type { StoredAssessment } from '../infrastructure/assessment-repository.ts';
import type { EvaluationRepositories } from './evaluation-state.ts';
import type { Actor } from './evaluation-deps.ts';

/**
 * Someone else's assessment and a missing one answer the same 404: ids cannot be probed.
 * With `lock`, the row stays locked until the transaction ends.
 */
export async function loadOwnedAssessment(repos: EvaluationRepositories, actor: Actor, assessmentId: string, lock = false): Promise<StoredAssessment> {
  const stored = lock ? await repos.assessments.lockById(assessmentId) : await repos.assessments.findById(assessmentId);
  if (!stored || stored.userId !== actor.userId) throw notFound('Évaluation introuvable.');
  return stored;
}

/** The assessment and how many answers it has, in one round trip, under the same rule as `loadOwnedAssessment`. */
export async function loadOwnedAssessmentWithAnswerCount(db: Database, actor: Actor, assessmentId: string): Promise<{ stored: StoredAssessment; answeredCount: number }> {
  const found = await readAssessmentWithAnswerCount(db, assessmentId);
  if (!found || found.stored.userId !== actor.userId) throw notFound('Évaluation introuvable.');
  return found;
}
