import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
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
    const payload: SessionPayload = {
      org: claims.organizationId,
      role: claims.role,
      loc: claims.locale,
      via: claims.via,
      sub: claims.userId,
      jti: claims.sessionId ?? randomUUID(),
      iss: ISSUER,
      aud: AUDIENCE,
      iat: issuedAt,
      exp: issuedAt + ttlSeconds,
    };
    const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return `${signingInput}.${sign(key, signingInput)}`;
  };

  // Verified on every API request: node's synchronous HMAC costs microseconds where WebCrypto's asynchronous job
  // cost a measurable share of the answer path's CPU (bench answers).
  const verify: SessionTokens['verify'] = async (token) => {
    const invalid = () => unauthorized('SESSION_INVALID', 'Jeton de session invalide.');
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) throw invalid();
    const expected = Buffer.from(sign(key, `${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]!);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    let payload: Partial<SessionPayload>;
    try {
      payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Partial<SessionPayload>;
    } catch {
      throw invalid();
    }
    const role = payload.role;
    if (
      payload.iss !== ISSUER ||
      payload.aud !== AUDIENCE ||
      typeof payload.sub !== 'string' ||
      typeof payload.jti !== 'string' ||
      typeof payload.iat !== 'number' ||
      typeof payload.exp !== 'number' ||
      (role !== 'ADMIN' && role !== 'MEMBER' && role !== 'PUPIL')
    ) {
      throw invalid();
    }
    if (Math.floor(now().getTime() / 1000) >= payload.exp) throw unauthorized('SESSION_EXPIRED', 'Session expirée : relancez l’activité depuis votre plateforme.');
    return {
      userId: payload.sub,
      organizationId: typeof payload.org === 'string' ? payload.org : null,
      role,
      locale: typeof payload.loc === 'string' ? payload.loc : 'fr',
      via: typeof payload.via === 'string' ? payload.via : 'unknown',
      sessionId: payload.jti,
      issuedAt: payload.iat,
    };
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

/** A compact JWS (RFC 7515) with HS256: the only algorithm accepted, the header is fixed and compared as is. */
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

interface SessionPayload {
  org: string | null;
  role: SessionClaims['role'];
  loc: string;
  via: string;
  sub: string;
  jti: string;
  iss: string;
  aud: string;
  iat: number;
  exp: number;
}

function sign(key: Uint8Array, signingInput: string): string {
  return createHmac('sha256', key).update(signingInput).digest('base64url');
}
