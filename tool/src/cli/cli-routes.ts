import express, { Router } from 'express';
import { z } from 'zod';
import type { Container } from '../composition-root.ts';
import { AppError } from '../shared/domain/errors.ts';
import { safeEqual } from '../shared/infrastructure/crypto/keys.ts';
import { findCommand } from './registry.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * PGlite allows one process per data directory: while the server runs, CLI commands are executed here,
 * in the server's process. Reachable only from loopback with the token the server wrote into its lock file.
 */
export function cliRoutes(container: Container, token: string): Router {
  const router = Router();
  router.post('/internal/cli', express.json({ limit: '16kb' }), async (req, res) => {
    const given = req.get('x-cli-token') ?? '';
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '') || !safeEqual(given, token)) throw new AppError('FORBIDDEN', 403, 'Accès refusé.');
    const body = z
      .object({ words: z.array(z.string()).max(20), options: z.record(z.string(), z.union([z.string(), z.boolean()])) })
      .parse(req.body);
    const found = findCommand(body.words);
    if (!found) throw new AppError('CLI_UNKNOWN_COMMAND', 404, 'Commande inconnue.');
    const result = await found.command.run({ args: found.rest, options: body.options, container });
    res.json(result);
  });
  return router;
}
