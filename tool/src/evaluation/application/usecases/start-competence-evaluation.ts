import { z } from 'zod';
import type { AssessmentView } from '../../../shared/api-contract/evaluation.ts';
import { AppError } from '../../../shared/domain/errors.ts';
import { UnknownCompetenceError } from '../../domain/errors.ts';
import { buildScorecard } from '../../domain/scorecard/scorecard.ts';
import { advanceAssessment } from '../advance-assessment.ts';
import type { Actor, EvaluationDeps } from '../evaluation-deps.ts';
import { competenceEvaluationSummaries, evaluationRepositories } from '../evaluation-state.ts';
import { presentAssessment } from '../present-assessment.ts';

export const startRequestSchema = z.object({ competenceIndex: z.string().regex(/^[1-5]\.[1-4]$/), improve: z.boolean().optional() }).strict();

/**
 * Starts a competence evaluation, or resumes the one in progress (a pupil can stop and come back at any time).
 * `improve` opens a new one on a completed competence once the 4-day delay has passed.
 */
export async function startCompetenceEvaluation(deps: EvaluationDeps, actor: Actor, body: unknown): Promise<AssessmentView> {
  const { competenceIndex, improve } = startRequestSchema.parse(body);
  const referential = deps.referential();
  if (!referential.competences.has(competenceIndex)) throw new UnknownCompetenceError(competenceIndex);
  return deps.db.transaction(async (tx) => {
    const repos = evaluationRepositories(tx);
    const now = deps.clock.now();
    const summaries = competenceEvaluationSummaries(await repos.assessments.listCompetenceEvaluations(actor.userId));
    const latest = summaries.get(competenceIndex);
    const latestStored = latest ? await repos.assessments.findById(latest.assessmentId) : null;

    if (latestStored?.state === 'started') return view(latestStored);
    if (latestStored?.state === 'completed' && !improve) return view(latestStored);
    if (improve) {
      const knowledgeElements = await repos.knowledgeElements.listByUser(actor.userId, competenceIndex);
      const scorecard = buildScorecard({ competenceIndex, knowledgeElements, competenceEvaluation: latest ?? null, now, maxReachableLevel: deps.maxReachableLevel });
      if (!scorecard.isImprovable) {
        throw new AppError('COMPETENCE_IMPROVE_NOT_ALLOWED', 412, `Vous pourrez retenter cette compétence dans ${scorecard.remainingDaysBeforeImproving ?? 0} jour(s).`);
      }
    }
    const created = await repos.assessments.create({
      userId: actor.userId,
      organizationId: actor.organizationId,
      type: 'COMPETENCE_EVALUATION',
      competenceIndex,
      method: deps.defaultMethod,
      seed: deps.newSeed(),
      isImproving: improve === true,
      now,
    });
    return view((await advanceAssessment({ repos, stored: created, referential, now, known: { answers: [], knowledgeElements: await repos.knowledgeElements.listByUser(actor.userId, competenceIndex) } })).stored);

    async function view(stored: NonNullable<typeof latestStored>): Promise<AssessmentView> {
      const answered = (await repos.answers.listByAssessment(stored.id)).length;
      return presentAssessment({ stored, answeredCount: answered, referential, signedUrls: deps.signedUrls, locale: actor.locale });
    }
  });
}
