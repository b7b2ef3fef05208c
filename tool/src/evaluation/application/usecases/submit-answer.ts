import { z } from 'zod';
import type { AnswerResponse } from '../../../shared/api-contract/evaluation.ts';
import { randomUUID } from 'node:crypto';
import { AppError, badRequest, notFound } from '../../../shared/domain/errors.ts';
import type { Database } from '../../../shared/infrastructure/db/database.ts';
import { localize } from '../../../referential/infrastructure/framework-file.ts';
import { AnswerValidationError, SKIPPED_ANSWER, validateAnswer } from '../../../referential/domain/answer-validation/index.ts';
import type { AnswerStatus } from '../../../referential/domain/answer-validation/types.ts';
import { recordAnswer } from '../../domain/usecases/record-answer.ts';
import { proposalOrder, toWrittenPositions } from '../../domain/proposal-order.ts';
import { scoreCompetence } from '../../domain/scoring/competence-score.ts';
import type { KnowledgeElement } from '../../domain/models/knowledge-element.ts';
import { afterStep, planNextStep } from '../advance-assessment.ts';
import type { Actor, EvaluationDeps } from '../evaluation-deps.ts';
import { campaignTargetSkillIds, toAnswerRecords, toDomainAssessment } from '../evaluation-state.ts';
import { presentAssessment } from '../present-assessment.ts';
import type { StoredAnswer } from '../../infrastructure/answer-repository.ts';
import type { StoredAssessment } from '../../infrastructure/assessment-repository.ts';
import { readAnswerPathState, writeAnswerOutcome, type AnswerOutcome } from '../../infrastructure/answer-path-queries.ts';

export const answerRequestSchema = z
  .object({
    challengeId: z.string().min(1).max(200),
    value: z.unknown().optional(),
    skipped: z.boolean().optional(),
    timedOut: z.boolean().optional(),
    focusedOut: z.boolean().optional(),
  })
  .strict();

/** A timed épreuve answered this long after its time is over was not answered in time, whatever the widget says. */
const TIMER_GRACE_SECONDS = 120;

/**
 * Corrects and records one answer in two round trips: one read, one atomic write (answer-path-queries.ts).
 * One answer per épreuve: a retried or concurrent submit (dropped connection, double click) gets the first answer's
 * result back and counts once — the write only happens while the assessment still waits for this épreuve, and the
 * answers table has a unique index on (assessment, challenge).
 */
