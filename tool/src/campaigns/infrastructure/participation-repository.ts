import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { classes, classMembers, users } from '../../identity/infrastructure/identity-schema.ts';
import { assessments } from '../../evaluation/infrastructure/evaluation-schema.ts';
import { campaignParticipations, type CompetenceResultsRow } from './campaigns-schema.ts';
import { isUuid } from './campaign-repository.ts';

export type StoredParticipation = typeof campaignParticipations.$inferSelect;

/** Whether a participation's frozen results are in its campaign's shared totals (shared-totals-repository.ts). */
export function countsInSharedTotals(p: Pick<StoredParticipation, 'status' | 'isImproved' | 'deletedAt' | 'competenceResults'>): boolean {
  return p.status === 'SHARED' && !p.isImproved && p.deletedAt === null && p.competenceResults !== null;
}

/** A participation as the dashboard and the export read it: names and class joined. */
export interface ParticipationListRow {
  id: string;
  userId: string | null;
  firstName: string;
  lastName: string;
  className: string | null;
  participantExternalId: string | null;
  status: StoredParticipation['status'];
  createdAt: Date;
  sharedAt: Date | null;
  masteryRate: number | null;
  validatedSkillsCount: number | null;
  results: CompetenceResultsRow | null;
}

/** Participations. Pass a transaction handle to work inside one. */
export function createParticipationRepository(db: Database) {
  return {
    async insert(values: { campaignId: string; userId: string; participantExternalId: string | null; status: StoredParticipation['status']; now: Date }): Promise<StoredParticipation> {
      const [row] = await db
        .insert(campaignParticipations)
        .values({ campaignId: values.campaignId, userId: values.userId, participantExternalId: values.participantExternalId, status: values.status, createdAt: values.now })
        .returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },
    async findById(id: string): Promise<StoredParticipation | null> {
      if (!isUuid(id)) return null;
      const [row] = await db.select().from(campaignParticipations).where(eq(campaignParticipations.id, id));
      return row ?? null;
    },
    async lockById(id: string): Promise<StoredParticipation | null> {
      if (!isUuid(id)) return null;
      const [row] = await db.select().from(campaignParticipations).where(eq(campaignParticipations.id, id)).for('update');
      return row ?? null;
    },
    /** The pupil's current participation in a campaign. */
    async findCurrent(campaignId: string, userId: string): Promise<StoredParticipation | null> {
      const [row] = await db
        .select()
        .from(campaignParticipations)
        .where(and(eq(campaignParticipations.campaignId, campaignId), eq(campaignParticipations.userId, userId), eq(campaignParticipations.isImproved, false), isNull(campaignParticipations.deletedAt)));
      return row ?? null;
    },
    async listCurrentOfUser(userId: string): Promise<StoredParticipation[]> {
      return db
        .select()
        .from(campaignParticipations)
        .where(and(eq(campaignParticipations.userId, userId), eq(campaignParticipations.isImproved, false), isNull(campaignParticipations.deletedAt)))
        .orderBy(asc(campaignParticipations.createdAt));
    },
    async update(id: string, values: Partial<typeof campaignParticipations.$inferInsert>): Promise<void> {
      await db.update(campaignParticipations).set(values).where(eq(campaignParticipations.id, id));
    },
    /** The latest campaign assessment of a participation. */
    /**
     * Her latest assessment of the participation, and whether she answered anything in it (start or resume). The
     * column is written out: inside a select list drizzle names it "id" unqualified, which the subquery would read
     * as the answer's id.
     */
    async latestAssessment(participationId: string): Promise<{ id: string; state: 'started' | 'completed' | 'aborted'; answered: boolean } | null> {
      const [row] = await db
        .select({ id: assessments.id, state: assessments.state, answered: sql<boolean>`exists (select 1 from answers w where w.assessment_id = "assessments"."id")` })
        .from(assessments)
        .where(eq(assessments.campaignParticipationId, participationId))
        .orderBy(sql`${assessments.createdAt} desc`)
        .limit(1);
      return row ?? null;
    },
    /**
     * Every current participation of a campaign with the participant's names and class (the first class of the
     * campaign's organization she belongs to, by label): one query, for the dashboard and the export.
     */
    async listForCampaign(campaignId: string, organizationId: string, withResults = true): Promise<ParticipationListRow[]> {
      const result = await db.execute<{
        id: string;
        user_id: string | null;
        first_name: string | null;
        last_name: string | null;
        class_name: string | null;
        participant_external_id: string | null;
        status: StoredParticipation['status'];
        created_at: string | Date;
        shared_at: string | Date | null;
        mastery_rate: number | null;
        validated_skills_count: number | null;
        competence_results: CompetenceResultsRow | string | null;
      }>(sql`
        select p.id, p.user_id, u.first_name, u.last_name, p.participant_external_id, p.status, p.created_at, p.shared_at,
               p.mastery_rate, p.validated_skills_count, ${withResults ? sql`p.competence_results` : sql`null::jsonb as competence_results`},
               cls.label as class_name
        from ${campaignParticipations} p
        left join ${users} u on u.id = p.user_id
        -- One hash join on the organization's class members rather than a sub-query per participation.
        left join (select distinct on (cm.user_id) cm.user_id, c.label
                   from ${classMembers} cm join ${classes} c on c.id = cm.class_id
                   where c.organization_id = ${organizationId} and c.archived_at is null
                   order by cm.user_id, c.label) cls on cls.user_id = p.user_id
        where p.campaign_id = ${campaignId} and p.is_improved = false and p.deleted_at is null
        order by u.last_name, u.first_name, p.created_at`);
      return result.rows.map((r) => ({
        id: r.id,
        userId: r.user_id,
        firstName: r.first_name ?? '',
        lastName: r.last_name ?? '',
        className: r.class_name,
        participantExternalId: r.participant_external_id,
        status: r.status,
        createdAt: new Date(r.created_at),
        sharedAt: r.shared_at === null ? null : new Date(r.shared_at),
        masteryRate: r.mastery_rate === null ? null : Number(r.mastery_rate),
        validatedSkillsCount: r.validated_skills_count,
        results: typeof r.competence_results === 'string' ? (JSON.parse(r.competence_results) as CompetenceResultsRow) : r.competence_results,
      }));
    },
    /**
     * Skills tested so far per current STARTED participation of a campaign (progress), from the participants'
     * knowledge elements. By campaign id, so it runs alongside the participation list.
     */
    async testedSkillCounts(campaignId: string, skillIds: readonly string[]): Promise<Map<string, number>> {
      if (skillIds.length === 0) return new Map();
      const result = await db.execute<{ id: string; tested: number }>(sql`
        select p.id, count(distinct ke.skill_id)::int as tested
        from ${campaignParticipations} p
        join knowledge_elements ke on ke.user_id = p.user_id
        where p.campaign_id = ${campaignId} and p.status = 'STARTED' and p.is_improved = false and p.deleted_at is null
          and ke.skill_id in (${sql.join(skillIds.map((id) => sql`${id}`), sql`, `)})
          and ke.status <> 'reset'
        group by p.id`);
      return new Map(result.rows.map((r) => [r.id, Number(r.tested)]));
    },
    /** Pupils of a class who have no current participation in the campaign. */
    async classPupilsNotStarted(campaignId: string, classId: string): Promise<Array<{ firstName: string; lastName: string; className: string }>> {
      const result = await db.execute<{ first_name: string; last_name: string; label: string }>(sql`
        select u.first_name, u.last_name, c.label
        from ${classMembers} cm join ${classes} c on c.id = cm.class_id join ${users} u on u.id = cm.user_id
        where cm.class_id = ${classId} and cm.role = 'PUPIL'
          and not exists (select 1 from ${campaignParticipations} p where p.campaign_id = ${campaignId} and p.user_id = cm.user_id
                          and p.is_improved = false and p.deleted_at is null)
        order by u.last_name, u.first_name`);
      return result.rows.map((r) => ({ firstName: r.first_name, lastName: r.last_name, className: r.label }));
    },
  };
}
export type ParticipationRepository = ReturnType<typeof createParticipationRepository>;
