import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AssessmentView } from '../../../shared/api-contract/evaluation.ts';
import { AppError } from '../../../shared/domain/errors.ts';
import { UnknownCompetenceError } from '../../domain/errors.ts';
import { buildScorecard } from '../../domain/scorecard/scorecard.ts';
import { insertStartedCompetenceEvaluation, readCompetenceEvaluationStart } from '../../infrastructure/competence-evaluation-queries.ts';
import type { StoredAssessment } from '../../infrastructure/assessment-repository.ts';
import { planNextStep } from '../advance-assessment.ts';
import type { Actor, EvaluationDeps } from '../evaluation-deps.ts';
import { competenceEvaluationSummaries, evaluationRepositories } from '../evaluation-state.ts';
import type { KnowledgeElement } from '../../domain/models/knowledge-element.ts';
import { presentAssessment } from '../present-assessment.ts';

export const startRequestSchema = z.object({ competenceIndex: z.string().regex(/^[1-5]\.[1-4]$/), improve: z.boolean().optional() }).strict();

/**
 * Starts a competence evaluation, or resumes the one in progress (a pupil can stop and come back at any time).
 * `improve` opens a new one on a completed competence once the 4-day delay has passed.
 * One read, and one write when an evaluation starts: its first épreuve is chosen before the row is inserted.
 * `newAccount`: the account was created a moment ago, so there is nothing to read; the insert still checks that
 * no evaluation was started meanwhile, and the second pass reads as usual.
 */
export async function startCompetenceEvaluation(deps: EvaluationDeps, actor: Actor, body: unknown, options: { newAccount?: boolean } = {}): Promise<AssessmentView> {
  const { competenceIndex, improve } = startRequestSchema.parse(body);
  const referential = deps.referential();
  if (!referential.competences.has(competenceIndex)) throw new UnknownCompetenceError(competenceIndex);
  const view = (stored: StoredAssessment, answeredCount: number) =>
    presentAssessment({ stored, answeredCount, referential, signedUrls: deps.signedUrls, locale: actor.locale });

  for (let pass = 0; pass < 2; pass += 1) {
    const now = deps.clock.now();
    const { latest, knowledgeElements } =
      pass === 0 && options.newAccount ? { latest: null, knowledgeElements: [] } : await readCompetenceEvaluationStart(deps.db, actor.userId, competenceIndex);
    if (latest?.stored.state === 'started') return view(latest.stored, latest.answeredCount);
    if (latest?.stored.state === 'completed' && !improve) return view(latest.stored, latest.answeredCount);
    if (improve) {
      const summary = latest ? (competenceEvaluationSummaries([latest.stored]).get(competenceIndex) ?? null) : null;
      const scorecard = buildScorecard({ competenceIndex, knowledgeElements, competenceEvaluation: summary, now, maxReachableLevel: deps.maxReachableLevel });
      if (!scorecard.isImprovable) {
        throw new AppError('COMPETENCE_IMPROVE_NOT_ALLOWED', 412, `Vous pourrez retenter cette compétence dans ${scorecard.remainingDaysBeforeImproving ?? 0} jour(s).`);
      }
    }
    const draft: StoredAssessment = {
      id: randomUUID(),
      userId: actor.userId,
      organizationId: actor.organizationId,
      type: 'COMPETENCE_EVALUATION',
      competenceIndex,
      campaignParticipationId: null,
      method: deps.defaultMethod,
      state: 'started',
      seed: deps.newSeed(),
      isImproving: improve === true,
      checkpointsSeen: 0,
      currentChallengeId: null,
      currentChallengeAskedAt: null,
      createdAt: now,
      completedAt: null,
    };
    const first = planNextStep({ stored: draft, referential, answers: [], knowledgeElements, targetSkillIds: null, now });
    // Nothing left to ask (everything already settled): the evaluation is saved as completed at once.
    if (!('challengeId' in first)) return view(await saveCompletedAtStart(deps, draft, first.settled, now), 0);
    const inserted = await insertStartedCompetenceEvaluation(deps.db, {
      id: draft.id,
      userId: draft.userId,
      organizationId: draft.organizationId,
      competenceIndex,
      method: draft.method,
      seed: draft.seed,
      isImproving: draft.isImproving,
      firstChallengeId: first.challengeId,
      now,
    });
    if (inserted) return view(inserted, 0);
  }
  throw new AppError('COMPETENCE_EVALUATION_BUSY', 409, 'Cette évaluation vient d’être ouverte ailleurs : rechargez la page.');
}

/** The rare evaluation the engine ends before any question: created, its settled knowledge appended, completed. */
async function saveCompletedAtStart(deps: EvaluationDeps, draft: StoredAssessment, settled: readonly KnowledgeElement[], now: Date): Promise<StoredAssessment> {
  return deps.db.transaction(async (tx) => {
    const repos = evaluationRepositories(tx);
    const created = await repos.assessments.create({ ...draft, now });
    await repos.knowledgeElements.append(settled.map((ke) => ({ ...ke, assessmentId: created.id })));
    await repos.assessments.complete(created.id, now);
    return { ...created, state: 'completed', currentChallengeId: null, currentChallengeAskedAt: null, completedAt: now };
  });
}
