import type { Referential } from '../../referential/domain/referential.ts';
import { getNextChallenge } from '../domain/usecases/get-next-challenge.ts';
import type { StoredAssessment } from '../infrastructure/assessment-repository.ts';
import type { StoredAnswer } from '../infrastructure/answer-repository.ts';
import type { KnowledgeElement } from '../domain/models/knowledge-element.ts';
import { toAnswerRecords, toDomainAssessment, type EvaluationRepositories } from './evaluation-state.ts';

/**
 * Asks the engine for the next épreuve and saves the outcome: the épreuve shown (and when), or the end of the
 * assessment with the knowledge its estimate settles. Runs inside the caller's transaction.
 */
export async function advanceAssessment(input: {
  repos: EvaluationRepositories;
  stored: StoredAssessment;
  referential: Referential;
  now: Date;
  /** What the caller already read in this transaction (saves two queries on the answer path). */
  known?: { answers: readonly StoredAnswer[]; knowledgeElements: readonly KnowledgeElement[] };
  /** Campaign assessments: the campaign's skills (evaluation-state.ts campaignTargetSkillIds). */
  targetSkillIds?: readonly string[] | null;
}): Promise<{ stored: StoredAssessment; settled: KnowledgeElement[] }> {
  const { repos, stored, referential, now } = input;
  if (stored.state !== 'started') return { stored, settled: [] };
  const answers = toAnswerRecords(input.known?.answers ?? (await repos.answers.listByAssessment(stored.id)), referential);
  const knowledgeElements = input.known?.knowledgeElements ?? (await repos.knowledgeElements.listByUser(stored.userId));
  const next = getNextChallenge({ assessment: toDomainAssessment(stored, input.targetSkillIds ?? null), referential, knowledgeElements, answers, now, seed: stored.seed });
  if (next.challenge) {
    if (next.challenge.id !== stored.currentChallengeId) {
      await repos.assessments.setCurrentChallenge(stored.id, next.challenge.id, now);
      return { stored: { ...stored, currentChallengeId: next.challenge.id, currentChallengeAskedAt: now }, settled: [] };
    }
    return { stored, settled: [] };
  }
  await repos.knowledgeElements.append(next.knowledgeElements);
  await repos.assessments.complete(stored.id, now);
  return { stored: { ...stored, state: 'completed', currentChallengeId: null, currentChallengeAskedAt: null, completedAt: now }, settled: next.knowledgeElements };
}
