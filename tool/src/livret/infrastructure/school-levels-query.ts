import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { garRosterPupils } from '../../gar/infrastructure/gar-schema.ts';
import type { SchoolLevelsReader } from '../domain/livret-ports.ts';
import { levelsFromEarnedPix, type PupilLevels } from '../domain/pupil-levels.ts';

/**
 * Read model: a page of the school's active roster, then one query for the knowledge of all its reconciled
 * pupils (never one query per pupil). Per user and skill the latest element is the current one (ties: the
 * greater id, like the append-only list); `reset` ones count for nothing. Sums per competence go through the
 * scoring rule in the domain.
 */
export function createSchoolLevelsReader(db: Database, options: { competenceIndexes: () => readonly string[]; maxReachableLevel: number }): SchoolLevelsReader {
  const where = (organizationId: string, division?: string): SQL | undefined =>
    and(eq(garRosterPupils.organizationId, organizationId), eq(garRosterPupils.active, true), division ? eq(garRosterPupils.division, division) : undefined);

  return {
    async countPupils(organizationId, filter) {
      const [row] = await db.select({ n: count() }).from(garRosterPupils).where(where(organizationId, filter?.division));
      return Number(row?.n ?? 0);
    },
    async listDivisions(organizationId) {
      const rows = await db
        .selectDistinct({ division: garRosterPupils.division })
        .from(garRosterPupils)
        .where(where(organizationId))
        .orderBy(asc(garRosterPupils.division));
      return rows.map((r) => r.division);
    },
    async listPupils(organizationId, { limit, offset, division }) {
      const pupils = await db
        .select({
          rosterId: garRosterPupils.id,
          ine: garRosterPupils.ine,
          siecleEleveId: garRosterPupils.siecleEleveId,
          lastName: garRosterPupils.lastName,
          firstName: garRosterPupils.firstName,
          birthdate: garRosterPupils.birthdate,
          division: garRosterPupils.division,
          userId: garRosterPupils.userId,
        })
        .from(garRosterPupils)
        .where(where(organizationId, division))
        .orderBy(asc(garRosterPupils.lastName), asc(garRosterPupils.firstName), asc(garRosterPupils.id))
        .limit(limit)
        .offset(offset);
      const userIds = [...new Set(pupils.flatMap((p) => (p.userId ? [p.userId] : [])))];
      const sums = new Map<string, Map<string, number>>();
      const lastChange = new Map<string, Date>();
      if (userIds.length) {
        const { rows } = await db.execute<{ user_id: string; competence_index: string; pix: number | string | null; last_at: string | Date }>(sql`
          with current_ke as (
            select distinct on (ke.user_id, ke.skill_id) ke.user_id, ke.competence_index, ke.status, ke.earned_pix, ke.created_at
            from knowledge_elements ke
            where ${inArray(sql`ke.user_id`, userIds)}
            order by ke.user_id, ke.skill_id, ke.created_at desc, ke.id desc
          )
          select user_id, competence_index,
                 coalesce(sum(earned_pix) filter (where status <> 'reset'), 0) as pix,
                 max(created_at) as last_at
          from current_ke
          group by user_id, competence_index`);
        for (const row of rows) {
          const byCompetence = sums.get(row.user_id) ?? new Map<string, number>();
          byCompetence.set(row.competence_index, Number(row.pix ?? 0));
          sums.set(row.user_id, byCompetence);
          const at = row.last_at instanceof Date ? row.last_at : new Date(row.last_at);
          const known = lastChange.get(row.user_id);
          if (!known || at > known) lastChange.set(row.user_id, at);
        }
      }
      const competenceIndexes = options.competenceIndexes();
      return pupils.map((p): PupilLevels => {
        const { levels, pixScore } = levelsFromEarnedPix({
          earnedPixByCompetence: (p.userId && sums.get(p.userId)) || new Map(),
          competenceIndexes,
          maxReachableLevel: options.maxReachableLevel,
        });
        return { ...p, levels, pixScore, lastChangedAt: (p.userId && lastChange.get(p.userId)) || null };
      });
    },
  };
}
