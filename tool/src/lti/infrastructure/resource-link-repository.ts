import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { users } from '../../identity/infrastructure/identity-schema.ts';
import type { MembershipRole } from '../../identity/infrastructure/membership-repository.ts';
import { ltiLineItems, ltiLinkLaunches, ltiResourceLinks } from './lti-schema.ts';

export interface ResourceLinkInput {
  platformId: string;
  deploymentId: string;
  resourceLinkId: string;
  organizationId: string;
  classId: string | null;
  contextId: string | null;
  title: string;
  target: string | null;
  custom: Record<string, string>;
  agsLineItemsUrl: string | null;
  agsLineItemUrl: string | null;
  agsScopes: string[];
  nrpsUrl: string | null;
}

export interface ResourceLink extends ResourceLinkInput {
  id: string;
}

export interface LineItem {
  url: string;
  scoreMaximum: number | null;
  label: string | null;
  resourceId: string | null;
  tag: string | null;
}

const linkColumns = {
  id: ltiResourceLinks.id,
  platformId: ltiResourceLinks.platformId,
  deploymentId: ltiResourceLinks.deploymentId,
  resourceLinkId: ltiResourceLinks.resourceLinkId,
  organizationId: ltiResourceLinks.organizationId,
  classId: ltiResourceLinks.classId,
  contextId: ltiResourceLinks.contextId,
  title: ltiResourceLinks.title,
  target: ltiResourceLinks.target,
  custom: ltiResourceLinks.custom,
  agsLineItemsUrl: ltiResourceLinks.agsLineItemsUrl,
  agsLineItemUrl: ltiResourceLinks.agsLineItemUrl,
  agsScopes: ltiResourceLinks.agsScopes,
  nrpsUrl: ltiResourceLinks.nrpsUrl,
};

/** Activities placed in courses, who launched them, and their gradebook column. */
export function createResourceLinkRepository(db: Database) {
  return {
    /** Refreshed at every launch: the platform is the source of truth for titles, targets and endpoints. */
    async upsert(input: ResourceLinkInput, now: Date): Promise<ResourceLink> {
      const [row] = await db
        .insert(ltiResourceLinks)
        .values({ ...input, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: [ltiResourceLinks.platformId, ltiResourceLinks.resourceLinkId],
          set: { ...input, updatedAt: now },
        })
        .returning(linkColumns);
      if (!row) throw new Error('upsert returned no row');
      return row;
    },
    async findById(id: string): Promise<ResourceLink | null> {
      const [row] = await db.select(linkColumns).from(ltiResourceLinks).where(eq(ltiResourceLinks.id, id));
      return row ?? null;
    },
    async recordLaunch(input: { resourceLinkId: string; userId: string; subject: string; role: MembershipRole }, now: Date): Promise<void> {
      await db
        .insert(ltiLinkLaunches)
        .values({ ...input, firstLaunchAt: now, lastLaunchAt: now })
        .onConflictDoUpdate({ target: [ltiLinkLaunches.resourceLinkId, ltiLinkLaunches.userId], set: { subject: input.subject, role: input.role, lastLaunchAt: now } });
    },
    /** Resource links a learner launched that target this activity (e.g. `competence:1.1`) and can take grades. */
    async gradedLinksOfLearner(userId: string, target: string) {
      return db
        .select({ id: ltiResourceLinks.id, platformId: ltiResourceLinks.platformId, subject: ltiLinkLaunches.subject })
        .from(ltiLinkLaunches)
        .innerJoin(ltiResourceLinks, eq(ltiResourceLinks.id, ltiLinkLaunches.resourceLinkId))
        .where(
          and(
            eq(ltiLinkLaunches.userId, userId),
            eq(ltiLinkLaunches.role, 'PUPIL'),
            eq(ltiResourceLinks.target, target),
            sql`(${ltiResourceLinks.agsLineItemUrl} is not null or ${ltiResourceLinks.agsLineItemsUrl} is not null)`,
          ),
        );
    },
    async launchesOf(resourceLinkId: string) {
      return db
        .select({ userId: ltiLinkLaunches.userId, subject: ltiLinkLaunches.subject, role: ltiLinkLaunches.role, firstName: users.firstName, lastName: users.lastName, lastLaunchAt: ltiLinkLaunches.lastLaunchAt })
        .from(ltiLinkLaunches)
        .innerJoin(users, eq(users.id, ltiLinkLaunches.userId))
        .where(eq(ltiLinkLaunches.resourceLinkId, resourceLinkId))
        .orderBy(asc(users.lastName), asc(users.firstName));
    },
    async lineItem(resourceLinkId: string): Promise<LineItem | null> {
      const [row] = await db
        .select({ url: ltiLineItems.url, scoreMaximum: ltiLineItems.scoreMaximum, label: ltiLineItems.label, resourceId: ltiLineItems.resourceId, tag: ltiLineItems.tag })
        .from(ltiLineItems)
        .where(eq(ltiLineItems.resourceLinkId, resourceLinkId));
      return row ?? null;
    },
    async saveLineItem(resourceLinkId: string, item: LineItem): Promise<void> {
      await db.insert(ltiLineItems).values({ resourceLinkId, ...item }).onConflictDoUpdate({ target: ltiLineItems.resourceLinkId, set: item });
    },
  };
}
export type ResourceLinkRepository = ReturnType<typeof createResourceLinkRepository>;
