import { and, asc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { classMembers, classes } from '../../identity/infrastructure/identity-schema.ts';
import { garReconciliationRequests, garRosterPupils } from './gar-schema.ts';
import { candidateColumns } from './roster-repository.ts';

export type ReconciliationReason = 'NO_MATCH' | 'SEVERAL' | 'ALREADY_LINKED';
export type ReconciliationRequest = typeof garReconciliationRequests.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Pupils the roster could not match: one request per pupil and school, for her teachers to settle. */
export function createReconciliationRepository(db: Database) {
  return {
    async find(organizationId: string, userId: string): Promise<ReconciliationRequest | null> {
      const [row] = await db
        .select()
        .from(garReconciliationRequests)
        .where(and(eq(garReconciliationRequests.organizationId, organizationId), eq(garReconciliationRequests.userId, userId)));
      return row ?? null;
    },
    /** A request of this school only (another school's id reads as unknown); row-locked inside a transaction. */
    async findInSchool(organizationId: string, requestId: string): Promise<ReconciliationRequest | null> {
      if (!UUID.test(requestId)) return null;
      const [row] = await db
        .select()
        .from(garReconciliationRequests)
        .where(and(eq(garReconciliationRequests.id, requestId), eq(garReconciliationRequests.organizationId, organizationId)))
        .for('update');
      return row ?? null;
    },
    async open(input: { organizationId: string; userId: string; firstName: string; lastName: string; birthdate: string; divisions: string[]; reason: ReconciliationReason; now: Date }) {
      await db
        .insert(garReconciliationRequests)
        .values({ ...input, reason: input.reason, status: 'OPEN', createdAt: input.now, updatedAt: input.now })
        .onConflictDoUpdate({
          target: [garReconciliationRequests.organizationId, garReconciliationRequests.userId],
          set: {
            firstName: input.firstName,
            lastName: input.lastName,
            birthdate: input.birthdate,
            divisions: input.divisions,
            reason: input.reason,
            status: 'OPEN',
            updatedAt: input.now,
            resolvedAt: null,
            settledByUserId: null,
            outcomeSeenAt: null,
          },
        });
    },
    /** The automatic match: resolved by nobody. */
    async resolve(organizationId: string, userId: string, rosterPupilId: string, now: Date) {
      await db
        .update(garReconciliationRequests)
        .set({ status: 'RESOLVED', rosterPupilId, resolvedAt: now, updatedAt: now, settledByUserId: null })
        .where(and(eq(garReconciliationRequests.organizationId, organizationId), eq(garReconciliationRequests.userId, userId)));
    },
    /**
     * A teacher's decision, applied only while the request is still open: false when someone settled it first
     * (the condition is re-checked under the row lock, so two concurrent settlements cannot both win).
     */
    async settle(input: { requestId: string; organizationId: string; outcome: 'RESOLVED' | 'DISMISSED'; rosterPupilId: string | null; byUserId: string; now: Date }): Promise<boolean> {
      const updated = await db
        .update(garReconciliationRequests)
        .set({ status: input.outcome, rosterPupilId: input.rosterPupilId, settledByUserId: input.byUserId, resolvedAt: input.now, updatedAt: input.now, outcomeSeenAt: null })
        .where(
          and(
            eq(garReconciliationRequests.id, input.requestId),
            eq(garReconciliationRequests.organizationId, input.organizationId),
            eq(garReconciliationRequests.status, 'OPEN'),
          ),
        )
        .returning({ id: garReconciliationRequests.id });
      return updated.length === 1;
    },
    /** A settlement by hand the pupil has not been told about yet. */
    async unseenOutcome(organizationId: string, userId: string): Promise<'RESOLVED' | 'DISMISSED' | null> {
      const [row] = await db
        .select({ status: garReconciliationRequests.status })
        .from(garReconciliationRequests)
        .where(
          and(
            eq(garReconciliationRequests.organizationId, organizationId),
            eq(garReconciliationRequests.userId, userId),
            isNotNull(garReconciliationRequests.settledByUserId),
            isNull(garReconciliationRequests.outcomeSeenAt),
            or(eq(garReconciliationRequests.status, 'RESOLVED'), eq(garReconciliationRequests.status, 'DISMISSED')),
          ),
        );
      return row?.status === 'RESOLVED' || row?.status === 'DISMISSED' ? row.status : null;
    },
    async markOutcomeSeen(organizationId: string, userId: string, now: Date): Promise<void> {
      await db
        .update(garReconciliationRequests)
        .set({ outcomeSeenAt: now })
        .where(and(eq(garReconciliationRequests.organizationId, organizationId), eq(garReconciliationRequests.userId, userId)));
    },
    /** The open requests, alphabetically, at most `limit` (the view shows a page), and how many there are. */
    async listOpen(organizationId: string, limit = 1000) {
      const [count] = await db
        .select({ total: sql<number>`count(*)::int` })
        .from(garReconciliationRequests)
        .where(and(eq(garReconciliationRequests.organizationId, organizationId), eq(garReconciliationRequests.status, 'OPEN')));
      const rows = await db
        .select({
          id: garReconciliationRequests.id,
          userId: garReconciliationRequests.userId,
          firstName: garReconciliationRequests.firstName,
          lastName: garReconciliationRequests.lastName,
          birthdate: garReconciliationRequests.birthdate,
          divisions: garReconciliationRequests.divisions,
          reason: garReconciliationRequests.reason,
          createdAt: garReconciliationRequests.createdAt,
        })
        .from(garReconciliationRequests)
        .where(and(eq(garReconciliationRequests.organizationId, organizationId), eq(garReconciliationRequests.status, 'OPEN')))
        .orderBy(asc(garReconciliationRequests.lastName), asc(garReconciliationRequests.firstName), asc(garReconciliationRequests.id))
        .limit(limit);
      return { rows, total: Number(count?.total ?? 0) };
    },
    /** In one query, the codes of the GAR classes (divisions) these pupils belong to in this school, by pupil. */
    async divisionCodesOf(organizationId: string, userIds: readonly string[]): Promise<Map<string, string[]>> {
      const byUser = new Map<string, string[]>();
      if (userIds.length === 0) return byUser;
      const rows = await db
        .select({ userId: classMembers.userId, code: classes.sourceKey })
        .from(classMembers)
        .innerJoin(classes, eq(classes.id, classMembers.classId))
        .where(and(eq(classes.organizationId, organizationId), eq(classes.source, 'GAR_DIV'), inArray(classMembers.userId, [...userIds])));
      for (const row of rows) if (row.code) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.code]);
      return byUser;
    },
    /**
     * In one query, the roster pupils a teacher may pick for these requests: active, not linked to an account yet,
     * in one of the requests' classes or born on one of their birthdates.
     */
    async candidatesFor(organizationId: string, requests: ReadonlyArray<{ divisionKeys: readonly string[]; birthdate: string }>) {
      if (requests.length === 0) return [];
      const divisions = [...new Set(requests.flatMap((r) => r.divisionKeys))];
      const birthdates = [...new Set(requests.map((r) => r.birthdate))];
      return db
        .select(candidateColumns)
        .from(garRosterPupils)
        .where(
          and(
            eq(garRosterPupils.organizationId, organizationId),
            eq(garRosterPupils.active, true),
            isNull(garRosterPupils.userId),
            divisions.length ? or(inArray(garRosterPupils.division, divisions), inArray(garRosterPupils.birthdate, birthdates)) : inArray(garRosterPupils.birthdate, birthdates),
          ),
        )
        .orderBy(asc(garRosterPupils.lastName), asc(garRosterPupils.firstName));
    },
  };
}
export type ReconciliationRepository = ReturnType<typeof createReconciliationRepository>;
