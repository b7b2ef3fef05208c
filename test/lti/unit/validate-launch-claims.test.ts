import { describe, expect, it } from 'vitest';
import { validateLaunchClaims, type LaunchClaimsInput } from '../../../tool/src/lti/domain/validate-launch-claims.ts';
import { LtiError } from '../../../tool/src/lti/domain/lti-errors.ts';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim';
const now = new Date('2026-11-23T09:00:00Z');
const t = Math.floor(now.getTime() / 1000);

function payload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: 'https://moodle.example.org',
    aud: 'client-1',
    sub: '42',
    iat: t,
    exp: t + 60,
    nonce: 'n-1',
    given_name: 'Léa',
    family_name: 'Martin',
    email: 'lea@example.org',
    [`${LTI}/version`]: '1.3.0',
    [`${LTI}/message_type`]: 'LtiResourceLinkRequest',
    [`${LTI}/deployment_id`]: '1',
    [`${LTI}/roles`]: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
    [`${LTI}/resource_link`]: { id: 'rl-1', title: 'Pix 1.1' },
    [`${LTI}/context`]: { id: 'c-1', label: '5A', title: '5e A' },
    [`${LTI}/custom`]: { competence: '1.1', count: 3 },
    [`${LTI}/launch_presentation`]: { locale: 'fr-FR', return_url: 'https://moodle.example.org/return' },
    'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': { scope: ['s'], lineitems: 'https://m/lineitems?type_id=1', lineitem: 'https://m/lineitems/1/lineitem?type_id=1' },
    'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice': { context_memberships_url: 'https://m/memberships' },
    ...overrides,
  };
}

function input(overrides: Record<string, unknown> = {}, rest: Partial<LaunchClaimsInput> = {}): LaunchClaimsInput {
  return { payload: payload(overrides), registration: { issuer: 'https://moodle.example.org', clientId: 'client-1' }, deploymentIds: new Set(['1']), expectedNonce: 'n-1', now, ...rest };
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof LtiError) return error.code;
    throw error;
  }
  return undefined;
}

describe('validateLaunchClaims', () => {
  it('reads a Moodle resource link launch (string aud, deployment "1", numbers in custom as strings)', () => {
    const message = validateLaunchClaims(input());
    expect(message).toMatchObject({
      kind: 'resourceLink',
      subject: '42',
      deploymentId: '1',
      resourceLink: { id: 'rl-1', title: 'Pix 1.1' },
      context: { id: 'c-1', label: '5A', title: '5e A' },
      custom: { competence: '1.1', count: '3' },
      locale: 'fr-FR',
      person: { givenName: 'Léa', familyName: 'Martin', email: 'lea@example.org' },
      ags: { lineItemsUrl: 'https://m/lineitems?type_id=1', lineItemUrl: 'https://m/lineitems/1/lineitem?type_id=1' },
      nrpsUrl: 'https://m/memberships',
    });
  });

  it('accepts an array aud with azp, and tolerates the clock skew', () => {
    expect(validateLaunchClaims(input({ aud: ['client-1', 'other'], azp: 'client-1' })).kind).toBe('resourceLink');
    expect(validateLaunchClaims(input({ exp: t - 30 })).kind).toBe('resourceLink');
    expect(validateLaunchClaims(input({ iat: t + 30 })).kind).toBe('resourceLink');
  });

  it.each([
    ['LTI_ISSUER_MISMATCH', { iss: 'https://other' }],
    ['LTI_AUDIENCE_MISMATCH', { aud: 'other' }],
    ['LTI_AUDIENCE_MISMATCH', { aud: undefined }],
    ['LTI_AZP_INVALID', { aud: ['client-1', 'other'] }],
    ['LTI_AZP_INVALID', { azp: 'other' }],
    ['LTI_TOKEN_EXPIRED', { exp: t - 61 }],
    ['LTI_CLAIM_INVALID', { exp: undefined }],
    ['LTI_TOKEN_NOT_YET_VALID', { iat: t + 61 }],
    ['LTI_TOKEN_NOT_YET_VALID', { nbf: t + 120 }],
    ['LTI_TOKEN_TOO_OLD', { iat: t - 700, exp: t + 60 }],
    ['LTI_NONCE_MISMATCH', { nonce: 'other' }],
    ['LTI_NONCE_MISMATCH', { nonce: undefined }],
    ['LTI_VERSION_UNSUPPORTED', { [`${LTI}/version`]: '1.3' }],
    ['LTI_MESSAGE_TYPE_MISSING', { [`${LTI}/message_type`]: undefined }],
    ['LTI_MESSAGE_TYPE_UNSUPPORTED', { [`${LTI}/message_type`]: 'LtiStartProctoring' }],
    ['LTI_UNKNOWN_DEPLOYMENT', { [`${LTI}/deployment_id`]: '2' }],
    ['LTI_UNKNOWN_DEPLOYMENT', { [`${LTI}/deployment_id`]: 1 }],
    ['LTI_CLAIM_INVALID', { sub: '' }],
    ['LTI_CLAIM_INVALID', { [`${LTI}/roles`]: undefined }],
    ['LTI_RESOURCE_LINK_MISSING', { [`${LTI}/resource_link`]: undefined }],
  ])('refuses with %s: %j', (code, overrides) => {
    expect(codeOf(() => validateLaunchClaims(input(overrides)))).toBe(code);
  });

  it('accepts an empty roles array (the spec allows it; the role mapping decides)', () => {
    expect(validateLaunchClaims(input({ [`${LTI}/roles`]: [] })).roles).toEqual([]);
  });

  it('reads deep-linking settings and requires a return URL', () => {
    const message = validateLaunchClaims(
      input({
        [`${LTI}/message_type`]: 'LtiDeepLinkingRequest',
        [`${LTI}/resource_link`]: undefined,
        'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings': { deep_link_return_url: 'https://m/return', accept_types: ['ltiResourceLink'], accept_multiple: true, data: 'opaque' },
      }),
    );
    expect(message).toMatchObject({ kind: 'deepLinking', settings: { returnUrl: 'https://m/return', acceptMultiple: true, data: 'opaque', acceptTypes: ['ltiResourceLink'] } });
    expect(codeOf(() => validateLaunchClaims(input({ [`${LTI}/message_type`]: 'LtiDeepLinkingRequest' })))).toBe('LTI_DEEP_LINKING_INVALID');
  });

  it('ignores service URLs that are not http(s)', () => {
    const message = validateLaunchClaims(input({ 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': { lineitem: 'javascript:alert(1)' } }));
    expect(message.ags).toBeNull();
  });
});
