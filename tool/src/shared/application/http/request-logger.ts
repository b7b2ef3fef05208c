import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

declare module 'node:http' {
  interface IncomingMessage {
    /** This request's id, echoed in `X-Request-Id` and in error bodies. */
    id?: string;
    /** A logger bound to the request id. */
    log?: Logger;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives the request its id (propagated from X-Request-Id when a proxy sets one), echoes it, binds a logger to it
 * (built only when someone logs through it), and logs one line when the response is finished.
 * No personal data: no IP, no user agent, no query string (it may carry codes or names), no body.
 * Shared by the Express app and the JSON lane (json-lane.ts).
 */
export function trackRequest(logger: Logger, req: IncomingMessage, res: ServerResponse, path: string): void {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  req.id = id;
  let child: Logger | undefined;
  Object.defineProperty(req, 'log', { configurable: true, get: () => (child ??= logger.child({ reqId: id })) });
  if (path === '/health') return;
  const started = process.hrtime.bigint();
  res.once('finish', () => {
    const status = res.statusCode;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    if (!logger.isLevelEnabled(level)) return;
    const responseTime = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
    logger[level]({ reqId: id, req: { method: req.method, path }, res: { status }, responseTime }, 'request completed');
  });
}

/** Hand-written rather than pino-http: nothing is formatted for a level that is off (the answer path is measured by `bench answers`). */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    trackRequest(logger, req, res, req.originalUrl.split('?')[0]!);
    next();
  };
}
