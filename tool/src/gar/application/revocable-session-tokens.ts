import { unauthorized } from '../../shared/domain/errors.ts';
import type { SessionTokens } from '../../identity/domain/session-token.ts';
import type { GarStores } from '../infrastructure/stores.ts';

/**
 * Session tokens opened by a GAR login end with single logout: their session row is checked on every
 * verification (one indexed read), so a logout from the ENT reaches a widget that still holds a token.
 */
export function withGarSessionRevocation(tokens: SessionTokens, sessions: GarStores['sessions']): SessionTokens {
  return {
    ...tokens,
    async verify(token) {
      const claims = await tokens.verify(token);
      if (claims.via === 'gar' && (await sessions.isEnded(claims.sessionId))) {
        throw unauthorized('SESSION_ENDED', 'Session terminée : rouvrez Pix Embed depuis votre médiacentre.');
      }
      return claims;
    },
  };
}
