import { targetKey } from '../../domain/activity-target.ts';
import { canCreateLineItems } from '../../domain/extra-line-items.ts';
import type { LtiDeps } from '../lti-deps.ts';
import { listCourseMembers } from './list-course-members.ts';

/** Where one score of a learner stands: what her gradebook column has, or will have. */
export interface GradebookScore {
  /** Null: the link's own column (mastery %); else the extra column's tag (`pix-competence-1.1`). */
  lineItem: string | null;
  state: 'pending' | 'sent' | 'failed';
  /** Delivery time of a sent score. */
  sentAt: Date | null;
  /** The platform's last answer when it refused or failed (pending retries keep theirs too). */
  error: string | null;
}

export interface CampaignGradeSync {
  /** Some LTI resource link opens the campaign: grades have somewhere to go. */
  linked: boolean;
  /** A link's platform did not grant the `lineitem` scope: per-competence columns cannot be created there. */
  lineItemScopeMissing: boolean;
  /** By tool user id: the newest score of each of her columns. */
  scores: Map<string, GradebookScore[]>;
}

/** The grade sync state of a campaign's learners, read from the score outbox (newest score per column). */
export async function readCampaignGradeSync(input: { deps: LtiDeps; organizationId: string; code: string; userIds: readonly string[] }): Promise<CampaignGradeSync> {
  const { deps } = input;
  const links = await deps.links.linksOfTarget(input.organizationId, targetKey({ kind: 'campaign', code: input.code }) ?? '');
  const linkIds = links.map((link) => link.id);
  const scores = new Map<string, GradebookScore[]>();
  for (const score of await deps.outbox.latestOfLearners(input.userIds, linkIds)) {
    if (score.status === 'superseded') continue;
    const list = scores.get(score.userId) ?? [];
    list.push({
      lineItem: score.lineItemTag,
      state: score.status === 'delivered' ? 'sent' : score.status === 'failed' ? 'failed' : 'pending',
      sentAt: score.deliveredAt,
      error: score.status === 'delivered' ? null : score.lastError,
    });
    scores.set(score.userId, list);
  }
  return { linked: links.length > 0, lineItemScopeMissing: links.some((link) => !canCreateLineItems(link.agsScopes, link.platformScopes)), scores };
}

/**
 * "Renvoyer": queues again the newest score of each column of the learner on the campaign's links (a fresh
 * timestamp, so the platform takes it), except those still waiting to go. Returns how many were queued.
 */
export async function resendCampaignGrades(input: { deps: LtiDeps; organizationId: string; code: string; userId: string }): Promise<number> {
  const { deps } = input;
  const links = await deps.links.linksOfTarget(input.organizationId, targetKey({ kind: 'campaign', code: input.code }) ?? '');
  const latest = await deps.outbox.latestOfLearners(
    [input.userId],
    links.map((link) => link.id),
  );
  const now = deps.clock.now();
  let queued = 0;
  for (const score of latest) {
    if (score.status === 'pending') continue;
    const stored = await deps.outbox.findById(score.id);
    if (!stored) continue;
    const { scoreGiven, scoreMaximum, comment, activityProgress, gradingProgress } = stored.score;
    await deps.outbox.enqueue({
      resourceLinkId: stored.resourceLinkId,
      userId: stored.userId,
      subject: stored.subject,
      result: { scoreGiven, scoreMaximum, comment, activityProgress, gradingProgress },
      now,
      ...(stored.lineItemTag ? { lineItem: { tag: stored.lineItemTag, label: stored.lineItemLabel ?? stored.lineItemTag } } : {}),
    });
    queued += 1;
  }
  return queued;
}

export interface NotStartedCourse {
  /** The activity's title in the course (the first campaign link placed there). */
  activity: string;
  /** False when the platform's roster (NRPS) could not be read for this course. */
  rosterAvailable: boolean;
  learners: Array<{ name: string }>;
}

/**
 * Course members who have not started: for each course where a link opens the campaign, the active learners
 * of its NRPS roster without a participation (matched through their LTI account, when they have one).
 */
export async function listCampaignNotStarted(input: {
  deps: LtiDeps;
  organizationId: string;
  code: string;
  participantUserIds: ReadonlySet<string>;
}): Promise<NotStartedCourse[]> {
  const { deps } = input;
  const links = await deps.links.linksOfTarget(input.organizationId, targetKey({ kind: 'campaign', code: input.code }) ?? '');
  const courses = new Map<string, (typeof links)[number]>();
  for (const link of links) {
    const key = `${link.platformId}|${link.contextId ?? link.id}`;
    const known = courses.get(key);
    if (!known || (!known.nrpsUrl && link.nrpsUrl)) courses.set(key, link);
  }
  const result: NotStartedCourse[] = [];
  for (const link of courses.values()) {
    const platform = await deps.platforms.findById(link.platformId);
    let members;
    try {
      if (!platform) throw new Error('registration deleted');
      members = (await listCourseMembers({ deps, link, role: 'Learner' })).filter((member) => member.status === 'Active');
    } catch (error) {
      deps.logger.warn({ err: error, resourceLink: link.id }, 'NRPS roster unavailable');
      result.push({ activity: link.title, rosterAvailable: false, learners: [] });
      continue;
    }
    const accounts = await deps.links.accountsOfSubjects(
      platform.issuer,
      members.map((member) => member.userId),
    );
    const learners = members
      .filter((member) => {
        const userId = accounts.get(member.userId);
        return !userId || !input.participantUserIds.has(userId);
      })
      .map((member) => ({ name: member.name || `${member.givenName} ${member.familyName}`.trim() || member.userId }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    result.push({ activity: link.title, rosterAvailable: true, learners });
  }
  return result;
}
