import type { MembershipRole } from '../../identity/infrastructure/membership-repository.ts';

/**
 * LTI roles → the tool's roles. Full LIS v2 URIs and the deprecated short names are both accepted.
 * - institution Administrator → ADMIN of the organization (and teacher of the course if also Instructor);
 * - Instructor, TeachingAssistant, ContentDeveloper → MEMBER (teacher), TEACHER of the class;
 * - Learner → PUPIL.
 * Anything else (Mentor, guest…) has no role in the tool: null.
 */
export interface ToolRole {
  membership: MembershipRole;
  classRole: 'PUPIL' | 'TEACHER' | null;
}

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/';

function contextRole(role: string): string | null {
  if (role.startsWith(`${LIS}membership#`)) return role.slice(`${LIS}membership#`.length);
  if (role.startsWith(`${LIS}membership/`)) {
    // Sub-roles: membership/Instructor#TeachingAssistant
    const sub = role.slice(`${LIS}membership/`.length);
    return sub.split('#')[1] ?? sub.split('#')[0] ?? null;
  }
  if (!role.includes('/') && !role.includes(':')) return role;
  return null;
}

const TEACHER_ROLES = new Set(['Instructor', 'TeachingAssistant', 'ContentDeveloper']);

export function isInstitutionAdministrator(roles: readonly string[]): boolean {
  return roles.some((role) => role === `${LIS}institution/person#Administrator`);
}

export function mapRoles(roles: readonly string[]): ToolRole | null {
  const context = roles.map(contextRole).filter((r): r is string => r !== null);
  const teaches = context.some((r) => TEACHER_ROLES.has(r) || r === 'Administrator');
  const learns = context.includes('Learner');
  if (isInstitutionAdministrator(roles)) return { membership: 'ADMIN', classRole: teaches ? 'TEACHER' : learns ? 'PUPIL' : null };
  if (teaches) return { membership: 'MEMBER', classRole: 'TEACHER' };
  if (learns) return { membership: 'PUPIL', classRole: 'PUPIL' };
  return null;
}

/** Teachers and administrators may pick content (deep linking) and see the teacher view. */
export function isStaff(role: ToolRole): boolean {
  return role.membership !== 'PUPIL';
}
