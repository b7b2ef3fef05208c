import type { Account } from '../../../identity/infrastructure/account-repository.ts';
import type { MembershipRole } from '../../../identity/infrastructure/membership-repository.ts';
import type { LaunchMessage } from '../../domain/launch-message.ts';
import { LtiError } from '../../domain/lti-errors.ts';
import { mapRoles, type ToolRole } from '../../domain/map-roles.ts';
import { accountLocale, personNames } from '../../domain/person-names.ts';
import { resolveOrganization } from '../../domain/resolve-organization.ts';
import { courseClassKey } from '../../domain/course-class.ts';
import type { RegistrationSnapshot } from '../../infrastructure/platform-repository.ts';
import type { LtiDeps } from '../lti-deps.ts';

export const LTI_PROVIDER = 'lti';

/** What is known once the account is written: enough to start work that needs no membership. */
export interface ProvisionedAccount {
  account: Account;
  /** True on the person's first launch: she has nothing stored yet. */
  created: boolean;
  organizationId: string;
  toolRole: ToolRole;
  locale: string;
}

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
 * `alongside` runs with the role and class writes (it needs only the account): one round trip less per launch.
 */
export async function provisionLaunch<T>(input: {
  deps: LtiDeps;
  registration: RegistrationSnapshot;
  message: LaunchMessage;
  alongside?: (provisioned: ProvisionedAccount) => Promise<T> | null;
}): Promise<ProvisionedLaunch & { alongside: T | null }> {
  const { deps, message } = input;
  const toolRole = mapRoles(message.roles);
  if (!toolRole) throw new LtiError('LTI_ROLE_UNSUPPORTED', message.roles.join(' '));

  const resolve = (registration: RegistrationSnapshot) =>
    resolveOrganization({
      deploymentOrganizations: registration.deployments.get(message.deploymentId) ?? [],
      platformOrganizations: registration.organizations,
      requestedUai: message.custom.uai,
    });
  let organization;
  try {
    organization = resolve(input.registration);
  } catch (error) {
    // Schools bound a moment ago (by another instance): one fresh read before refusing.
    const fresh = await deps.registrations.get(input.registration.platform.id, { fresh: true });
    if (!fresh) throw error;
    organization = resolve(fresh);
  }

  const now = deps.clock.now();
  const locale = accountLocale(message.locale);
  const { firstName, lastName } = personNames(message.person);
  const { account, created } = await deps.accounts.upsertFromIdentity(
    { provider: LTI_PROVIDER, issuer: message.issuer, subject: message.subject },
    { firstName, lastName, email: message.person.email, locale },
    now,
  );
  // The role, the course class and `alongside` do not depend on each other: done side by side.
  const [role, classId, alongside] = await Promise.all([
    deps.memberships.ensureMembership(account.id, organization.id, toolRole.membership),
    message.context && toolRole.classRole
      ? deps.memberships.joinClass(
          {
            organizationId: organization.id,
            ...courseClassKey(message.issuer, message.context.id),
            label: message.context.title || message.context.label || message.context.id,
          },
          account.id,
          toolRole.classRole,
        )
      : null,
    input.alongside?.({ account, created, organizationId: organization.id, toolRole, locale }) ?? null,
  ]);
  return { account, organizationId: organization.id, role, toolRole, classId, locale, alongside };
}
