import { compactVerify, decodeJwt, decodeProtectedHeader, errors } from 'jose';
import { safeEqual } from '../../../shared/infrastructure/crypto/keys.ts';
import type { LaunchMessage } from '../../domain/launch-message.ts';
import { CLAIM } from '../../domain/lti-claims.ts';
import { LtiError } from '../../domain/lti-errors.ts';
import { DEFAULT_MAX_AGE_SECONDS, DEFAULT_SKEW_SECONDS, validateLaunchClaims } from '../../domain/validate-launch-claims.ts';
import type { Platform, RegistrationSnapshot } from '../../infrastructure/platform-repository.ts';
import type { LtiDeps } from '../lti-deps.ts';
import { bindingCookieName, hashBinding } from './initiate-login.ts';

export interface VerifiedLaunch {
  platform: Platform;
  /** The registration as read for this launch: deployments and bound schools. */
  registration: RegistrationSnapshot;
  message: LaunchMessage;
  /** True when the Partitioned cookie came back and matched (false: the browser blocked it; still valid). */
  browserBound: boolean;
}

/**
 * The authentication response (redirect URI): every check of the spec, in this order —
 * state (single use, TTL, browser binding when the cookie comes back) → header (RS256 only, `kid`) →
 * signature against the platform JWKS (cached, refetched once on an unknown `kid`) → nonce never used before
 * (recorded with the state's consumption, in one statement: any token that spends a state spends its nonce) →
 * claims (iss, aud/azp, exp/iat, nonce = the state's, version, message type, deployment, resource link, roles).
 */
export async function verifyLaunch(input: {
  deps: LtiDeps;
  idToken: unknown;
  state: unknown;
  cookies: Readonly<Record<string, string>>;
}): Promise<VerifiedLaunch> {
  const { deps } = input;
  if (typeof input.state !== 'string' || input.state === '' || input.state.length > 200) throw new LtiError('LTI_STATE_MISSING');
  if (typeof input.idToken !== 'string' || input.idToken === '') throw new LtiError('LTI_TOKEN_MISSING');
  const now = deps.clock.now();

  const nonceLifetimeMs = (DEFAULT_MAX_AGE_SECONDS + 2 * DEFAULT_SKEW_SECONDS) * 1000;
  const nonce = { value: nonceOf(unverifiedPayload(input.idToken)), expiresAt: new Date(now.getTime() + nonceLifetimeMs) };
  const consumed = await deps.states.consume(input.state, nonce, now);
  if (consumed.status !== 'ok') {
    throw new LtiError(consumed.status === 'reused' ? 'LTI_STATE_REUSED' : consumed.status === 'expired' ? 'LTI_STATE_EXPIRED' : 'LTI_STATE_UNKNOWN');
  }
  const stored = consumed.state;

  const cookie = input.cookies[bindingCookieName(stored.state)];
  const browserBound = cookie !== undefined && safeEqual(hashBinding(cookie), stored.browserBindingHash);
  if (cookie !== undefined && !browserBound) throw new LtiError('LTI_STATE_BROWSER_MISMATCH');

  let registration = await deps.registrations.get(stored.platformId);
  if (!registration) throw new LtiError('LTI_PLATFORM_UNKNOWN', 'registration deleted during the launch');
  const { platform } = registration;
  if (platform.status !== 'active') throw new LtiError('LTI_PLATFORM_DISABLED');

  let header;
  try {
    header = decodeProtectedHeader(input.idToken);
  } catch {
    throw new LtiError('LTI_TOKEN_MALFORMED');
  }
  if (header.alg !== 'RS256') throw new LtiError('LTI_ALGORITHM_REFUSED', `alg ${String(header.alg)}`);
  if (typeof header.kid !== 'string' || header.kid === '') throw new LtiError('LTI_KEY_UNKNOWN', 'no kid');
  const key = await deps.platformKeys.keyFor(platform.jwksUrl, header.kid);

  let payload: Record<string, unknown>;
  try {
    const verified = await compactVerify(input.idToken, key, { algorithms: ['RS256'] });
    payload = JSON.parse(new TextDecoder().decode(verified.payload)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) throw new LtiError('LTI_SIGNATURE_INVALID');
    if (error instanceof errors.JOSEError || error instanceof SyntaxError) throw new LtiError('LTI_TOKEN_MALFORMED', (error as Error).message);
    throw error;
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new LtiError('LTI_TOKEN_MALFORMED', 'payload is not an object');

  // A signed token seen before is a replay, whatever state it comes with. The nonce was recorded with the state;
  // the verified payload is the decoded one, so they match (checked anyway: never trust a second decoder).
  const verifiedNonce = nonceOf(payload);
  if (verifiedNonce !== nonce.value) throw new LtiError('LTI_TOKEN_MALFORMED', 'nonce decoded twice differently');
  if (verifiedNonce && !consumed.nonceFresh) throw new LtiError('LTI_NONCE_REPLAYED');

  // A deployment added a moment ago (by another instance) gets one fresh read before being refused.
  const deploymentId = payload[CLAIM.deploymentId];
  if (typeof deploymentId === 'string' && !registration.deployments.has(deploymentId)) {
    registration = (await deps.registrations.get(platform.id, { mustKnowDeployment: deploymentId })) ?? registration;
  }
  const message = validateLaunchClaims({
    payload,
    registration: { issuer: platform.issuer, clientId: platform.clientId },
    deploymentIds: new Set(registration.deployments.keys()),
    expectedNonce: stored.nonce,
    now,
  });
  return { platform, registration, message, browserBound };
}

/** The payload as sent, before any check: only its nonce is used, to be recorded with the state. */
function unverifiedPayload(idToken: string): Record<string, unknown> {
  try {
    return decodeJwt(idToken);
  } catch {
    return {};
  }
}

function nonceOf(payload: Record<string, unknown>): string {
  return typeof payload.nonce === 'string' ? payload.nonce.slice(0, 500) : '';
}
