import { createWriteStream } from 'node:fs';
import { sessionOf } from '../../identity/application/require-session.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { Router, type Request } from 'express';
import { z } from 'zod';
import { forbidden } from '../../shared/domain/errors.ts';
import { RosterError } from '../infrastructure/roster/roster-errors.ts';
import type { GarDeps } from './gar-deps.ts';
import { importRoster } from './usecases/import-roster.ts';

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** The school of the session, for its administrators only. */
function adminSchool(res: Parameters<Parameters<Router['put']>[1]>[1]) {
  const session = sessionOf(res);
  if (session.role !== 'ADMIN' || !session.organizationId) throw forbidden('Réservé aux administrateurs de l’établissement.');
  return { organizationId: session.organizationId, userId: session.userId };
}

/** Streams the raw request body to a temporary file, refusing more than the limit. */
async function saveUpload(req: Request, dir: string): Promise<string> {
  const path = join(dir, 'roster');
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      callback(size > MAX_UPLOAD_BYTES ? new RosterError('ROSTER_TOO_LARGE', 'Fichier trop volumineux (50 Mo au plus).') : null, chunk);
    },
  });
  await pipeline(req, limit, createWriteStream(path));
  return path;
}

/** `PUT /api/gar/roster` (raw file body) and `PUT /api/gar/settings`, for school administrators. */
export function rosterApiRoutes(deps: GarDeps): Router {
  const router = Router();
  router.put('/gar/roster', async (req, res) => {
    const { organizationId, userId } = adminSchool(res);
    const school = await deps.organizations.findById(organizationId);
    if (!school?.uai) throw forbidden('Établissement sans UAI.');
    const dir = await mkdtemp(join(tmpdir(), 'pix-roster-'));
    try {
      const path = await saveUpload(req, dir);
      const report = await importRoster(deps, { uai: school.uai, path, byUserId: userId });
      deps.logger.info({ uai: school.uai, imported: report.imported, updated: report.updated, inactivated: report.inactivated, errors: report.errors.length }, 'roster imported');
      res.json(report);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  router.put('/gar/settings', async (req, res) => {
    const { organizationId } = adminSchool(res);
    const body = z.object({ allowExternalLinks: z.boolean() }).parse(req.body);
    await deps.schoolSettings.setAllowExternalLinks(organizationId, body.allowExternalLinks);
    res.json(await deps.schoolSettings.get(organizationId));
  });
  return router;
}