export async function submitAnswer(deps: EvaluationDeps, actor: Actor, assessmentId: string, body: unknown): Promise<AnswerResponse> {
  const request = answerRequestSchema.parse(body);
  const referential = deps.referential();
  // A second pass only when another submit won the write: it then finds that first answer (or a moved-on assessment).
  for (let pass = 0; pass < 2; pass += 1) {
    const state = await readAnswerPathState(deps.db, assessmentId);
    if (!state || state.stored.userId !== actor.userId) throw notFound('Évaluation introuvable.');
    const { stored, answers: previous, knowledgeElements } = state;
    const already = previous.find((answer) => answer.challengeId === request.challengeId);
    if (already) return respond(stored, already, previous.length);

    if (stored.state !== 'started') throw new AppError('ASSESSMENT_NOT_STARTED', 409, 'Cette évaluation est terminée.');
    if (stored.currentChallengeId !== request.challengeId) {
      throw new AppError('CHALLENGE_NOT_ASKED', 409, 'Cette question n’est pas la question en cours : rechargez la page.');
    }
    const challenge = referential.challenges.get(request.challengeId);
    if (!challenge) throw new AppError('CHALLENGE_UNKNOWN', 404, 'Épreuve inconnue.');

    const now = deps.clock.now();
    const elapsed = stored.currentChallengeAskedAt ? (now.getTime() - stored.currentChallengeAskedAt.getTime()) / 1000 : 0;
    const timedOut = request.timedOut === true || (challenge.timer !== undefined && elapsed > challenge.timer + TIMER_GRACE_SECONDS);
    // The widget sends the positions it showed (proposal-order.ts); corrected and stored as written.
    const given = toWrittenPositions(challenge.type, request.value, proposalOrder(challenge, stored.seed));
    const { result, details } = correct(challenge.solution, { ...request, value: given }, timedOut);
    const answer: StoredAnswer = {
      id: randomUUID(),
      assessmentId: stored.id,
      challengeId: challenge.id,
      value: request.skipped ? null : (given ?? null),
      result,
      resultDetails: details,
      timedOut,
      focusedOut: request.focusedOut === true,
      levelUp: null,
      createdAt: now,
    };

    const targetSkillIds = await campaignTargetSkillIds(deps.campaignAssessments, deps.db, stored);
    const recorded = recordAnswer({
      assessment: toDomainAssessment(stored, targetSkillIds),
      answer: toAnswerRecords([answer], referential)[0]!,
      previousAnswers: toAnswerRecords(previous, referential),
      referential,
      knowledgeElements,
      now,
      maxReachableLevel: deps.maxReachableLevel,
    });
    const knowledgeNow = [...knowledgeElements, ...recorded.knowledgeElements];
    const step = planNextStep({ stored, referential, answers: [...previous, answer], knowledgeElements: knowledgeNow, targetSkillIds, now });
    const settled = 'settled' in step ? step.settled : [];

    // The level after everything this answer caused, the knowledge settled at the end included.
    const score = (elements: readonly KnowledgeElement[], competenceIndex: string) =>
      scoreCompetence({ knowledgeElements: elements, competenceIndex, maxReachableLevel: deps.maxReachableLevel });
    const levelBefore = score(knowledgeElements, challenge.competenceIndex).level;
    const levelAfter = score([...knowledgeNow, ...settled], challenge.competenceIndex).level;
    answer.levelUp = levelAfter > levelBefore ? { competenceIndex: challenge.competenceIndex, level: levelAfter } : null;

    const outcome: AnswerOutcome = {
      assessmentId: stored.id,
      challengeId: challenge.id,
      answer: { ...answer, timeSpentSeconds: Math.ceil(elapsed) },
      knowledgeElements: [...recorded.knowledgeElements, ...settled],
      next: 'challengeId' in step ? { challengeId: step.challengeId } : { completed: true },
      now,
    };
    const next = afterStep(stored, step, now);
    const written = 'settled' in step ? await writeFinalAnswer(deps, outcome, next, [...knowledgeNow, ...settled]) : await writeOnce(deps.db, outcome);
    if (written) return respond(next, answer, previous.length + 1);
  }
  throw new AppError('CHALLENGE_NOT_ASKED', 409, 'Cette question n’est pas la question en cours : rechargez la page.');

  function respond(stored: StoredAssessment, answer: StoredAnswer, answeredCount: number): AnswerResponse {
    const competence = answer.levelUp ? referential.competences.get(answer.levelUp.competenceIndex) : undefined;
    return {
      result: answer.result,
      levelUp:
        answer.levelUp && competence
          ? { competenceIndex: competence.index, competenceName: localize(competence.name, actor.locale), level: answer.levelUp.level }
          : null,
      assessment: presentAssessment({ stored, answeredCount, referential, signedUrls: deps.signedUrls, locale: actor.locale }),
    };
  }
}

function correct(solution: Parameters<typeof validateAnswer>[0], request: z.infer<typeof answerRequestSchema>, timedOut: boolean): { result: AnswerStatus; details: Record<string, boolean> | null } {
  if (request.skipped === true) return { result: 'aband', details: null };
  try {
    const validation = validateAnswer(solution, { value: request.value ?? SKIPPED_ANSWER, timedOut, focusedOut: request.focusedOut === true });
    return { result: validation.status, details: validation.details ?? null };
  } catch (error) {
    if (error instanceof AnswerValidationError) throw badRequest(error.code, 'Réponse illisible : vérifiez ce que vous avez saisi.');
    throw error;
  }
}

/** False when a concurrent submit of the same answer got there first (its unique-index violation included). */
async function writeOnce(db: Database, outcome: AnswerOutcome): Promise<boolean> {
  try {
    return await writeAnswerOutcome(db, outcome);
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * The last answer also ends the assessment: in the same transaction, a competence evaluation queues its grade for
 * the LMS gradebooks and a campaign assessment moves its participation to TO_SHARE.
 */
async function writeFinalAnswer(deps: EvaluationDeps, outcome: AnswerOutcome, stored: StoredAssessment, knowledge: readonly KnowledgeElement[]): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    if (!(await writeOnce(tx, outcome))) return false;
    const { now } = outcome;
    if (stored.type === 'COMPETENCE_EVALUATION' && stored.competenceIndex && deps.onCompetenceEvaluationCompleted) {
      const final = scoreCompetence({ knowledgeElements: knowledge, competenceIndex: stored.competenceIndex, maxReachableLevel: deps.maxReachableLevel });
      await deps.onCompetenceEvaluationCompleted({ db: tx, userId: stored.userId, competenceIndex: stored.competenceIndex, level: final.level, pix: final.pixScore, now });
    }
    if (stored.type === 'CAMPAIGN' && stored.campaignParticipationId && deps.campaignAssessments) {
      await deps.campaignAssessments.completed({ db: tx, campaignParticipationId: stored.campaignParticipationId, userId: stored.userId, now });
    }
    return true;
  });
}

function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
