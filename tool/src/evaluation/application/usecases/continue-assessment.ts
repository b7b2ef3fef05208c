import type { AssessmentView } from '../../../shared/api-contract/evaluation.ts';
import type { Actor, EvaluationDeps } from '../evaluation-deps.ts';
import { checkpointDue, evaluationRepositories } from '../evaluation-state.ts';
import { loadOwnedAssessment } from '../load-owned-assessment.ts';
import { presentAssessment } from '../present-assessment.ts';

/**
 * "Continuer" after a checkpoint. The next épreuve was chosen with the answer; it is shown now, so its timer
 * starts now rather than when the checkpoint began.
 */
export async function continueAssessment(deps: EvaluationDeps, actor: Actor, assessmentId: string): Promise<AssessmentView> {
  return deps.db.transaction(async (tx) => {
    const repos = evaluationRepositories(tx);
    let stored = await loadOwnedAssessment(repos, actor, assessmentId, true);
    const answered = (await repos.answers.listByAssessment(stored.id)).length;
    if (checkpointDue(stored, answered)) {
      const checkpoint = Math.ceil(answered / 5);
      await repos.assessments.markCheckpointSeen(stored.id, checkpoint);
      stored = { ...stored, checkpointsSeen: checkpoint };
      if (stored.state === 'started' && stored.currentChallengeId) {
        const now = deps.clock.now();
        await repos.assessments.setCurrentChallenge(stored.id, stored.currentChallengeId, now);
        stored = { ...stored, currentChallengeAskedAt: now };
      }
    }
    return presentAssessment({ stored, answeredCount: answered, referential: deps.referential(), signedUrls: deps.signedUrls, locale: actor.locale });
  });
}
