import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from '../../identity/infrastructure/identity-schema.ts';

/** Assessments, answers and knowledge elements: what a pupil did and what it proves. */

export const assessmentType = pgEnum('assessment_type', ['COMPETENCE_EVALUATION', 'CAMPAIGN']);
export const assessmentState = pgEnum('assessment_state', ['started', 'completed', 'aborted']);
export const assessmentMethod = pgEnum('assessment_method', ['adaptive', 'smart-random']);
export const knowledgeElementSource = pgEnum('knowledge_element_source', ['direct', 'inferred']);
export const knowledgeElementStatus = pgEnum('knowledge_element_status', ['validated', 'invalidated', 'reset']);

export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    type: assessmentType('type').notNull(),
    /** Competence evaluations only. */
    competenceIndex: text('competence_index'),
    /** Campaign assessments only (the campaigns context owns the participation). */
    campaignParticipationId: uuid('campaign_participation_id'),
    method: assessmentMethod('method').notNull(),
    state: assessmentState('state').notNull().default('started'),
    /** Seed of the challenge choice: the same assessment always replays the same way. */
    seed: text('seed').notNull(),
    /** Improving: invalidated knowledge older than 4 days is forgotten so the skills can be tried again. */
    isImproving: boolean('is_improving').notNull().default(false),
    /** How many checkpoints (every 5 answers) the pupil has gone past. */
    checkpointsSeen: integer('checkpoints_seen').notNull().default(0),
    /** The challenge shown and not yet answered, and when it was first shown (timers resume from it). */
    currentChallengeId: text('current_challenge_id'),
    currentChallengeAskedAt: timestamp('current_challenge_asked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [index('assessments_user_competence').on(t.userId, t.competenceIndex, t.createdAt), index('assessments_participation').on(t.campaignParticipationId)],
);

export const answers = pgTable(
  'answers',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    challengeId: text('challenge_id').notNull(),
    /** What the pupil sent, as sent (bounded by the validator). */
    value: jsonb('value').$type<unknown>(),
    result: text('result').notNull(),
    resultDetails: jsonb('result_details').$type<Record<string, boolean> | null>(),
    timedOut: boolean('timed_out').notNull().default(false),
    focusedOut: boolean('focused_out').notNull().default(false),
    timeSpentSeconds: integer('time_spent_seconds'),
    /** The level-up this answer caused, returned again if the same answer is re-submitted. */
    levelUp: jsonb('level_up').$type<{ competenceIndex: string; level: number } | null>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // One answer per challenge and assessment: a retried or concurrent submit finds the first one.
  (t) => [uniqueIndex('answers_assessment_challenge').on(t.assessmentId, t.challengeId)],
);

/** Append-only: the current knowledge of a skill is its latest element; `reset` makes it unknown again. */
export const knowledgeElements = pgTable(
  'knowledge_elements',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    assessmentId: uuid('assessment_id').references(() => assessments.id, { onDelete: 'set null' }),
    answerId: uuid('answer_id').references(() => answers.id, { onDelete: 'set null' }),
    skillId: text('skill_id').notNull(),
    competenceIndex: text('competence_index').notNull(),
    source: knowledgeElementSource('source').notNull(),
    status: knowledgeElementStatus('status').notNull(),
    earnedPix: doublePrecision('earned_pix').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('knowledge_elements_user').on(t.userId, t.competenceIndex, t.createdAt),
    // A learner's latest element of a skill in one index probe: what the competence_pix_sums trigger replaces
    // (migration 0012). Skill and competence are bytewise ("C"): only ever compared for equality.
    index('knowledge_elements_current').on(
      t.userId,
      sql`${t.skillId} collate "C"`,
      t.createdAt.desc(),
      t.id.desc(),
      sql`${t.competenceIndex} collate "C"`,
      t.status,
      t.earnedPix,
    ),
  ],
);

/**
 * Read model kept by PostgreSQL itself (statement trigger of migration 0012, as knowledge elements are appended): per learner
 * and competence, the sum of the pix of her current elements (latest per skill; `reset` ones count for nothing)
 * and when the latest current one was recorded. A school's levels page reads 16 rows per pupil from here instead
 * of every element she ever got. The scorecard stays the definition: the livret turns these sums into levels
 * through the same scoring rule, and a test checks the sums against the elements.
 */
export const competencePixSums = pgTable(
  'competence_pix_sums',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    competenceIndex: text('competence_index').notNull(),
    earnedPix: doublePrecision('earned_pix').notNull(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.competenceIndex] })],
);
