import type { Database } from '../../shared/infrastructure/db/database.ts';
import type { AnswerRecord } from '../domain/models/answer-record.ts';
import type { Assessment } from '../domain/models/assessment.ts';
import type { CompetenceEvaluationSummary } from '../domain/scorecard/scorecard.ts';
import type { Referential } from '../../referential/domain/referential.ts';
import { createAnswerRepository, type StoredAnswer } from '../infrastructure/answer-repository.ts';
import { createAssessmentRepository, type StoredAssessment } from '../infrastructure/assessment-repository.ts';
import { createKnowledgeElementRepository } from '../infrastructure/knowledge-element-repository.ts';
import { isTimed } from '../domain/algorithms/selection-context.ts';

/** The repositories of one unit of work: built on the global handle, or on a transaction's. */
export function evaluationRepositories(db: Database) {
  return {
    assessments: createAssessmentRepository(db),
    answers: createAnswerRepository(db),
    knowledgeElements: createKnowledgeElementRepository(db),
  };
}
export type EvaluationRepositories = ReturnType<typeof evaluationRepositories>;

/** The skills a campaign assessment measures (null for a competence evaluation), read through the campaigns hook. */
export async function campaignTargetSkillIds(
  hooks: { targetSkillIds(db: Database, participationId: string): Promise<readonly string[]> } | undefined,
  db: Database,
  stored: StoredAssessment,
): Promise<readonly string[] | null> {
  if (stored.type !== 'CAMPAIGN' || !stored.campaignParticipationId) return null;
  if (!hooks) throw new Error('campaign assessment without the campaigns hooks');
  return hooks.targetSkillIds(db, stored.campaignParticipationId);
}

/** Stored rows → the domain's plain data. A campaign assessment needs its campaign's skills (`targetSkillIds`). */
export function toDomainAssessment(stored: StoredAssessment, targetSkillIds: readonly string[] | null = null): Assessment {
  return {
    id: stored.id,
    userId: stored.userId,
    type: stored.type,
    state: stored.state,
    method: stored.method,
    competenceIndex: stored.competenceIndex,
    targetSkillIds,
    isImproving: stored.isImproving,
    createdAt: stored.createdAt,
    lastChallengeId: stored.currentChallengeId,
  };
}

export function toAnswerRecords(stored: readonly StoredAnswer[], referential: Referential): AnswerRecord[] {
  return stored.map((answer) => {
    const challenge = referential.challenges.get(answer.challengeId);
    return {
      id: answer.id,
      assessmentId: answer.assessmentId,
      challengeId: answer.challengeId,
      result: answer.result,
      timed: challenge ? isTimed(challenge) : false,
      createdAt: answer.createdAt,
    };
  });
}

/** The latest competence evaluation per competence: an aborted one means the competence was reset. */
export function competenceEvaluationSummaries(evaluations: readonly StoredAssessment[]): Map<string, CompetenceEvaluationSummary & { assessmentId: string }> {
  const byCompetence = new Map<string, CompetenceEvaluationSummary & { assessmentId: string }>();
  for (const evaluation of evaluations) {
    if (!evaluation.competenceIndex || byCompetence.has(evaluation.competenceIndex)) continue;
    byCompetence.set(evaluation.competenceIndex, {
      status: evaluation.state === 'aborted' ? 'reset' : 'started',
      assessmentState: evaluation.state,
      assessmentId: evaluation.id,
    });
  }
  return byCompetence;
}

/** A checkpoint comes after every 5 answers, and once more at the end for the last, shorter series. */
export function checkpointDue(stored: StoredAssessment, answeredCount: number): boolean {
  if (answeredCount === 0) return false;
  if (stored.state === 'completed') return stored.checkpointsSeen < Math.ceil(answeredCount / 5);
  return answeredCount % 5 === 0 && stored.checkpointsSeen < answeredCount / 5;
}
