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
    const { status, body } = errorResponse(error, requestId);
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

/** The status and JSON error body for any error (the JSON lane answers with it too). */
export function errorResponse(error: unknown, requestId: string | undefined): { status: number; body: ErrorBody } {
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
    if (type === 'entity.parse.failed') return errorResponse(badJson(), requestId);
    if (type === 'entity.too.large') return errorResponse(payloadTooLarge(), requestId);
    const code = error.status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST';
    return { status: error.status, body: { error: { code, message: code === 'NOT_FOUND' ? 'Ressource introuvable.' : 'Requête invalide.' } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL_ERROR', message: 'Une erreur interne est survenue.', ...(requestId ? { requestId } : {}) } } };
}

/** A request body that is not JSON, and one over the size limit (body-parser's errors and the JSON lane's). */
export const badJson = () => new AppError('BAD_JSON', 400, 'Le corps de la requête n’est pas du JSON valide.');
export const payloadTooLarge = () => new AppError('PAYLOAD_TOO_LARGE', 413, 'Requête trop volumineuse.');
