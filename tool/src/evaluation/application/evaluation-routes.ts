import type { SessionClaims } from '../../identity/domain/session-token.ts';
import type { AccountRepository } from '../../identity/infrastructure/account-repository.ts';
import type { JsonRoute } from '../../shared/application/http/json-lane.ts';
import type { Actor, EvaluationDeps } from './evaluation-deps.ts';
import { continueAssessment } from './usecases/continue-assessment.ts';
import { getAssessment } from './usecases/get-assessment.ts';
import { getCheckpoint } from './usecases/get-checkpoint.ts';
import { getProfileView } from './usecases/get-profile-view.ts';
import { getResults } from './usecases/get-results.ts';
import { resetCompetenceEvaluation } from './usecases/reset-competence-evaluation.ts';
import { startCompetenceEvaluation } from './usecases/start-competence-evaluation.ts';
import { submitAnswer } from './usecases/submit-answer.ts';

function actorOf(session: SessionClaims): Actor {
  return { userId: session.userId, organizationId: session.organizationId, locale: session.locale };
}

/** The widgets' evaluation API, behind the session token: served by the JSON lane (the answer path is the hot one). */
export function evaluationRoutes(deps: EvaluationDeps & { accounts: AccountRepository }): JsonRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/profile',
      handle: async ({ session }) => {
        const account = await deps.accounts.findById(session.userId);
        return getProfileView(deps, actorOf(session), account?.firstName ?? '');
      },
    },
    { method: 'POST', path: '/api/competence-evaluations', handle: ({ session, body }) => startCompetenceEvaluation(deps, actorOf(session), body) },
    {
      method: 'POST',
      path: '/api/competence-evaluations/:index/reset',
      handle: ({ session, params }) => resetCompetenceEvaluation(deps, actorOf(session), params.index!),
    },
    { method: 'GET', path: '/api/assessments/:id', handle: ({ session, params }) => getAssessment(deps, actorOf(session), params.id!) },
    { method: 'POST', path: '/api/assessments/:id/answers', handle: ({ session, params, body }) => submitAnswer(deps, actorOf(session), params.id!, body) },
    { method: 'GET', path: '/api/assessments/:id/checkpoint', handle: ({ session, params }) => getCheckpoint(deps, actorOf(session), params.id!) },
    { method: 'POST', path: '/api/assessments/:id/continue', handle: ({ session, params }) => continueAssessment(deps, actorOf(session), params.id!) },
    { method: 'GET', path: '/api/assessments/:id/results', handle: ({ session, params }) => getResults(deps, actorOf(session), params.id!) },
  ];
}
