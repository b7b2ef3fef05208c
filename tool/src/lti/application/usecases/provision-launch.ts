import type { Account } from '../../../identity/infrastructure/account-repository.ts';
import type { MembershipRole } from '../../../identity/infrastructure/membership-repository.ts';
import type { LaunchMessage } from '../../domain/launch-message.ts';
import { LtiError } from '../../domain/lti-errors.ts';
import { mapRoles, type ToolRole } from '../../domain/map-roles.ts';
import { accountLocale, personNames } from '../../domain/person-names.ts';
import { resolveOrganization } from '../../domain/resolve-organization.ts';
import type { Platform } from '../../infrastructure/platform-repository.ts';
import type { LtiDeps } from '../lti-deps.ts';

export const LTI_PROVIDER = 'lti';

export interface ProvisionedLaunch {
  account: Account;
  organizationId: string;
  /** The role the session carries (an ADMIN stays ADMIN when launching as a teacher). */
  role: MembershipRole;
  toolRole: ToolRole;
  classId: string | null;
  locale: string;
}

/**
 * The account side of a launch: one account per (issuer, sub), names and e-mail refreshed from the claims,
 * the organization the registration (or deployment) serves, the role, and the course as a class.
 */
export async function provisionLaunch(input: { deps: LtiDeps; platform: Platform; message: LaunchMessage }): Promise<ProvisionedLaunch> {
  const { deps, platform, message } = input;
  const toolRole = mapRoles(message.roles);
  if (!toolRole) throw new LtiError('LTI_ROLE_UNSUPPORTED', message.roles.join(' '));

  const bound = await deps.platforms.boundOrganizations(platform.id, message.deploymentId);
  const organization = resolveOrganization({
    deploymentOrganizations: bound.deployment,
    platformOrganizations: bound.platform,
    requestedUai: message.custom.uai,
  });

  const now = deps.clock.now();
  const locale = accountLocale(message.locale);
  const { firstName, lastName } = personNames(message.person);
  const { account } = await deps.accounts.upsertFromIdentity(
    { provider: LTI_PROVIDER, issuer: message.issuer, subject: message.subject },
    { firstName, lastName, email: message.person.email, locale },
    now,
  );
  const role = await deps.memberships.ensureMembership(account.id, organization.id, toolRole.membership);

  let classId: string | null = null;
  if (message.context && toolRole.classRole) {
    const schoolClass = await deps.memberships.ensureClass({
      organizationId: organization.id,
      source: 'LTI_CONTEXT',
      // Context ids are unique per platform: the issuer keeps two platforms' courses apart.
      sourceKey: `${message.issuer}#${message.context.id}`,
      label: message.context.title || message.context.label || message.context.id,
    });
    await deps.memberships.addClassMember(schoolClass.id, account.id, toolRole.classRole);
    classId = schoolClass.id;
  }
  return { account, organizationId: organization.id, role, toolRole, classId, locale };
}
