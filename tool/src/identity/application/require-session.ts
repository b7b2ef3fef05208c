import type { RequestHandler, Response } from 'express';
import { unauthorized } from '../../shared/domain/errors.ts';
import type { SessionClaims, SessionTokens } from '../domain/session-token.ts';

const BEARER = /^Bearer ([A-Za-z0-9._-]+)$/;

/**
 * Who is calling, from the session token in `Authorization: Bearer …`, and a refreshed token to hand back while the
 * user is active (null when not due yet). Throws the coded 401s. Shared by the Express API router and the JSON lane.
 */
export async function authenticate(tokens: SessionTokens, authorization: string | undefined): Promise<{ claims: SessionClaims; refreshed: string | null }> {
  const token = authorization ? BEARER.exec(authorization)?.[1] : undefined;
  if (!token) throw unauthorized();
  const claims = await tokens.verify(token);
  return { claims, refreshed: await tokens.refreshIfDue(claims) };
}

/** The headers that hand a refreshed session token back to the widget (it reads X-Session-Token cross-origin). */
export function refreshedTokenHeaders(refreshed: string | null): Record<string, string> {
  return refreshed ? { 'X-Session-Token': refreshed, 'Access-Control-Expose-Headers': 'X-Session-Token' } : {};
}

/** Authenticates widget API calls; a refreshed token comes back in `X-Session-Token` while the user is active. */
export function requireSession(tokens: SessionTokens): RequestHandler {
  return async (req, res, next) => {
    try {
      const { claims, refreshed } = await authenticate(tokens, req.get('authorization'));
      res.locals.session = claims;
      for (const [name, value] of Object.entries(refreshedTokenHeaders(refreshed))) res.setHeader(name, value);
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
