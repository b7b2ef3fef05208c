import { getProfile } from '../../domain/usecases/get-profile.ts';
import type { EvaluationDeps } from '../evaluation-deps.ts';
import { evaluationRepositories } from '../evaluation-state.ts';

/**
 * The total Pix score of many learners (a teacher's class lists), from their knowledge elements read in one pass
 * and scored like their own profile. The competence evaluations only set the scorecards' status, never the pix,
 * so they are not read here.
 */
export async function getTotalPixOfUsers(deps: Pick<EvaluationDeps, 'db' | 'referential' | 'clock' | 'maxReachableLevel'>, userIds: readonly string[]): Promise<Map<string, number>> {
  const referential = deps.referential();
  const now = deps.clock.now();
  const byUser = await evaluationRepositories(deps.db).knowledgeElements.listByUsers(userIds);
  const totals = new Map<string, number>();
  for (const userId of userIds) {
    const knowledgeElements = byUser.get(userId) ?? [];
    totals.set(userId, knowledgeElements.length ? getProfile({ referential, knowledgeElements, competenceEvaluations: new Map(), now, maxReachableLevel: deps.maxReachableLevel }).totalPixScore : 0);
  }
  return totals;
}
