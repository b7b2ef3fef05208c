import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { classMembers, classes, memberships, organizations } from './identity-schema.ts';

export type MembershipRole = 'ADMIN' | 'MEMBER' | 'PUPIL';
export type ClassSource = 'LTI_CONTEXT' | 'GAR_DIV' | 'GAR_GROUP' | 'SIECLE' | 'MANUAL';

export interface SchoolClass {
  id: string;
  organizationId: string;
  source: ClassSource;
  sourceKey: string;
  label: string;
}

export function createMembershipRepository(db: Database) {
  return {
    /**
     * Grants a role in an organization. An ADMIN is never downgraded by a later launch as a plain teacher:
     * administration rights are removed deliberately, not by a platform role claim.
     */
    async ensureMembership(userId: string, organizationId: string, role: MembershipRole): Promise<MembershipRole> {
      const [row] = await db
        .insert(memberships)
        .values({ userId, organizationId, role })
        .onConflictDoUpdate({
          target: [memberships.userId, memberships.organizationId],
          set: { role: sql`case when ${memberships.role} = 'ADMIN' then ${memberships.role} else excluded.role end`, disabledAt: null },
        })
        .returning({ role: memberships.role });
      return row?.role ?? role;
    },
    async findMembership(userId: string, organizationId: string): Promise<MembershipRole | null> {
      const [row] = await db
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.userId, userId), eq(memberships.organizationId, organizationId), isNull(memberships.disabledAt)));
      return row?.role ?? null;
    },
    async listForUser(userId: string) {
      return db
        .select({ organizationId: organizations.id, uai: organizations.uai, name: organizations.name, role: memberships.role })
        .from(memberships)
        .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
        .where(and(eq(memberships.userId, userId), isNull(memberships.disabledAt)))
        .orderBy(asc(organizations.name));
    },
    /** Finds or creates the class for an outside group (course, division…). */
    async ensureClass(input: Omit<SchoolClass, 'id'>): Promise<SchoolClass> {
      const [row] = await db
        .insert(classes)
        .values(input)
        .onConflictDoUpdate({ target: [classes.organizationId, classes.source, classes.sourceKey], set: { label: input.label } })
        .returning({ id: classes.id, organizationId: classes.organizationId, source: classes.source, sourceKey: classes.sourceKey, label: classes.label });
      if (!row) throw new Error('upsert returned no row');
      return row;
    },
    /**
     * The class for an outside group (created, or renamed only when its label changed) and the person in it, in one
     * statement (every LTI launch with a course). A class launching together does not queue on the class row's lock:
     * nothing is written to it when nothing changed.
     */
    async joinClass(input: Omit<SchoolClass, 'id'>, userId: string, role: 'PUPIL' | 'TEACHER'): Promise<string> {
      // Two passes: a class inserted by a concurrent first launch after this statement's snapshot is neither
      // renamed (same label) nor visible to the fallback read; the second statement sees it.
      for (let pass = 0; pass < 2; pass += 1) {
        const { rows } = await db.execute<{ id: string }>(sql`
        with upserted as (
          insert into classes as c (organization_id, source, source_key, label)
          values (${input.organizationId}, ${input.source}, ${input.sourceKey}, ${input.label})
          on conflict (organization_id, source, source_key) do update set label = excluded.label where c.label is distinct from excluded.label
          returning id
        ), class as (
          select id from upserted
          union all
          select c.id from classes c
          where c.organization_id = ${input.organizationId}::uuid and c.source = ${input.source} and c.source_key = ${input.sourceKey} and not exists (select 1 from upserted)
        ), joined as (
          insert into class_members as m (class_id, user_id, role) select id, ${userId}, ${role} from class
          on conflict (class_id, user_id) do update set role = excluded.role where m.role is distinct from excluded.role
        )
        select id from class`);
        if (rows[0]) return rows[0].id;
      }
      throw new Error('class upsert returned no row twice');
    },
    async addClassMember(classId: string, userId: string, role: 'PUPIL' | 'TEACHER'): Promise<void> {
      await db.insert(classMembers).values({ classId, userId, role }).onConflictDoUpdate({ target: [classMembers.classId, classMembers.userId], set: { role } });
    },
    async listClassesOfUser(userId: string, organizationId: string) {
      return db
        .select({ id: classes.id, label: classes.label, source: classes.source, role: classMembers.role })
        .from(classMembers)
        .innerJoin(classes, eq(classes.id, classMembers.classId))
        .where(and(eq(classMembers.userId, userId), eq(classes.organizationId, organizationId), isNull(classes.archivedAt)))
        .orderBy(asc(classes.label));
    },
  };
}
export type MembershipRepository = ReturnType<typeof createMembershipRepository>;
