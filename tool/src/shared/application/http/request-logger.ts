import { randomUUID } from 'node:crypto';
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
 * One line per request with a request id (propagated from X-Request-Id when a proxy sets one).
 * No personal data: no IP, no user agent, no query string (it may carry codes or names), no body.
 * Hand-written rather than pino-http: the per-request child logger is only built when someone logs through it,
 * and nothing is formatted for a level that is off (the answer path is measured by `bench answers`).
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', id);
    req.id = id;
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', { configurable: true, get: () => (child ??= logger.child({ reqId: id })) });
    if (req.url === '/health') return next();
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const responseTime = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
      logger[level]({ reqId: id, req: { method: req.method, path: req.originalUrl.split('?')[0] }, res: { status }, responseTime }, 'request completed');
    });
    next();
  };
}
