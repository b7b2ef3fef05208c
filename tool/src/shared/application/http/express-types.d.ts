import type { SessionClaims } from '../../../identity/domain/session-token.ts';

declare global {
  namespace Express {
    interface Locals {
      cspNonce?: string;
      session?: SessionClaims;
    }
  }
}
export {};
