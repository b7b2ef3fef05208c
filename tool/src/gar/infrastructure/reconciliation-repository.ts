import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { users } from '../../identity/infrastructure/identity-schema.ts';
import { garReconciliationRequests } from './gar-schema.ts';

export type ReconciliationReason = 'NO_MATCH' | 'SEVERAL' | 'ALREADY_LINKED';

/** Pupils the roster could not match: one request per pupil and school, for her teachers to settle. */
export function createReconciliationRepository(db: Database) {
  return {
    async find(organizationId: string, userId: string) {
      const [row] = await db
        .select()
        .from(garReconciliationRequests)
        .where(and(eq(garReconciliationRequests.organizationId, organizationId), eq(garReconciliationRequests.userId, userId)));
      return row ?? null;
    },
    async open(input: { organizationId: string; userId: string; firstName: string; lastName: string; birthdate: string; divisions: string[]; reason: ReconciliationReason; now: Date }) {
      await db
        .insert(garReconciliationRequests)
        .values({ ...input, reason: input.reason, status: 'OPEN', createdAt: input.now, updatedAt: input.now })
        .onConflictDoUpdate({
          target: [garReconciliationRequests.organizationId, garReconciliationRequests.userId],
          set: { firstName: input.firstName, lastName: input.lastName, birthdate: input.birthdate, divisions: input.divisions, reason: input.reason, status: 'OPEN', updatedAt: input.now, resolvedAt: null },
        });
    },
    async resolve(organizationId: string, userId: string, rosterPupilId: string, now: Date) {
      await db
        .update(garReconciliationRequests)
        .set({ status: 'RESOLVED', rosterPupilId, resolvedAt: now, updatedAt: now })
        .where(and(eq(garReconciliationRequests.organizationId, organizationId), eq(garReconciliationRequests.userId, userId)));
    },
    async listOpen(organizationId: string) {
      return db
        .select({
          id: garReconciliationRequests.id,
          userId: garReconciliationRequests.userId,
          firstName: users.firstName,
          lastName: users.lastName,
          birthdate: garReconciliationRequests.birthdate,
          divisions: garReconciliationRequests.divisions,
          reason: garReconciliationRequests.reason,
          createdAt: garReconciliationRequests.createdAt,
        })
        .from(garReconciliationRequests)
        .innerJoin(users, eq(users.id, garReconciliationRequests.userId))
        .where(and(eq(garReconciliationRequests.organizationId, organizationId), eq(garReconciliationRequests.status, 'OPEN')))
        .orderBy(asc(users.lastName), asc(users.firstName));
    },
  };
}
export type ReconciliationRepository = ReturnType<typeof createReconciliationRepository>;
