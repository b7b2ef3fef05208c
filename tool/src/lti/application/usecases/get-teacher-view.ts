import { localize } from '../../../referential/infrastructure/framework-file.ts';
import { scoreCompetence } from '../../../evaluation/domain/scoring/competence-score.ts';
import { evaluationRepositories } from '../../../evaluation/application/evaluation-state.ts';
import type { ActivityTarget } from '../../domain/activity-target.ts';
import type { ResourceLink } from '../../infrastructure/resource-link-repository.ts';
import type { LtiDeps } from '../lti-deps.ts';
import { listCourseMembers, type CourseMember } from './list-course-members.ts';

export interface TeacherViewRow {
  name: string;
  launched: boolean;
  /** Competence level reached (competence targets), null when never evaluated or not applicable. */
  level: number | null;
  pix: number | null;
}

export interface TeacherView {
  title: string;
  activity: string;
  learners: TeacherViewRow[];
  /** False when the platform offers no roster service (NRPS) or it failed: only learners who launched are listed. */
  rosterAvailable: boolean;
}

/**
 * The teacher view of a resource link: what it opens, and its learners — every learner of the course from the
 * platform roster (NRPS), those who never launched included, with their level when the link is a competence.
 */
export async function getTeacherView(input: { deps: LtiDeps; link: ResourceLink; target: ActivityTarget; locale: string }): Promise<TeacherView> {
  const { deps, link, target, locale } = input;
  const launches = (await deps.links.launchesOf(link.id)).filter((launch) => launch.role === 'PUPIL');
  let members: CourseMember[] | null = null;
  try {
    members = await listCourseMembers({ deps, link, role: 'Learner' });
  } catch (error) {
    deps.logger.warn({ err: error, resourceLink: link.id }, 'NRPS roster unavailable');
  }

  const competence =
    target.kind === 'competence' ? deps.framework.areas.flatMap((area) => area.competences).find((c) => c.index === target.competenceIndex) : undefined;
  const activity =
    target.kind === 'competence'
      ? `${target.competenceIndex} ${competence ? localize(competence.name, locale) : ''}`.trim()
      : target.kind === 'campaign'
        ? `Campagne ${target.code}`
        : locale.startsWith('en')
          ? 'Profile (all 16 competences)'
          : 'Profil (les 16 compétences)';

  const repos = evaluationRepositories(deps.db);
  async function levelOf(userId: string) {
    if (target.kind !== 'competence') return { level: null, pix: null };
    const knowledgeElements = await repos.knowledgeElements.listByUser(userId, target.competenceIndex);
    if (knowledgeElements.length === 0) return { level: null, pix: null };
    const score = scoreCompetence({ knowledgeElements, competenceIndex: target.competenceIndex, maxReachableLevel: deps.maxReachableLevel });
    return { level: score.level, pix: score.pixScore };
  }

  const bySubject = new Map(launches.map((launch) => [launch.subject, launch]));
  const rows: TeacherViewRow[] = [];
  for (const launch of launches) {
    rows.push({ name: `${launch.firstName} ${launch.lastName}`.trim() || launch.subject, launched: true, ...(await levelOf(launch.userId)) });
  }
  for (const member of members ?? []) {
    if (bySubject.has(member.userId) || member.status === 'Inactive') continue;
    rows.push({ name: member.name || member.userId, launched: false, level: null, pix: null });
  }
  rows.sort((a, b) => Number(b.launched) - Number(a.launched) || a.name.localeCompare(b.name, 'fr'));
  return { title: link.title || activity, activity, learners: rows, rosterAvailable: members !== null };
}
