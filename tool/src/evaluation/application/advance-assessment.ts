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
  const answers = input.known?.answers ?? (await repos.answers.listByAssessment(stored.id));
  const knowledgeElements = input.known?.knowledgeElements ?? (await repos.knowledgeElements.listByUser(stored.userId));
  const next = planNextStep({ stored, referential, answers, knowledgeElements, targetSkillIds: input.targetSkillIds ?? null, now });
  if ('challengeId' in next) {
    if (next.challengeId !== stored.currentChallengeId) {
      await repos.assessments.setCurrentChallenge(stored.id, next.challengeId, now);
      return { stored: afterStep(stored, next, now), settled: [] };
    }
    return { stored, settled: [] };
  }
  await repos.knowledgeElements.append(next.settled);
  await repos.assessments.complete(stored.id, now);
  return { stored: afterStep(stored, next, now), settled: next.settled };
}

export type NextStep = { challengeId: string } | { completed: true; settled: KnowledgeElement[] };

/** The engine's decision for a started assessment, without saving it: the épreuve to ask, or the end with the settled knowledge. */
export function planNextStep(input: {
  stored: StoredAssessment;
  referential: Referential;
  answers: readonly StoredAnswer[];
  knowledgeElements: readonly KnowledgeElement[];
  targetSkillIds: readonly string[] | null;
  now: Date;
}): NextStep {
  const { stored, referential } = input;
  const next = getNextChallenge({
    assessment: toDomainAssessment(stored, input.targetSkillIds),
    referential,
    knowledgeElements: input.knowledgeElements,
    answers: toAnswerRecords(input.answers, referential),
    now: input.now,
    seed: stored.seed,
  });
  return next.challenge ? { challengeId: next.challenge.id } : { completed: true, settled: next.knowledgeElements };
}

/** The stored assessment once a step is saved. */
export function afterStep(stored: StoredAssessment, step: NextStep, now: Date): StoredAssessment {
  if ('challengeId' in step) return { ...stored, currentChallengeId: step.challengeId, currentChallengeAskedAt: now };
  return { ...stored, state: 'completed', currentChallengeId: null, currentChallengeAskedAt: null, completedAt: now };
}
