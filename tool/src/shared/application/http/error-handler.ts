import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError } from '../../domain/errors.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}

/** Maps every error to the JSON error model. Never a stack trace to the client. */
export function errorHandler(): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const requestId = typeof req.id === 'string' ? req.id : undefined;
    const { status, body } = toResponse(error, requestId);
    if (status >= 500) req.log?.error({ err: error }, 'request failed');
    if (res.headersSent) return;
    res.status(status).json(body);
  };
}

export function notFoundHandler(): RequestHandler {
  return (_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: 'Ressource introuvable.' } });
  };
}

function toResponse(error: unknown, requestId: string | undefined): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } } };
  }
  if (error instanceof ZodError) {
    return {
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_ERROR',
          message: 'Requête invalide.',
          details: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
        },
      },
    };
  }
  // body-parser and serve-static errors carry a client status (and body-parser a `type`).
  if (error && typeof error === 'object' && 'status' in error && typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    const type = 'type' in error ? error.type : undefined;
    const code =
      type === 'entity.parse.failed' ? 'BAD_JSON' : type === 'entity.too.large' ? 'PAYLOAD_TOO_LARGE' : error.status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST';
    const messages: Record<string, string> = {
      BAD_JSON: 'Le corps de la requête n’est pas du JSON valide.',
      PAYLOAD_TOO_LARGE: 'Requête trop volumineuse.',
      NOT_FOUND: 'Ressource introuvable.',
      BAD_REQUEST: 'Requête invalide.',
    };
    return { status: error.status, body: { error: { code, message: messages[code] ?? 'Requête invalide.' } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL_ERROR', message: 'Une erreur interne est survenue.', ...(requestId ? { requestId } : {}) } } };
}
