import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { externalIdentities, users } from '../../identity/infrastructure/identity-schema.ts';
import type { MembershipRole } from '../../identity/infrastructure/membership-repository.ts';
import { ltiLineItems, ltiLinkLaunches, ltiPlatforms, ltiResourceLinks, ltiTaggedLineItems } from './lti-schema.ts';

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

const LINK_COLUMNS = sql`l.id, l.platform_id, l.deployment_id, l.resource_link_id, l.organization_id, l.class_id, l.context_id, l.title, l.target, l.custom,
  l.ags_line_items_url, l.ags_line_item_url, l.ags_scopes, l.nrps_url`;

type LinkRow = {
  id: string;
  platform_id: string;
  deployment_id: string;
  resource_link_id: string;
  organization_id: string;
  class_id: string | null;
  context_id: string | null;
  title: string;
  target: string | null;
  custom: Record<string, string>;
  ags_line_items_url: string | null;
  ags_line_item_url: string | null;
  ags_scopes: string[];
  nrps_url: string | null;
};

function toResourceLink(row: LinkRow): ResourceLink {
  return {
    id: row.id,
    platformId: row.platform_id,
    deploymentId: row.deployment_id,
    resourceLinkId: row.resource_link_id,
    organizationId: row.organization_id,
    classId: row.class_id,
    contextId: row.context_id,
    title: row.title,
    target: row.target,
    custom: row.custom,
    agsLineItemsUrl: row.ags_line_items_url,
    agsLineItemUrl: row.ags_line_item_url,
    agsScopes: row.ags_scopes,
    nrpsUrl: row.nrps_url,
  };
}

