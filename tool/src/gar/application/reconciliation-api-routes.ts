import { Router, type Response } from 'express';
import { z } from 'zod';
import { sessionOf } from '../../identity/application/require-session.ts';
import { forbidden } from '../../shared/domain/errors.ts';
import type { GarDeps } from './gar-deps.ts';
import { dismissReconciliationRequest, linkReconciliationRequest } from './usecases/settle-reconciliation.ts';

/** The school of the session, for its teachers and administrators (never pupils). */
function staffSchool(res: Response) {
  const session = sessionOf(res);
  if (session.role === 'PUPIL' || !session.organizationId) throw forbidden('Réservé aux enseignants de l’établissement.');
  return { organizationId: session.organizationId, byUserId: session.userId };
}

const linkBody = z.object({ rosterPupilId: z.string().min(1).max(64) });

/**
 * `POST /api/gar/reconciliations/:id/link {rosterPupilId}` and `POST /api/gar/reconciliations/:id/dismiss`:
 * a teacher settles a pupil's pending request. The session token travels in the Authorization header (never
 * a cookie), so another site cannot forge these calls. Answers 204; errors are coded.
 */
export function reconciliationApiRoutes(deps: GarDeps): Router {
  const router = Router();
  router.post('/gar/reconciliations/:id/link', async (req, res) => {
    const school = staffSchool(res);
    const { rosterPupilId } = linkBody.parse(req.body ?? {});
    await linkReconciliationRequest(deps, { ...school, requestId: String(req.params.id), rosterPupilId });
    res.status(204).end();
  });
  router.post('/gar/reconciliations/:id/dismiss', async (req, res) => {
    const school = staffSchool(res);
    await dismissReconciliationRequest(deps, { ...school, requestId: String(req.params.id) });
    res.status(204).end();
  });
  return router;
}
