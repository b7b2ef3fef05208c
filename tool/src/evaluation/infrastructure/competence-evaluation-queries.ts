import { sql } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import type { KnowledgeElement } from '../domain/models/knowledge-element.ts';
import type { AssessmentMethod } from '../domain/models/assessment.ts';
import { ASSESSMENT_COLUMNS, fromKnowledgeJson, knowledgeJson, toStoredAssessment, type AssessmentRow } from './answer-path-queries.ts';
import type { StoredAssessment } from './assessment-repository.ts';

/**
 * Starting or resuming a competence evaluation — what every LTI launch on a competence does — in one read and at
 * most one write.
 */

export interface CompetenceEvaluationStart {
  /** The latest competence evaluation of this competence, with how many answers it has. */
  latest: { stored: StoredAssessment; answeredCount: number } | null;
  /** The user's knowledge elements of this competence, oldest first. */
  knowledgeElements: KnowledgeElement[];
}

export async function readCompetenceEvaluationStart(db: Database, userId: string, competenceIndex: string): Promise<CompetenceEvaluationStart> {
  const { rows } = await db.execute<{ latest: (AssessmentRow & { answered: number }) | null; knowledge: Parameters<typeof fromKnowledgeJson>[0] }>(sql`
    select
      (select row_to_json(t) from (
        select ${ASSESSMENT_COLUMNS}, (select count(*) from answers w where w.assessment_id = a.id)::int as answered
        from assessments a
        where a.user_id = ${userId} and a.type = 'COMPETENCE_EVALUATION' and a.competence_index = ${competenceIndex}
        order by a.created_at desc limit 1) t) as latest,
      ${knowledgeJson(sql`k.user_id = ${userId} and k.competence_index = ${competenceIndex}`)} as knowledge`);
  const row = rows[0];
  const latest = row?.latest ?? null;
  return {
    latest: latest ? { stored: toStoredAssessment(latest), answeredCount: Number(latest.answered) } : null,
    knowledgeElements: fromKnowledgeJson(row?.knowledge ?? [], userId),
  };
}

/**
 * Inserts a started competence evaluation already showing its first épreuve, unless one was started on this
 * competence since the read (another tab): then returns null and the caller resumes that one.
 */
export async function insertStartedCompetenceEvaluation(
  db: Database,
  input: {
    id: string;
    userId: string;
    organizationId: string | null;
    competenceIndex: string;
    method: AssessmentMethod;
    seed: string;
    isImproving: boolean;
    firstChallengeId: string;
    now: Date;
  },
): Promise<StoredAssessment | null> {
  const { rows } = await db.execute<AssessmentRow>(sql`
    insert into assessments as a (id, user_id, organization_id, type, competence_index, method, state, seed, is_improving,
      current_challenge_id, current_challenge_asked_at, created_at, updated_at)
    select ${input.id}::uuid, ${input.userId}::uuid, ${input.organizationId}::uuid, 'COMPETENCE_EVALUATION', ${input.competenceIndex},
      ${input.method}::assessment_method, 'started', ${input.seed}, ${input.isImproving}, ${input.firstChallengeId}, ${input.now}::timestamptz,
      ${input.now}::timestamptz, ${input.now}::timestamptz
    where not exists (
      select 1 from assessments s where s.user_id = ${input.userId}::uuid and s.type = 'COMPETENCE_EVALUATION'
        and s.competence_index = ${input.competenceIndex} and s.state = 'started')
    returning ${ASSESSMENT_COLUMNS}`);
  return rows[0] ? toStoredAssessment(rows[0]) : null;
}
