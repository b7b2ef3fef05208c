import { SignJWT, jwtVerify, errors } from 'jose';
import { randomUUID } from 'node:crypto';
import { unauthorized } from '../../shared/domain/errors.ts';

/**
 * The tool session: a short-lived HS256 token the widget keeps in memory and sends in the
 * Authorization header. No cookie, so it works in cross-site iframes where third-party cookies are blocked.
 */
export interface SessionClaims {
  userId: string;
  organizationId: string | null;
  role: 'ADMIN' | 'MEMBER' | 'PUPIL';
  locale: string;
  /** How the session started (lti, gar, demo): kept for audit and for GAR link rules. */
  via: string;
  sessionId: string;
  issuedAt: number;
}

const ISSUER = 'pix-embed';
const AUDIENCE = 'pix-embed-session';

export interface SessionTokens {
  issue(claims: Omit<SessionClaims, 'sessionId' | 'issuedAt'> & { sessionId?: string }): Promise<string>;
  verify(token: string): Promise<SessionClaims>;
  /** A refreshed token once a third of the lifetime has passed, so active users never expire. */
  refreshIfDue(claims: SessionClaims): Promise<string | null>;
}

export function createSessionTokens(key: Uint8Array, ttlSeconds: number, now: () => Date = () => new Date()): SessionTokens {
  const issue: SessionTokens['issue'] = async (claims) => {
    const issuedAt = Math.floor(now().getTime() / 1000);
    return new SignJWT({ org: claims.organizationId, role: claims.role, loc: claims.locale, via: claims.via })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setJti(claims.sessionId ?? randomUUID())
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttlSeconds)
      .sign(key);
  };

  const verify: SessionTokens['verify'] = async (token) => {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: now(),
      });
      const role = payload.role;
      if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string' || (role !== 'ADMIN' && role !== 'MEMBER' && role !== 'PUPIL')) {
        throw unauthorized('SESSION_INVALID', 'Jeton de session invalide.');
      }
      return {
        userId: payload.sub,
        organizationId: typeof payload.org === 'string' ? payload.org : null,
        role,
        locale: typeof payload.loc === 'string' ? payload.loc : 'fr',
        via: typeof payload.via === 'string' ? payload.via : 'unknown',
        sessionId: payload.jti,
        issuedAt: payload.iat ?? 0,
      };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthorized('SESSION_EXPIRED', 'Session expirée : relancez l’activité depuis votre plateforme.');
      if (error instanceof errors.JOSEError) throw unauthorized('SESSION_INVALID', 'Jeton de session invalide.');
      throw error;
    }
  };

  return {
    issue,
    verify,
    async refreshIfDue(claims) {
      const age = Math.floor(now().getTime() / 1000) - claims.issuedAt;
      if (age < ttlSeconds / 3) return null;
      return issue({ ...claims });
    },
  };
}
