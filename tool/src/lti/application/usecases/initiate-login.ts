import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LtiError } from '../../domain/lti-errors.ts';
import type { Platform } from '../../infrastructure/platform-repository.ts';
import type { LtiDeps } from '../lti-deps.ts';

export const STATE_TTL_SECONDS = 600;

const loginParams = z.object({
  iss: z.string().min(1).max(500),
  login_hint: z.string().min(1).max(2000),
  target_link_uri: z.string().min(1).max(2000),
  lti_message_hint: z.string().max(4000).optional(),
  client_id: z.string().min(1).max(500).optional(),
  lti_deployment_id: z.string().max(500).optional(),
});

export interface LoginRedirect {
  /** The platform authorization URL with the OIDC parameters: answered with a 302 (never a cross-site POST). */
  location: string;
  /** The Partitioned cookie binding the state to this browser, when the browser keeps it. */
  cookie: { name: string; value: string; maxAgeSeconds: number };
}

/** Name of the cookie binding one state: several launches in several tabs do not overwrite each other. */
export function bindingCookieName(state: string): string {
  return `pix_lti_${createHash('sha256').update(state).digest('base64url').slice(0, 16)}`;
}

export function hashBinding(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/**
 * OIDC third-party-initiated login: find the registration, store a single-use state and nonce server-side (so
 * any instance can finish the launch, cookie or not), and send the browser to the platform's authorization URL.
 */
export async function initiateLogin(input: { deps: LtiDeps; params: Record<string, unknown> }): Promise<LoginRedirect> {
  const { deps } = input;
  const parsed = loginParams.safeParse(input.params);
  if (!parsed.success) throw new LtiError('LTI_LOGIN_INVALID', parsed.error.issues.map((i) => i.path.join('.')).join(','));
  const params = parsed.data;

  const platform = await findPlatform(deps, params.iss, params.client_id);
  if (platform.status !== 'active') throw new LtiError('LTI_PLATFORM_DISABLED');
  if (!isToolUrl(params.target_link_uri, deps.publicUrl)) throw new LtiError('LTI_TARGET_LINK_INVALID', params.target_link_uri);

  const now = deps.clock.now();
  const state = deps.randomId();
  const nonce = deps.randomId();
  const binding = deps.randomId();
  await deps.states.create(
    {
      state,
      nonce,
      platformId: platform.id,
      targetLinkUri: params.target_link_uri,
      browserBindingHash: hashBinding(binding),
      expiresAt: new Date(now.getTime() + STATE_TTL_SECONDS * 1000),
    },
    now,
  );
  // Now and then, drop what has expired (no separate job needed).
  if (Math.random() < 0.01) void deps.states.purge(now).catch((error) => deps.logger.warn({ err: error }, 'LTI state purge failed'));

  const location = new URL(platform.authUrl);
  const query: Record<string, string> = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: platform.clientId,
    redirect_uri: `${deps.publicUrl}/lti/launch`,
    login_hint: params.login_hint,
    state,
    nonce,
  };
  if (params.lti_message_hint !== undefined) query.lti_message_hint = params.lti_message_hint;
  for (const [name, value] of Object.entries(query)) location.searchParams.set(name, value);
  return { location: location.toString(), cookie: { name: bindingCookieName(state), value: binding, maxAgeSeconds: STATE_TTL_SECONDS } };
}

async function findPlatform(deps: LtiDeps, issuer: string, clientId: string | undefined): Promise<Platform> {
  if (clientId !== undefined) {
    const platform = await deps.platforms.findByIssuerAndClient(issuer, clientId);
    if (!platform) throw new LtiError('LTI_PLATFORM_UNKNOWN', `${issuer} / ${clientId}`);
    return platform;
  }
  const candidates = await deps.platforms.findByIssuer(issuer);
  if (candidates.length === 0) throw new LtiError('LTI_PLATFORM_UNKNOWN', issuer);
  if (candidates.length > 1) throw new LtiError('LTI_CLIENT_ID_REQUIRED', issuer);
  return candidates[0]!;
}

/** target_link_uri must point into the tool: never store or redirect to another site. */
export function isToolUrl(value: string, publicUrl: string): boolean {
  try {
    const url = new URL(value);
    const base = new URL(publicUrl);
    return url.origin === base.origin && url.pathname.startsWith(base.pathname === '/' ? '/' : `${base.pathname}/`);
  } catch {
    return false;
  }
}
