import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import type { KnowledgeElement } from '../domain/models/knowledge-element.ts';
import type { StoredAnswer } from './answer-repository.ts';
import type { StoredAssessment } from './assessment-repository.ts';

/**
 * The answer path in two round trips (a pupil's answer is the tool's most frequent write): one read of the
 * assessment with its answers and knowledge, one statement that writes the answer, its knowledge elements and the
 * assessment's next step atomically. Written in plain SQL because query building cost more CPU than PostgreSQL
 * itself on this path (measured with `bench answers`).
 */

export const ASSESSMENT_COLUMNS = sql`a.id, a.user_id, a.organization_id, a.type, a.competence_index, a.campaign_participation_id, a.method, a.state,
  a.seed, a.is_improving, a.checkpoints_seen, a.current_challenge_id, a.current_challenge_asked_at, a.created_at, a.completed_at`;

export type AssessmentRow = {
  id: string;
  user_id: string;
  organization_id: string | null;
  type: StoredAssessment['type'];
  competence_index: string | null;
  campaign_participation_id: string | null;
  method: StoredAssessment['method'];
  state: StoredAssessment['state'];
  seed: string;
  is_improving: boolean;
  checkpoints_seen: number;
  current_challenge_id: string | null;
  current_challenge_asked_at: Date | string | null;
  created_at: Date | string;
  completed_at: Date | string | null;
};

/** Both drivers give Date for timestamptz columns; values inside json aggregates come as text. */
export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

