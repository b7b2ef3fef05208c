import { Router, type Response } from 'express';
import { sessionOf } from '../../identity/application/require-session.ts';
import type { AccountRepository } from '../../identity/infrastructure/account-repository.ts';
import type { Actor, EvaluationDeps } from './evaluation-deps.ts';
import { continueAssessment } from './usecases/continue-assessment.ts';
import { getAssessment } from './usecases/get-assessment.ts';
import { getCheckpoint } from './usecases/get-checkpoint.ts';
import { getProfileView } from './usecases/get-profile-view.ts';
import { getResults } from './usecases/get-results.ts';
import { resetCompetenceEvaluation } from './usecases/reset-competence-evaluation.ts';
import { startCompetenceEvaluation } from './usecases/start-competence-evaluation.ts';
import { submitAnswer } from './usecases/submit-answer.ts';

function actorOf(res: Response): Actor {
  const session = sessionOf(res);
  return { userId: session.userId, organizationId: session.organizationId, locale: session.locale };
}

/** The widgets' evaluation API (mounted under /api, behind the session token). */
export function evaluationRoutes(deps: EvaluationDeps & { accounts: AccountRepository }): Router {
  const router = Router();
  router.get('/profile', async (_req, res) => {
    const actor = actorOf(res);
    const account = await deps.accounts.findById(actor.userId);
    res.json(await getProfileView(deps, actor, account?.firstName ?? ''));
  });
  router.post('/competence-evaluations', async (req, res) => {
    res.json(await startCompetenceEvaluation(deps, actorOf(res), req.body));
  });
  router.post('/competence-evaluations/:index/reset', async (req, res) => {
    res.json(await resetCompetenceEvaluation(deps, actorOf(res), req.params.index));
  });
  router.get('/assessments/:id', async (req, res) => {
    res.json(await getAssessment(deps, actorOf(res), req.params.id));
  });
  router.post('/assessments/:id/answers', async (req, res) => {
    res.json(await submitAnswer(deps, actorOf(res), req.params.id, req.body));
  });
  router.get('/assessments/:id/checkpoint', async (req, res) => {
    res.json(await getCheckpoint(deps, actorOf(res), req.params.id));
  });
  router.post('/assessments/:id/continue', async (req, res) => {
    res.json(await continueAssessment(deps, actorOf(res), req.params.id));
  });
  router.get('/assessments/:id/results', async (req, res) => {
    res.json(await getResults(deps, actorOf(res), req.params.id));
  });
  return router;
}