/** Activities placed in courses, who launched them, and their gradebook column. */
export function createResourceLinkRepository(db: Database) {
  return {
    /**
     * Every resource link launch records the link (the platform is the source of truth for titles, targets and
     * endpoints: created, or refreshed only when the platform changed something, so a class launching together
     * does not queue on the link's row lock) and who launched it, in one statement. The course's class is looked up
     * by its key inside the statement, so this runs beside the class upsert; on a course's very first launch the
     * class is not there yet and `classId` comes back null (the caller attaches it with `attachClass`).
     */
    async upsertAndRecordLaunch(
      input: Omit<ResourceLinkInput, 'classId'> & { courseClass: { source: string; sourceKey: string } | null },
      launch: { userId: string; subject: string; role: MembershipRole },
      now: Date,
    ): Promise<ResourceLink> {
      const classId = input.courseClass
        ? sql`(select c.id from classes c where c.organization_id = ${input.organizationId}::uuid and c.source = ${input.courseClass.source} and c.source_key = ${input.courseClass.sourceKey})`
        : sql`null::uuid`;
      const key = sql`l.platform_id = ${input.platformId}::uuid and l.resource_link_id = ${input.resourceLinkId}`;
      // Two passes: a link inserted by a concurrent first launch after this statement's snapshot is neither
      // updated (nothing changed) nor visible to the fallback read; the second statement sees it.
      for (let pass = 0; pass < 2; pass += 1) {
        const { rows } = await db.execute<LinkRow>(sql`
        with upserted as (
          insert into lti_resource_links as l (platform_id, deployment_id, resource_link_id, organization_id, class_id, context_id, title, target, custom,
            ags_line_items_url, ags_line_item_url, ags_scopes, nrps_url, created_at, updated_at)
          values (${input.platformId}, ${input.deploymentId}, ${input.resourceLinkId}, ${input.organizationId}, ${classId}, ${input.contextId},
            ${input.title}, ${input.target}, ${JSON.stringify(input.custom)}::jsonb, ${input.agsLineItemsUrl}, ${input.agsLineItemUrl},
            array(select jsonb_array_elements_text(${JSON.stringify(input.agsScopes)}::jsonb)), ${input.nrpsUrl}, ${now}::timestamptz, ${now}::timestamptz)
          on conflict (platform_id, resource_link_id) do update set deployment_id = excluded.deployment_id, organization_id = excluded.organization_id,
            class_id = coalesce(excluded.class_id, l.class_id), context_id = excluded.context_id, title = excluded.title, target = excluded.target,
            custom = excluded.custom, ags_line_items_url = excluded.ags_line_items_url, ags_line_item_url = excluded.ags_line_item_url,
            ags_scopes = excluded.ags_scopes, nrps_url = excluded.nrps_url, updated_at = excluded.updated_at
          where (l.deployment_id, l.organization_id, l.class_id, l.context_id, l.title, l.target, l.custom, l.ags_line_items_url, l.ags_line_item_url,
              l.ags_scopes, l.nrps_url)
            is distinct from (excluded.deployment_id, excluded.organization_id, coalesce(excluded.class_id, l.class_id), excluded.context_id, excluded.title,
              excluded.target, excluded.custom, excluded.ags_line_items_url, excluded.ags_line_item_url, excluded.ags_scopes, excluded.nrps_url)
          returning ${LINK_COLUMNS}
        ), link as (
          select * from upserted
          union all
          select ${LINK_COLUMNS} from lti_resource_links l where ${key} and not exists (select 1 from upserted)
        ), launched as (
          insert into lti_link_launches (resource_link_id, user_id, subject, role, first_launch_at, last_launch_at)
          select id, ${launch.userId}, ${launch.subject}, ${launch.role}, ${now}::timestamptz, ${now}::timestamptz from link
          on conflict (resource_link_id, user_id) do update set subject = excluded.subject, role = excluded.role, last_launch_at = excluded.last_launch_at
        )
        select * from link`);
        if (rows[0]) return toResourceLink(rows[0]);
      }
      throw new Error('resource link upsert returned no row twice');
    },
    /** The course's class, on the link of a course's first launch (created beside the link, see above). */
    async attachClass(linkId: string, classId: string): Promise<void> {
      await db.execute(sql`update lti_resource_links set class_id = ${classId}::uuid where id = ${linkId}::uuid and class_id is null`);
    },
    async findById(id: string): Promise<ResourceLink | null> {
      const [row] = await db.select(linkColumns).from(ltiResourceLinks).where(eq(ltiResourceLinks.id, id));
      return row ?? null;
    },
    /** Resource links a learner launched that target this activity (e.g. `competence:1.1`) and can take grades. */
    async gradedLinksOfLearner(userId: string, target: string) {
      return db
        .select({
          id: ltiResourceLinks.id,
          platformId: ltiResourceLinks.platformId,
          subject: ltiLinkLaunches.subject,
          linkScopes: ltiResourceLinks.agsScopes,
          platformScopes: ltiPlatforms.scopes,
        })
        .from(ltiLinkLaunches)
        .innerJoin(ltiResourceLinks, eq(ltiResourceLinks.id, ltiLinkLaunches.resourceLinkId))
        .innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiResourceLinks.platformId))
        .where(
          and(
            eq(ltiLinkLaunches.userId, userId),
            eq(ltiLinkLaunches.role, 'PUPIL'),
            eq(ltiResourceLinks.target, target),
            sql`(${ltiResourceLinks.agsLineItemUrl} is not null or ${ltiResourceLinks.agsLineItemsUrl} is not null)`,
          ),
        );
    },
    /** The links of an organization opening this target (`campaign:CODE`), with the scopes their platform granted. */
    async linksOfTarget(organizationId: string, target: string): Promise<Array<ResourceLink & { platformScopes: string[] }>> {
      return db
        .select({ ...linkColumns, platformScopes: ltiPlatforms.scopes })
        .from(ltiResourceLinks)
        .innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiResourceLinks.platformId))
        .where(and(eq(ltiResourceLinks.organizationId, organizationId), eq(ltiResourceLinks.target, target)))
        .orderBy(asc(ltiResourceLinks.createdAt));
    },
    /** Tool accounts of platform users (`sub`s of one issuer): who among a roster already has an account. */
    async accountsOfSubjects(issuer: string, subjects: readonly string[]): Promise<Map<string, string>> {
      if (subjects.length === 0) return new Map();
      const rows = await db
        .select({ subject: externalIdentities.subject, userId: externalIdentities.userId })
        .from(externalIdentities)
        .where(and(eq(externalIdentities.provider, 'lti'), eq(externalIdentities.issuer, issuer), inArray(externalIdentities.subject, [...subjects])));
      return new Map(rows.map((row) => [row.subject, row.userId]));
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
    /** An extra column under a link (`pix-competence-1.1`), once found or created. */
    async taggedLineItemUrl(resourceLinkId: string, tag: string): Promise<string | null> {
      const [row] = await db
        .select({ url: ltiTaggedLineItems.url })
        .from(ltiTaggedLineItems)
        .where(and(eq(ltiTaggedLineItems.resourceLinkId, resourceLinkId), eq(ltiTaggedLineItems.tag, tag)));
      return row?.url ?? null;
    },
    async saveTaggedLineItem(resourceLinkId: string, tag: string, url: string): Promise<void> {
      await db.insert(ltiTaggedLineItems).values({ resourceLinkId, tag, url }).onConflictDoUpdate({ target: [ltiTaggedLineItems.resourceLinkId, ltiTaggedLineItems.tag], set: { url } });
    },
    async saveLineItem(resourceLinkId: string, item: LineItem): Promise<void> {
      await db.insert(ltiLineItems).values({ resourceLinkId, ...item }).onConflictDoUpdate({ target: ltiLineItems.resourceLinkId, set: item });
    },
  };
}
export type ResourceLinkRepository = ReturnType<typeof createResourceLinkRepository>;
