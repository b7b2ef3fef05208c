import { z } from 'zod';
import type { AnswerResponse } from '../../../shared/api-contract/evaluation.ts';
import { AppError, badRequest } from '../../../shared/domain/errors.ts';
import { localize } from '../../../referential/infrastructure/framework-file.ts';
import { AnswerValidationError, SKIPPED_ANSWER, validateAnswer } from '../../../referential/domain/answer-validation/index.ts';
import type { AnswerStatus } from '../../../referential/domain/answer-validation/types.ts';
import { recordAnswer } from '../../domain/usecases/record-answer.ts';
import { scoreCompetence } from '../../domain/scoring/competence-score.ts';
import { advanceAssessment } from '../advance-assessment.ts';
import type { Actor, EvaluationDeps } from '../evaluation-deps.ts';
import { campaignTargetSkillIds, evaluationRepositories, toAnswerRecords, toDomainAssessment } from '../evaluation-state.ts';
import { loadOwnedAssessment } from '../load-owned-assessment.ts';
import { presentAssessment } from '../present-assessment.ts';
import type { StoredAnswer } from '../../infrastructure/answer-repository.ts';

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
 * Corrects and records one answer. One answer per épreuve: a retried or concurrent submit (dropped connection,
 * double click) gets the first answer's result back and counts once — the assessment row is locked and the
 * answers table has a unique index on (assessment, challenge).
 */
export async function submitAnswer(deps: EvaluationDeps, actor: Actor, assessmentId: string, body: unknown): Promise<AnswerResponse> {
  const request = answerRequestSchema.parse(body);
  const referential = deps.referential();
  return deps.db.transaction(async (tx) => {
    const repos = evaluationRepositories(tx);
    let stored = await loadOwnedAssessment(repos, actor, assessmentId, true);
    const previous = await repos.answers.listByAssessment(stored.id);
    const already = previous.find((answer) => answer.challengeId === request.challengeId);
    if (already) return respond(already, previous.length);

    if (stored.state !== 'started') throw new AppError('ASSESSMENT_NOT_STARTED', 409, 'Cette évaluation est terminée.');
    if (stored.currentChallengeId !== request.challengeId) {
      throw new AppError('CHALLENGE_NOT_ASKED', 409, 'Cette question n’est pas la question en cours : rechargez la page.');
    }
    const challenge = referential.challenges.get(request.challengeId);
    if (!challenge) throw new AppError('CHALLENGE_UNKNOWN', 404, 'Épreuve inconnue.');

    const now = deps.clock.now();
    const elapsed = stored.currentChallengeAskedAt ? (now.getTime() - stored.currentChallengeAskedAt.getTime()) / 1000 : 0;
    const timedOut = request.timedOut === true || (challenge.timer !== undefined && elapsed > challenge.timer + TIMER_GRACE_SECONDS);
    let result: AnswerStatus;
    let details: Record<string, boolean> | null = null;
    if (request.skipped === true) {
      result = 'aband';
    } else {
      try {
        const validation = validateAnswer(challenge.solution, { value: request.value ?? SKIPPED_ANSWER, timedOut, focusedOut: request.focusedOut === true });
        result = validation.status;
        details = validation.details ?? null;
      } catch (error) {
        if (error instanceof AnswerValidationError) throw badRequest(error.code, 'Réponse illisible : vérifiez ce que vous avez saisi.');
        throw error;
      }
    }

    const inserted = await repos.answers.insertIfAbsent({
      assessmentId: stored.id,
      challengeId: challenge.id,
      value: request.skipped ? null : (request.value ?? null),
      result,
      resultDetails: details,
      timedOut,
      focusedOut: request.focusedOut === true,
      timeSpentSeconds: Math.ceil(elapsed),
      levelUp: null,
      createdAt: now,
    });
    if (!inserted) {
      const winner = (await repos.answers.listByAssessment(stored.id)).find((a) => a.challengeId === challenge.id);
      if (!winner) throw new Error('answer vanished after conflict');
      return respond(winner, previous.length + 1);
    }

    // A competence evaluation reads only its competence's knowledge (a campaign may span several).
    const knowledgeElements = await repos.knowledgeElements.listByUser(
      stored.userId,
      stored.type === 'COMPETENCE_EVALUATION' && stored.competenceIndex ? stored.competenceIndex : undefined,
    );
    const levelBefore = scoreCompetence({ knowledgeElements, competenceIndex: challenge.competenceIndex, maxReachableLevel: deps.maxReachableLevel }).level;
    const targetSkillIds = await campaignTargetSkillIds(deps.campaignAssessments, tx, stored);
    const recorded = recordAnswer({
      assessment: toDomainAssessment(stored, targetSkillIds),
      answer: toAnswerRecords([inserted], referential)[0]!,
      previousAnswers: toAnswerRecords(previous, referential),
      referential,
      knowledgeElements,
      now,
      maxReachableLevel: deps.maxReachableLevel,
    });
    await repos.knowledgeElements.append(recorded.knowledgeElements);
    const knowledgeNow = [...knowledgeElements, ...recorded.knowledgeElements];
    const advanced = await advanceAssessment({ repos, stored, referential, now, known: { answers: [...previous, inserted], knowledgeElements: knowledgeNow }, targetSkillIds });
    stored = advanced.stored;

    // The level after everything this answer caused, the knowledge settled at the end included.
    const levelAfter = scoreCompetence({
      knowledgeElements: [...knowledgeNow, ...advanced.settled],
      competenceIndex: challenge.competenceIndex,
      maxReachableLevel: deps.maxReachableLevel,
    }).level;
    // A finished competence evaluation: grades go back to the LMS gradebooks, in this same transaction.
    if (stored.state === 'completed' && stored.type === 'COMPETENCE_EVALUATION' && stored.competenceIndex && deps.onCompetenceEvaluationCompleted) {
      const final = scoreCompetence({ knowledgeElements: [...knowledgeNow, ...advanced.settled], competenceIndex: stored.competenceIndex, maxReachableLevel: deps.maxReachableLevel });
      await deps.onCompetenceEvaluationCompleted({ db: tx, userId: stored.userId, competenceIndex: stored.competenceIndex, level: final.level, pix: final.pixScore, now });
    }
    // A finished campaign assessment: the participation moves to TO_SHARE, in this same transaction.
    if (stored.state === 'completed' && stored.type === 'CAMPAIGN' && stored.campaignParticipationId && deps.campaignAssessments) {
      await deps.campaignAssessments.completed({ db: tx, campaignParticipationId: stored.campaignParticipationId, userId: stored.userId, now });
    }
    const levelUp = levelAfter > levelBefore ? { competenceIndex: challenge.competenceIndex, level: levelAfter } : null;
    if (levelUp) await repos.answers.setLevelUp(inserted.id, levelUp);
    return respond({ ...inserted, levelUp }, previous.length + 1);

    function respond(answer: StoredAnswer, answeredCount: number): AnswerResponse {
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
  });
}
