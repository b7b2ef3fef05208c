import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { classMembers, classes, externalIdentities, users } from '../../identity/infrastructure/identity-schema.ts';
import type { ExternalIdentity } from '../../identity/infrastructure/account-repository.ts';

/**
 * Two account operations the GAR needs beyond the identity core's repositories (candidates for moving there):
 * attaching a GAR identity to an existing account (a pupil who changed school keeps her account), and making
 * a user's GAR classes exactly the ones of her latest login.
 */
export function createGarAccountLinks(db: Database) {
  return {
    /** Attaches the identity to this user (no-op if it already belongs to it) and refreshes the names. */
    async attachIdentity(userId: string, identity: ExternalIdentity, person: { firstName: string; lastName: string }, now: Date): Promise<boolean> {
      const inserted = await db
        .insert(externalIdentities)
        .values({ userId, ...identity, lastLoginAt: now })
        .onConflictDoNothing()
        .returning({ id: externalIdentities.id });
      await db.update(users).set({ firstName: person.firstName, lastName: person.lastName, updatedAt: now, lastSeenAt: now }).where(eq(users.id, userId));
      return inserted.length === 1;
    },

    /** Removes the user from the GAR classes (divisions, groups) of this school that her latest login no longer lists. */
    async dropStaleGarClasses(userId: string, organizationId: string, keepClassIds: string[]): Promise<void> {
      const garClasses = db
        .select({ id: classes.id })
        .from(classes)
        .where(and(eq(classes.organizationId, organizationId), inArray(classes.source, ['GAR_DIV', 'GAR_GROUP'])));
      await db
        .delete(classMembers)
        .where(
          and(
            eq(classMembers.userId, userId),
            inArray(classMembers.classId, garClasses),
            keepClassIds.length ? notInArray(classMembers.classId, keepClassIds) : sql`true`,
          ),
        );
    },
  };
}
export type GarAccountLinks = ReturnType<typeof createGarAccountLinks>;
