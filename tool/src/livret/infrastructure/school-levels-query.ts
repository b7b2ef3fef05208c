import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { garRosterPupils } from '../../gar/infrastructure/gar-schema.ts';
import type { SchoolLevelsReader, SchoolRef } from '../domain/livret-ports.ts';
import { levelsFromEarnedPix, type PupilLevels } from '../domain/pupil-levels.ts';

/**
 * Read model: pages of the school's active roster with each pupil's levels. Per user and skill the latest
 * element is the current one (ties: the greater id, like the append-only list); `reset` ones count for
 * nothing. Sums per competence go through the scoring rule in the domain.
 */
export function createSchoolLevelsReader(db: Database, options: { competenceIndexes: () => readonly string[]; maxReachableLevel: number }): SchoolLevelsReader {
  const where = (organizationId: string, division?: string): SQL | undefined =>
    and(eq(garRosterPupils.organizationId, organizationId), eq(garRosterPupils.active, true), division ? eq(garRosterPupils.division, division) : undefined);

  const countPupils = async (organizationId: string, filter?: { division?: string }): Promise<number> => {
    const [row] = await db.select({ n: count() }).from(garRosterPupils).where(where(organizationId, filter?.division));
    return Number(row?.n ?? 0);
  };

  return {
    countPupils,
    async listDivisions(organizationId) {
      const rows = await db
        .selectDistinct({ division: garRosterPupils.division })
        .from(garRosterPupils)
        .where(where(organizationId))
        .orderBy(asc(garRosterPupils.division));
      return rows.map((r) => r.division);
    },
    async listPupils(organizationId, options) {
      return (await readPage({ organizationId }, options)).pupils;
    },
    async pageOfPupils(school, options) {
      const page = await readPage(school, options);
      if (page.pupils.length || options.offset === 0) return page;
      // Past the last page the window count has no row to ride on: count apart.
      const [row] = await db.select({ n: count() }).from(garRosterPupils).where(and(sql`${garRosterPupils.organizationId} = ${organizationIdOf(school)}`, eq(garRosterPupils.active, true), options.division ? eq(garRosterPupils.division, options.division) : undefined));
      return { total: Number(row?.n ?? 0), pupils: [] };
    },
  };

  /** A school's id, or the lookup of its UAI inside the statement (an unknown UAI is an empty school, no extra round trip). */
  function organizationIdOf(school: SchoolRef): SQL {
    return 'organizationId' in school ? sql`${school.organizationId}::uuid` : sql`(select o.id from organizations o where o.uai = ${school.uai.toUpperCase()})`;
  }

  /**
   * One statement per page: the page of the roster in reading order (an index-only scan of
   * `gar_roster_pupils_school_order`, with the filtered total as a window count), then, per pupil of the page,
   * her per-competence sums of current pix from `competence_pix_sums` (kept by PostgreSQL as elements are
   * appended: at most 16 rows by primary key, whatever her history), folded into one row per pupil. A page costs
   * one round trip and a hundred rows. The roster keeps the locale order people read.
   */
  async function readPage(school: SchoolRef, { limit, offset, division }: { limit: number; offset: number; division?: string }): Promise<{ total: number; pupils: PupilLevels[] }> {
    const { rows } = await db.execute<PageRow>(sql`
      with page as (
        select p.id, p.ine, p.siecle_eleve_id, p.last_name, p.first_name, p.birthdate::text as birthdate, p.division, p.user_id,
               count(*) over () as total
        from gar_roster_pupils p
        where p.organization_id = ${organizationIdOf(school)} and p.active ${division ? sql`and p.division = ${division}` : sql``}
        order by p.last_name, p.first_name, p.id
        limit ${limit} offset ${offset}
      )
      select page.*, sums.pix, sums.last_at
      from page
      left join lateral (
        select string_agg(s.competence_index || '=' || s.earned_pix::text, ';') as pix, max(s.last_at) as last_at
        from competence_pix_sums s
        where s.user_id = page.user_id
      ) sums on page.user_id is not null
      order by page.last_name, page.first_name, page.id`);
    const competenceIndexes = options.competenceIndexes();
    const pupils = rows.map((row): PupilLevels => {
      const earned = new Map<string, number>();
      for (const pair of row.pix ? row.pix.split(';') : []) {
        const [competenceIndex = '', pix = '0'] = pair.split('=');
        earned.set(competenceIndex, Number(pix));
      }
      const { levels, pixScore } = levelsFromEarnedPix({ earnedPixByCompetence: earned, competenceIndexes, maxReachableLevel: options.maxReachableLevel });
      return {
        rosterId: row.id,
        ine: row.ine,
        siecleEleveId: row.siecle_eleve_id,
        lastName: row.last_name,
        firstName: row.first_name,
        birthdate: row.birthdate,
        division: row.division,
        userId: row.user_id,
        levels,
        pixScore,
        lastChangedAt: row.last_at === null ? null : row.last_at instanceof Date ? row.last_at : new Date(row.last_at),
      };
    });
    return { total: Number(rows[0]?.total ?? 0), pupils };
  }
}

type PageRow = {
  id: string;
  ine: string;
  siecle_eleve_id: string | null;
  last_name: string;
  first_name: string;
  birthdate: string;
  division: string;
  user_id: string | null;
  total: string | number;
  /** "1.1=16;3.4=40": one short string rather than two arrays (the driver's array parser cost ~1 ms a page). */
  pix: string | null;
  last_at: string | Date | null;
};
