import { LtiError } from './lti-errors.ts';

export interface BoundOrganization {
  id: string;
  uai: string | null;
}

/**
 * Which school a launch belongs to. The deployment's own list wins over the registration's; with several
 * schools, the custom parameter `uai` picks one — only among those bound here, since a teacher can set
 * custom parameters and must not reach another school.
 */
export function resolveOrganization(input: {
  deploymentOrganizations: readonly BoundOrganization[];
  platformOrganizations: readonly BoundOrganization[];
  requestedUai: string | undefined;
}): BoundOrganization {
  const bound = input.deploymentOrganizations.length > 0 ? input.deploymentOrganizations : input.platformOrganizations;
  if (bound.length === 0) throw new LtiError('LTI_NO_ORGANIZATION');
  const requested = input.requestedUai?.trim().toUpperCase();
  if (requested) {
    const match = bound.find((organization) => organization.uai?.toUpperCase() === requested);
    if (!match) throw new LtiError('LTI_UAI_NOT_BOUND', `uai ${requested}`);
    return match;
  }
  if (bound.length > 1) throw new LtiError('LTI_UAI_REQUIRED');
  return bound[0]!;
}
