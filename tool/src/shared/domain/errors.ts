/**
 * Errors with a stable code: clients and tests match on the code, the message may change.
 * The HTTP layer maps them to responses in one place (shared/application/http/error-handler.ts).
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (message = 'Ressource introuvable.') => new AppError('NOT_FOUND', 404, message);
export const unauthorized = (code = 'UNAUTHENTICATED', message = 'Session absente ou expirée.') => new AppError(code, 401, message);
export const forbidden = (message = 'Accès refusé.') => new AppError('FORBIDDEN', 403, message);
export const badRequest = (code: string, message: string, details?: unknown) => new AppError(code, 400, message, details);
