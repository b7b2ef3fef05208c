import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { classMembers, classes, users } from '../../identity/infrastructure/identity-schema.ts';

/** The school's classes (empty ones too) and their pupils, for the teacher view. */
export async function listSchoolClassesWithPupils(db: Database, organizationId: string) {
  const rows = await db
    .select({ classId: classes.id, label: classes.label, source: classes.source, userId: users.id, firstName: users.firstName, lastName: users.lastName })
    .from(classes)
    .leftJoin(classMembers, and(eq(classMembers.classId, classes.id), eq(classMembers.role, 'PUPIL')))
    .leftJoin(users, eq(users.id, classMembers.userId))
    .where(and(eq(classes.organizationId, organizationId), isNull(classes.archivedAt)))
    .orderBy(asc(classes.label), asc(users.lastName), asc(users.firstName));
  const byClass = new Map<string, { id: string; label: string; source: string; pupils: Array<{ userId: string; firstName: string; lastName: string }> }>();
  for (const row of rows) {
    const entry = byClass.get(row.classId) ?? { id: row.classId, label: row.label, source: row.source, pupils: [] };
    if (row.userId) entry.pupils.push({ userId: row.userId, firstName: row.firstName ?? '', lastName: row.lastName ?? '' });
    byClass.set(row.classId, entry);
  }
  return [...byClass.values()];
}
