import { and, asc, eq, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import type { RosterPupil } from '../domain/roster/roster-pupil.ts';
import { findSiecleIdConflicts, type SiecleIdConflict } from '../domain/roster/siecle-eleve-id.ts';
import { garRosterImports, garRosterPupils } from './gar-schema.ts';
import { csvLineOverStored } from '../domain/roster/csv-reimport.ts';

const FIELDS = [
  'siecleEleveId',
  'lastName',
  'preferredLastName',
  'firstName',
  'middleName',
  'thirdName',
  'sex',
  'birthdate',
  'birthCountryCode',
  'birthCityCode',
  'birthDepartmentCode',
  'birthCity',
  'mefCode',
  'status',
  'division',
] as const satisfies ReadonlyArray<keyof RosterPupil>;

/** The roster fields of a stored row (what a file can give). */
function storedPupil(row: typeof garRosterPupils.$inferSelect): RosterPupil {
  return Object.fromEntries([...FIELDS, 'ine' as const].map((field) => [field, row[field] ?? null])) as unknown as RosterPupil;
}

export interface ImportCounts {
  imported: number;
  updated: number;
  inactivated: number;
}

/** A roster pupil as reconciliation compares her (names, birthdate, class), with her link. */
export const candidateColumns = {
  id: garRosterPupils.id,
  ine: garRosterPupils.ine,
  firstName: garRosterPupils.firstName,
  middleName: garRosterPupils.middleName,
  thirdName: garRosterPupils.thirdName,
  lastName: garRosterPupils.lastName,
  preferredLastName: garRosterPupils.preferredLastName,
  birthdate: garRosterPupils.birthdate,
  division: garRosterPupils.division,
  userId: garRosterPupils.userId,
};

/** School rosters: upsert by INE, never delete (pupils who left become inactive), links to accounts. */
export function createRosterRepository(db: Database) {
  return {
    /**
     * Applies a parsed roster in one transaction: new INEs inserted, changed ones updated (a returning pupil is
     * reactivated), active pupils missing from the file inactivated unless their line had an error.
     * Importing the same file twice changes nothing the second time. A CSV without an ELEVE_ID keeps the stored
     * one; a CSV line whose ELEVE_ID another active pupil of the school holds is refused (returned, not applied).
     */
    async applyImport(input: {
      organizationId: string;
      source: 'SIECLE' | 'CSV';
      format: string;
      pupils: RosterPupil[];
      keepIne: string[];
      byUserId: string | null;
      now: Date;
      onProgress?: (done: number, total: number) => void;
    }): Promise<ImportCounts & { siecleIdConflicts: SiecleIdConflict[] }> {
      return db.transaction(async (tx) => {
        const existing = await tx.select().from(garRosterPupils).where(eq(garRosterPupils.organizationId, input.organizationId));
        const byIne = new Map(existing.map((row) => [row.ine, row]));
        const counts: ImportCounts = { imported: 0, updated: 0, inactivated: 0 };
        const inserts: Array<typeof garRosterPupils.$inferInsert> = [];
        const siecleIdConflicts = input.source === 'CSV' ? findSiecleIdConflicts({ stored: existing, pupils: input.pupils, keepIne: new Set(input.keepIne) }) : [];
        const refused = new Set(siecleIdConflicts.map((c) => c.ine));
        let done = 0;
        for (const filePupil of input.pupils) {
          const row = byIne.get(filePupil.ine);
          // A CSV line fills in what it gives and keeps what the roster already holds (ELEVE_ID, sex, birthplace, MEF…);
          // a SIECLE export is the reference and replaces everything.
          const pupil = input.source === 'CSV' && row ? csvLineOverStored(storedPupil(row), filePupil) : filePupil;
          if (refused.has(pupil.ine)) {
            // A refused line leaves the pupil as she was (not inactivated either: she is in the file).
          } else if (!row) {
            inserts.push({ organizationId: input.organizationId, ...pupil, source: input.source, active: true, importedAt: input.now, updatedAt: input.now });
            counts.imported += 1;
          } else if (!row.active || FIELDS.some((field) => (row[field] ?? null) !== (pupil[field] ?? null))) {
            await tx
              .update(garRosterPupils)
              .set({ ...pupil, source: input.source, active: true, inactivatedAt: null, updatedAt: input.now })
              .where(eq(garRosterPupils.id, row.id));
            counts.updated += 1;
          }
          done += 1;
          if (done % 250 === 0) input.onProgress?.(done, input.pupils.length);
        }
        for (let i = 0; i < inserts.length; i += 500) await tx.insert(garRosterPupils).values(inserts.slice(i, i + 500));
        const present = new Set([...input.pupils.map((p) => p.ine), ...input.keepIne]);
        const gone = existing.filter((row) => row.active && !present.has(row.ine)).map((row) => row.id);
        for (let i = 0; i < gone.length; i += 500) {
          await tx
            .update(garRosterPupils)
            .set({ active: false, inactivatedAt: input.now, updatedAt: input.now })
            .where(inArray(garRosterPupils.id, gone.slice(i, i + 500)));
        }
        counts.inactivated = gone.length;
        input.onProgress?.(input.pupils.length, input.pupils.length);
        return { ...counts, siecleIdConflicts };
      });
    },

    async recordImport(input: { organizationId: string; format: string; counts: ImportCounts; errorCount: number; byUserId: string | null; now: Date }) {
      await db.insert(garRosterImports).values({
        organizationId: input.organizationId,
        format: input.format,
        ...input.counts,
        errorCount: input.errorCount,
        byUserId: input.byUserId,
        createdAt: input.now,
      });
    },

    async hasActiveRoster(organizationId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: garRosterPupils.id })
        .from(garRosterPupils)
        .where(and(eq(garRosterPupils.organizationId, organizationId), eq(garRosterPupils.active, true)))
        .limit(1);
      return Boolean(row);
    },

    /** Active pupils of the school born that day: the only candidates reconciliation ever considers. */
    async candidates(organizationId: string, birthdate: string) {
      return db
        .select(candidateColumns)
        .from(garRosterPupils)
        .where(and(eq(garRosterPupils.organizationId, organizationId), eq(garRosterPupils.birthdate, birthdate), eq(garRosterPupils.active, true)));
    },

    async findLinked(organizationId: string, userId: string) {
      const [row] = await db
        .select(candidateColumns)
        .from(garRosterPupils)
        .where(and(eq(garRosterPupils.organizationId, organizationId), eq(garRosterPupils.userId, userId)));
      return row ?? null;
    },

    /** The account already tied to this INE in any school (a pupil who changed school). */
    async findAccountByIne(ine: string, exceptRosterPupilId: string): Promise<string | null> {
      const [row] = await db
        .select({ userId: garRosterPupils.userId })
        .from(garRosterPupils)
        .where(and(eq(garRosterPupils.ine, ine), isNotNull(garRosterPupils.userId), ne(garRosterPupils.id, exceptRosterPupilId)))
        .orderBy(sql`${garRosterPupils.updatedAt} desc`)
        .limit(1);
      return row?.userId ?? null;
    },

    async link(rosterPupilId: string, userId: string, now: Date): Promise<void> {
      await db.update(garRosterPupils).set({ userId, linkedAt: now, updatedAt: now }).where(eq(garRosterPupils.id, rosterPupilId));
    },

    /** A roster pupil of this school only (another school's id reads as unknown); row-locked inside a transaction. */
    async findInSchool(organizationId: string, rosterPupilId: string) {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(rosterPupilId)) return null;
      const [row] = await db
        .select({ ...candidateColumns, active: garRosterPupils.active })
        .from(garRosterPupils)
        .where(and(eq(garRosterPupils.id, rosterPupilId), eq(garRosterPupils.organizationId, organizationId)))
        .for('update');
      return row ?? null;
    },

    /** Links only if the pupil is free (or already this user's): false when another account holds her. */
    async linkIfFree(rosterPupilId: string, userId: string, now: Date): Promise<boolean> {
      const updated = await db
        .update(garRosterPupils)
        .set({ userId, linkedAt: now, updatedAt: now })
        .where(and(eq(garRosterPupils.id, rosterPupilId), or(isNull(garRosterPupils.userId), eq(garRosterPupils.userId, userId))))
        .returning({ id: garRosterPupils.id });
      return updated.length === 1;
    },

    /** The roster's size in one aggregate query (the teacher view of a large school reads no rows). */
    async counts(organizationId: string): Promise<{ total: number; active: number; linked: number }> {
      const [row] = await db
        .select({
          total: sql<number>`count(*)::int`,
          active: sql<number>`(count(*) filter (where ${garRosterPupils.active}))::int`,
          linked: sql<number>`(count(*) filter (where ${garRosterPupils.active} and ${garRosterPupils.userId} is not null))::int`,
        })
        .from(garRosterPupils)
        .where(eq(garRosterPupils.organizationId, organizationId));
      return { total: Number(row?.total ?? 0), active: Number(row?.active ?? 0), linked: Number(row?.linked ?? 0) };
    },

    async listForSchool(organizationId: string) {
      return db
        .select({ ...candidateColumns, active: garRosterPupils.active, siecleEleveId: garRosterPupils.siecleEleveId })
        .from(garRosterPupils)
        .where(eq(garRosterPupils.organizationId, organizationId))
        .orderBy(asc(garRosterPupils.division), asc(garRosterPupils.lastName), asc(garRosterPupils.firstName));
    },
  };
}
export type RosterRepository = ReturnType<typeof createRosterRepository>;
