import { SignJWT } from 'jose';
import { localize } from '../../../referential/infrastructure/framework-file.ts';
import type { DeepLinkingLaunch } from '../../domain/launch-message.ts';
import { LtiError } from '../../domain/lti-errors.ts';
import { isStaff } from '../../domain/map-roles.ts';
import type { Platform } from '../../infrastructure/platform-repository.ts';
import type { LtiDeps } from '../lti-deps.ts';
import type { ProvisionedLaunch } from './provision-launch.ts';

export const DEEP_LINKING_AUDIENCE = 'pix-embed-deep-linking';
export const DEEP_LINKING_TTL_SECONDS = 3600;

/** Boot data of the picker widget (widgets/src/picker). */
export interface PickerBootData {
  /** Where the picker posts the teacher's choice (a plain form POST: the answer page auto-posts to the platform). */
  action: string;
  /** Signed deep-linking context: platform, deployment, return URL, opaque data, who picks. */
  context: string;
  acceptMultiple: boolean;
  areas: Array<{ code: string; name: string; competences: Array<{ index: string; name: string }> }>;
  /** The organization's campaigns, once campaigns exist. */
  campaigns: Array<{ code: string; name: string }>;
}

/**
 * LtiDeepLinkingRequest from a teacher: the picker widget with the 16 competence evaluations (and campaigns once
 * they exist). The platform's settings travel in a short-lived signed token, not in a cookie.
 */
export async function startDeepLinking(input: {
  deps: LtiDeps;
  platform: Platform;
  message: DeepLinkingLaunch;
  provisioned: ProvisionedLaunch;
}): Promise<{ token: string; data: PickerBootData }> {
  const { deps, platform, message, provisioned } = input;
  if (!isStaff(provisioned.toolRole)) throw new LtiError('LTI_DEEP_LINKING_FORBIDDEN');
  if (message.settings.acceptTypes.length > 0 && !message.settings.acceptTypes.includes('ltiResourceLink')) {
    throw new LtiError('LTI_DEEP_LINKING_INVALID', `accept_types ${message.settings.acceptTypes.join(',')}`);
  }
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  const context = await new SignJWT({
    pid: platform.id,
    dep: message.deploymentId,
    ret: message.settings.returnUrl,
    dat: message.settings.data,
    mul: message.settings.acceptMultiple,
    org: provisioned.organizationId,
    loc: provisioned.locale,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(provisioned.account.id)
    .setAudience(DEEP_LINKING_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + DEEP_LINKING_TTL_SECONDS)
    .sign(deps.deepLinkingKey);
  const token = await deps.tokens.issue({
    userId: provisioned.account.id,
    organizationId: provisioned.organizationId,
    role: provisioned.role,
    locale: provisioned.locale,
    via: 'lti',
  });
  const locale = provisioned.locale;
  return {
    token,
    data: {
      action: `${deps.publicUrl}/lti/deep-linking/response`,
      context,
      acceptMultiple: message.settings.acceptMultiple,
      areas: deps.framework.areas.map((area) => ({
        code: area.code,
        name: localize(area.name, locale),
        competences: area.competences.map((competence) => ({ index: competence.index, name: localize(competence.name, locale) })),
      })),
      campaigns: deps.campaigns ? await deps.campaigns.listForPicker(provisioned.organizationId) : [],
    },
  };
}
