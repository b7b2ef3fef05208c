import { CLAIM, LTI_VERSION, MESSAGE_TYPE } from './lti-claims.ts';
import { LtiError } from './lti-errors.ts';
import type { AgsEndpoint, DeepLinkingSettings, LaunchContext, LaunchMessage } from './launch-message.ts';

export interface LaunchClaimsInput {
  /** The id_token payload, its signature already verified against the platform's key. */
  payload: Record<string, unknown>;
  registration: { issuer: string; clientId: string };
  /** Deployment ids registered for this platform. */
  deploymentIds: ReadonlySet<string>;
  /** The nonce stored with the state this launch consumed. */
  expectedNonce: string;
  now: Date;
  /** Tolerated clock difference with the platform. */
  skewSeconds?: number;
  /** Oldest accepted `iat`. */
  maxAgeSeconds?: number;
}

export const DEFAULT_SKEW_SECONDS = 60;
export const DEFAULT_MAX_AGE_SECONDS = 600;

/**
 * Every claim check of LTI Core 1.3 / Security Framework 1.0 on a verified id_token, in a fixed order so each
 * failure has one stable code. Pure: the clock and the registration are inputs.
 */
export function validateLaunchClaims(input: LaunchClaimsInput): LaunchMessage {
  const { payload, registration } = input;
  const skew = input.skewSeconds ?? DEFAULT_SKEW_SECONDS;
  const maxAge = input.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
  const nowSeconds = Math.floor(input.now.getTime() / 1000);

  if (payload.iss !== registration.issuer) throw new LtiError('LTI_ISSUER_MISMATCH', `iss ${String(payload.iss)}`);

  const audiences = typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud.filter((a) => typeof a === 'string') : [];
  if (!audiences.includes(registration.clientId)) throw new LtiError('LTI_AUDIENCE_MISMATCH');
  if (audiences.length > 1 && payload.azp === undefined) throw new LtiError('LTI_AZP_INVALID', 'several audiences, no azp');
  if (payload.azp !== undefined && payload.azp !== registration.clientId) throw new LtiError('LTI_AZP_INVALID', 'azp is another client');

  if (typeof payload.exp !== 'number') throw new LtiError('LTI_CLAIM_INVALID', 'exp missing');
  if (nowSeconds > payload.exp + skew) throw new LtiError('LTI_TOKEN_EXPIRED');
  if (typeof payload.iat !== 'number') throw new LtiError('LTI_CLAIM_INVALID', 'iat missing');
  if (payload.iat > nowSeconds + skew) throw new LtiError('LTI_TOKEN_NOT_YET_VALID', 'iat in the future');
  if (typeof payload.nbf === 'number' && payload.nbf > nowSeconds + skew) throw new LtiError('LTI_TOKEN_NOT_YET_VALID', 'nbf in the future');
  if (nowSeconds - payload.iat > maxAge + skew) throw new LtiError('LTI_TOKEN_TOO_OLD');

  if (typeof payload.nonce !== 'string' || payload.nonce !== input.expectedNonce) throw new LtiError('LTI_NONCE_MISMATCH');

  if (payload[CLAIM.version] !== LTI_VERSION) throw new LtiError('LTI_VERSION_UNSUPPORTED', `version ${String(payload[CLAIM.version])}`);

  const messageType = payload[CLAIM.messageType];
  if (messageType === undefined || messageType === null || messageType === '') throw new LtiError('LTI_MESSAGE_TYPE_MISSING');
  if (messageType !== MESSAGE_TYPE.resourceLink && messageType !== MESSAGE_TYPE.deepLinking) {
    throw new LtiError('LTI_MESSAGE_TYPE_UNSUPPORTED', `message type ${String(messageType)}`);
  }

  const deploymentId = payload[CLAIM.deploymentId];
  if (typeof deploymentId !== 'string' || !input.deploymentIds.has(deploymentId)) {
    throw new LtiError('LTI_UNKNOWN_DEPLOYMENT', `deployment ${String(deploymentId)}`);
  }

  if (typeof payload.sub !== 'string' || payload.sub === '' || payload.sub.length > 255) throw new LtiError('LTI_CLAIM_INVALID', 'sub');
  const roles = payload[CLAIM.roles];
  if (!Array.isArray(roles)) throw new LtiError('LTI_CLAIM_INVALID', 'roles is not an array');

  const common = {
    issuer: registration.issuer,
    clientId: registration.clientId,
    deploymentId,
    subject: payload.sub,
    roles: roles.filter((role): role is string => typeof role === 'string'),
    person: {
      givenName: text(payload.given_name),
      familyName: text(payload.family_name),
      name: text(payload.name),
      email: typeof payload.email === 'string' && payload.email.includes('@') ? payload.email.slice(0, 320) : null,
    },
    context: readContext(payload[CLAIM.context]),
    custom: readCustom(payload[CLAIM.custom]),
    locale: readLocale(payload[CLAIM.launchPresentation]),
    returnUrl: httpUrl(record(payload[CLAIM.launchPresentation]).return_url),
    ags: readAgs(payload[CLAIM.ags]),
    nrpsUrl: httpUrl(record(payload[CLAIM.nrps]).context_memberships_url),
  };

  if (messageType === MESSAGE_TYPE.resourceLink) {
    const link = record(payload[CLAIM.resourceLink]);
    if (typeof link.id !== 'string' || link.id === '') throw new LtiError('LTI_RESOURCE_LINK_MISSING');
    return { kind: 'resourceLink', ...common, resourceLink: { id: link.id, title: text(link.title) } };
  }
  return { kind: 'deepLinking', ...common, settings: readDeepLinkingSettings(payload[CLAIM.deepLinkingSettings]) };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown, max = 200): string {
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? value : null;
  } catch {
    return null;
  }
}

