import type { RequestHandler, Response } from 'express';
import { unauthorized } from '../../shared/domain/errors.ts';
import type { SessionClaims, SessionTokens } from '../domain/session-token.ts';

/**
 * Authenticates widget API calls by the session token in `Authorization: Bearer …`.
 * A refreshed token comes back in `X-Session-Token` while the user is active.
 */
export function requireSession(tokens: SessionTokens): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    const match = header ? /^Bearer ([A-Za-z0-9._-]+)$/.exec(header) : null;
    if (!match?.[1]) {
      next(unauthorized());
      return;
    }
    try {
      const claims = await tokens.verify(match[1]);
      res.locals.session = claims;
      const refreshed = await tokens.refreshIfDue(claims);
      if (refreshed) {
        res.setHeader('X-Session-Token', refreshed);
        res.setHeader('Access-Control-Expose-Headers', 'X-Session-Token');
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** The session `requireSession` verified for this request; routes behind it read who is asking from here. */
export function sessionOf(res: Response): SessionClaims {
  const session = res.locals.session;
  if (!session) throw unauthorized();
  return session;
}