export function toStoredAssessment(row: AssessmentRow): StoredAssessment {
  return {
    id: row.id,
    userId: row.user_id,
    organizationId: row.organization_id,
    type: row.type,
    competenceIndex: row.competence_index,
    campaignParticipationId: row.campaign_participation_id,
    method: row.method,
    state: row.state,
    seed: row.seed,
    isImproving: row.is_improving,
    checkpointsSeen: row.checkpoints_seen,
    currentChallengeId: row.current_challenge_id,
    currentChallengeAskedAt: row.current_challenge_asked_at === null ? null : toDate(row.current_challenge_asked_at),
    createdAt: toDate(row.created_at),
    completedAt: row.completed_at === null ? null : toDate(row.completed_at),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AnswerPathState {
  stored: StoredAssessment;
  answers: StoredAnswer[];
  /** The owner's knowledge elements, oldest first: of the assessment's competence for a competence evaluation, all otherwise. */
  knowledgeElements: KnowledgeElement[];
}

/** An answer as the JSON aggregate gives it: timestamps as text. */
type AnswerJson = Omit<StoredAnswer, 'assessmentId' | 'createdAt'> & { createdAt: string };

type KnowledgeElementJson = Omit<KnowledgeElement, 'userId' | 'assessmentId' | 'createdAt'> & { assessmentId: string | null; createdAt: string };

/** The knowledge elements of `k` (knowledge_elements) matching `where`, oldest first, as one JSON array. */
export function knowledgeJson(where: SQL): SQL {
  return sql`(select coalesce(json_agg(json_build_object('assessmentId', k.assessment_id, 'answerId', k.answer_id, 'skillId', k.skill_id,
      'competenceIndex', k.competence_index, 'source', k.source, 'status', k.status, 'earnedPix', k.earned_pix,
      'createdAt', k.created_at) order by k.created_at, k.id), '[]'::json)
    from knowledge_elements k where ${where})`;
}

export function fromKnowledgeJson(rows: readonly KnowledgeElementJson[], userId: string): KnowledgeElement[] {
  return rows.map((ke) => ({ ...ke, userId, assessmentId: ke.assessmentId ?? '', createdAt: toDate(ke.createdAt) }));
}

/** The assessment, its answers and its owner's knowledge in one round trip; null when the id is unknown or malformed. */
export async function readAnswerPathState(db: Database, assessmentId: string): Promise<AnswerPathState | null> {
  if (!UUID.test(assessmentId)) return null;
  const { rows } = await db.execute<AssessmentRow & { answers: AnswerJson[]; knowledge: KnowledgeElementJson[] }>(sql`
    select ${ASSESSMENT_COLUMNS},
      (select coalesce(json_agg(json_build_object('id', w.id, 'challengeId', w.challenge_id, 'value', w.value, 'result', w.result,
          'resultDetails', w.result_details, 'timedOut', w.timed_out, 'focusedOut', w.focused_out, 'levelUp', w.level_up,
          'createdAt', w.created_at) order by w.created_at, w.id), '[]'::json)
        from answers w where w.assessment_id = a.id) as answers,
      -- Two branches rather than one OR: a competence evaluation then reads its competence's elements through the
      -- index on (user, competence), not every element of the pupil (CASE runs only the branch it takes).
      case when a.type = 'COMPETENCE_EVALUATION' and a.competence_index is not null
        then ${knowledgeJson(sql`k.user_id = a.user_id and k.competence_index = a.competence_index`)}
        else ${knowledgeJson(sql`k.user_id = a.user_id`)} end as knowledge
    from assessments a where a.id = ${assessmentId}`);
  const row = rows[0];
  if (!row) return null;
  const stored = toStoredAssessment(row);
  return {
    stored,
    answers: row.answers.map((answer) => ({ ...answer, assessmentId: stored.id, createdAt: toDate(answer.createdAt) })),
    knowledgeElements: fromKnowledgeJson(row.knowledge, stored.userId),
  };
}

/** The assessment and how many answers it has, in one round trip (what the widget needs after a reload). */
export async function readAssessmentWithAnswerCount(db: Database, assessmentId: string): Promise<{ stored: StoredAssessment; answeredCount: number } | null> {
  if (!UUID.test(assessmentId)) return null;
  const { rows } = await db.execute<AssessmentRow & { answered: number | string }>(sql`
    select ${ASSESSMENT_COLUMNS}, (select count(*) from answers w where w.assessment_id = a.id)::int as answered
    from assessments a where a.id = ${assessmentId}`);
  const row = rows[0];
  return row ? { stored: toStoredAssessment(row), answeredCount: Number(row.answered) } : null;
}

/**
 * Goes past checkpoint number `checkpoint` in one statement: the next épreuve, chosen with the answer, is shown
 * now, so its timer starts now. Null when the checkpoint was already passed (a concurrent "Continuer" got there
 * first: only one of them restarts the timer).
 */
export async function passCheckpoint(db: Database, input: { assessmentId: string; checkpoint: number; now: Date }): Promise<StoredAssessment | null> {
  const { rows } = await db.execute<AssessmentRow>(sql`
    update assessments a set
      checkpoints_seen = ${input.checkpoint}::int,
      current_challenge_asked_at = case when a.state = 'started' and a.current_challenge_id is not null then ${input.now}::timestamptz else a.current_challenge_asked_at end,
      updated_at = ${input.now}::timestamptz
    where a.id = ${input.assessmentId} and a.checkpoints_seen < ${input.checkpoint}::int
    returning ${ASSESSMENT_COLUMNS}`);
  return rows[0] ? toStoredAssessment(rows[0]) : null;
}

export interface AnswerOutcome {
  assessmentId: string;
  /** The épreuve answered: the write only happens if it is still the assessment's current one. */
  challengeId: string;
  answer: Omit<StoredAnswer, 'assessmentId'> & { timeSpentSeconds: number };
  knowledgeElements: readonly KnowledgeElement[];
  /** The next épreuve, or the end of the assessment. */
  next: { challengeId: string } | { completed: true };
  now: Date;
}

/**
 * Writes an answer's whole outcome in one statement, or nothing: the assessment only moves on if it is still
 * started on this épreuve (the row lock taken by the update makes a concurrent submit wait, then find it moved),
 * the answer only goes in if the assessment moved, and the knowledge elements only if the answer went in. So two
 * concurrent submits of one answer cannot both count, without a lock held between the read and this write.
 * Returns false when nothing was written (another submit won); the unique index on (assessment, challenge) is the
 * last guard and makes the whole statement fail rather than move the assessment without its answer.
 */
export async function writeAnswerOutcome(db: Database, outcome: AnswerOutcome): Promise<boolean> {
  const { answer, now } = outcome;
  const completed = 'completed' in outcome.next;
  const nextChallengeId = 'challengeId' in outcome.next ? outcome.next.challengeId : null;
  const knowledge = JSON.stringify(
    outcome.knowledgeElements.map((ke) => ({
      user_id: ke.userId,
      assessment_id: ke.assessmentId || null,
      answer_id: ke.answerId,
      skill_id: ke.skillId,
      competence_index: ke.competenceIndex,
      source: ke.source,
      status: ke.status,
      earned_pix: ke.earnedPix,
      created_at: ke.createdAt.toISOString(),
    })),
  );
  const { rows } = await db.execute<{ written: number }>(sql`
    with moved as (
      update assessments set
        state = case when ${completed}::boolean then 'completed'::assessment_state else state end,
        current_challenge_id = ${nextChallengeId},
        current_challenge_asked_at = case when ${completed}::boolean then null else ${now}::timestamptz end,
        completed_at = case when ${completed}::boolean then ${now}::timestamptz else completed_at end,
        updated_at = ${now}::timestamptz
      where id = ${outcome.assessmentId} and state = 'started' and current_challenge_id = ${outcome.challengeId}
      returning id
    ), answered as (
      insert into answers (id, assessment_id, challenge_id, value, result, result_details, timed_out, focused_out, time_spent_seconds, level_up, created_at)
      select ${answer.id}::uuid, moved.id, ${answer.challengeId}, ${answer.value === null ? null : JSON.stringify(answer.value)}::jsonb, ${answer.result},
        ${answer.resultDetails === null ? null : JSON.stringify(answer.resultDetails)}::jsonb, ${answer.timedOut}, ${answer.focusedOut},
        ${answer.timeSpentSeconds}::int, ${answer.levelUp === null ? null : JSON.stringify(answer.levelUp)}::jsonb, ${answer.createdAt}::timestamptz
      from moved
      returning id
    ), known as (
      insert into knowledge_elements (user_id, assessment_id, answer_id, skill_id, competence_index, source, status, earned_pix, created_at)
      select k.user_id, k.assessment_id, k.answer_id, k.skill_id, k.competence_index, k.source, k.status, k.earned_pix, k.created_at
      from answered cross join jsonb_to_recordset(${knowledge}::jsonb) as k(user_id uuid, assessment_id uuid, answer_id uuid, skill_id text,
        competence_index text, source knowledge_element_source, status knowledge_element_status, earned_pix double precision, created_at timestamptz)
      returning 1
    )
    select (select count(*) from answered)::int as written`);
  return Number(rows[0]?.written ?? 0) === 1;
}