function readContext(value: unknown): LaunchContext | null {
  const context = record(value);
  if (typeof context.id !== 'string' || context.id === '') return null;
  return { id: context.id.slice(0, 255), label: text(context.label), title: text(context.title) };
}

function readCustom(value: unknown): Record<string, string> {
  const custom: Record<string, string> = {};
  for (const [key, entry] of Object.entries(record(value))) {
    if (typeof entry === 'string') custom[key] = entry.slice(0, 2000);
    else if (typeof entry === 'number' || typeof entry === 'boolean') custom[key] = String(entry);
  }
  return custom;
}

function readLocale(value: unknown): string | null {
  const locale = record(value).locale;
  return typeof locale === 'string' && /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(locale) ? locale : null;
}

function readAgs(value: unknown): AgsEndpoint | null {
  if (value === undefined) return null;
  const ags = record(value);
  const scopes = Array.isArray(ags.scope) ? ags.scope.filter((s): s is string => typeof s === 'string') : [];
  const lineItemsUrl = httpUrl(ags.lineitems);
  const lineItemUrl = httpUrl(ags.lineitem);
  return lineItemsUrl || lineItemUrl ? { scopes, lineItemsUrl, lineItemUrl } : null;
}

function readDeepLinkingSettings(value: unknown): DeepLinkingSettings {
  const settings = record(value);
  const returnUrl = httpUrl(settings.deep_link_return_url);
  if (!returnUrl) throw new LtiError('LTI_DEEP_LINKING_INVALID', 'deep_link_return_url');
  const strings = (list: unknown) => (Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : []);
  return {
    returnUrl,
    acceptTypes: strings(settings.accept_types),
    acceptPresentationDocumentTargets: strings(settings.accept_presentation_document_targets),
    acceptMultiple: settings.accept_multiple === true || settings.accept_multiple === 'true',
    autoCreate: settings.auto_create === true || settings.auto_create === 'true',
    data: typeof settings.data === 'string' ? settings.data : null,
  };
}
