import { Router } from 'express';
import type { DatabaseHandle } from '../infrastructure/db/database.ts';

/** `GET /health`: 200 when the database answers, 503 otherwise (load balancers take the instance out). */
export function healthRoutes(deps: { database: DatabaseHandle; version: string }): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    try {
      await deps.database.ping();
      res.json({ status: 'ok', database: deps.database.kind, version: deps.version });
    } catch {
      res.status(503).json({ status: 'unavailable', database: deps.database.kind, version: deps.version });
    }
  });
  return router;
}
