import { ROLE } from '../../domain/lti-claims.ts';
import { mapRoles } from '../../domain/map-roles.ts';
import type { NrpsMember } from '../../infrastructure/nrps-client.ts';
import { PlatformServiceError } from '../../infrastructure/platform-service-error.ts';
import type { ResourceLink } from '../../infrastructure/resource-link-repository.ts';
import type { LtiDeps } from '../lti-deps.ts';

export type CourseMember = NrpsMember;

/** The course roster of a resource link through NRPS (every page), learners only when asked. */
export async function listCourseMembers(input: { deps: LtiDeps; link: ResourceLink; role?: 'Learner' }): Promise<CourseMember[]> {
  const { deps, link } = input;
  if (!link.nrpsUrl) throw new PlatformServiceError('the platform sent no memberships URL for this course', 404);
  const platform = await deps.platforms.findById(link.platformId);
  if (!platform) throw new PlatformServiceError('registration deleted', 404);
  const members = await deps.nrps({ platform, url: link.nrpsUrl, ...(input.role ? { role: ROLE.learner } : {}) });
  return input.role ? members.filter((member) => mapRoles(member.roles)?.membership === 'PUPIL') : members;
}
