import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { nextScoreTimestamp, scoreBody, type ActivityResult, type ScoreBody } from '../domain/ags-score.ts';
import { ltiScoreOutbox } from './lti-schema.ts';

export interface OutboxEntry {
  id: number;
  resourceLinkId: string;
  userId: string;
  subject: string;
  score: ScoreBody;
  attempts: number;
  /** Null: the link's own column; else the tag of an extra column (`pix-competence-1.1`) and its label. */
  lineItemTag: string | null;
  lineItemLabel: string | null;
}

/** The newest score of a learner on one column of a resource link, as the grade-sync view shows it. */
export interface LatestScore {
  id: number;
  userId: string;
  resourceLinkId: string;
  lineItemTag: string | null;
  status: 'pending' | 'delivered' | 'superseded' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

export interface OutboxStatus {
  pending: number;
  inFlight: number;
  delivered: number;
  superseded: number;
  failed: number;
  oldestPendingAt: string | null;
  nextAttemptAt: string | null;
  recentErrors: Array<{ id: number; attempts: number; status: string; error: string; at: string }>;
}

/** The score outbox. `enqueue` takes the caller's transaction handle: the score commits with the result. */
export function createScoreOutboxRepository(db: Database) {
  return {
    /**
     * Adds a score; an older one for the same link and learner still waiting (and not being sent right now) is
     * superseded. The timestamp is strictly after the learner's previous one on this link.
     */
    async enqueue(input: {
      resourceLinkId: string;
      userId: string;
      subject: string;
      result: ActivityResult;
      now: Date;
      /** An extra column under the link (per-competence grade); absent for the link's own column. */
      lineItem?: { tag: string; label: string };
    }): Promise<number> {
      const tag = input.lineItem?.tag ?? null;
      const sameColumn = and(eq(ltiScoreOutbox.resourceLinkId, input.resourceLinkId), eq(ltiScoreOutbox.userId, input.userId), tag === null ? isNull(ltiScoreOutbox.lineItemTag) : eq(ltiScoreOutbox.lineItemTag, tag));
      const [previous] = await db
        .select({ timestamp: sql<string | null>`${ltiScoreOutbox.score}->>'timestamp'` })
        .from(ltiScoreOutbox)
        .where(sameColumn)
        .orderBy(desc(ltiScoreOutbox.id))
        .limit(1);
      const score = scoreBody(input.subject, input.result, nextScoreTimestamp(input.now, previous?.timestamp ?? null));
      await db
        .update(ltiScoreOutbox)
        .set({ status: 'superseded', lockedUntil: null })
        .where(
          and(
            sameColumn,
            eq(ltiScoreOutbox.status, 'pending'),
            or(isNull(ltiScoreOutbox.lockedUntil), lt(ltiScoreOutbox.lockedUntil, input.now)),
          ),
        );
      const [row] = await db
        .insert(ltiScoreOutbox)
        .values({
          resourceLinkId: input.resourceLinkId,
          userId: input.userId,
          subject: input.subject,
          lineItemTag: tag,
          lineItemLabel: input.lineItem?.label ?? null,
          score: { ...score },
          nextAttemptAt: input.now,
          createdAt: input.now,
        })
        .returning({ id: ltiScoreOutbox.id });
      if (!row) throw new Error('insert returned no row');
      return row.id;
    },

    /**
     * Takes up to `limit` due scores for this worker: `FOR UPDATE SKIP LOCKED` so concurrent workers never take
     * the same row, and a lease (`locked_until`) so no one takes it again while it is being sent.
     */
    async claimDue(input: { now: Date; leaseMs: number; limit: number }): Promise<OutboxEntry[]> {
      const leaseUntil = new Date(input.now.getTime() + input.leaseMs);
      const result = await db.execute<{
        id: string | number;
        resource_link_id: string;
        user_id: string;
        subject: string;
        score: ScoreBody;
        attempts: number;
        line_item_tag: string | null;
        line_item_label: string | null;
      }>(sql`
        update lti_score_outbox
           set locked_until = ${leaseUntil.toISOString()}::timestamptz, attempts = attempts + 1
         where id in (
           select id from lti_score_outbox
            where status = 'pending'
              and next_attempt_at <= ${input.now.toISOString()}::timestamptz
              and (locked_until is null or locked_until <= ${input.now.toISOString()}::timestamptz)
            order by next_attempt_at, id
            limit ${input.limit}
            for update skip locked)
        returning id, resource_link_id, user_id, subject, score, attempts, line_item_tag, line_item_label`);
      return result.rows
        .map((row) => ({
          id: Number(row.id),
          resourceLinkId: row.resource_link_id,
          userId: row.user_id,
          subject: row.subject,
          score: typeof row.score === 'string' ? (JSON.parse(row.score) as ScoreBody) : row.score,
          attempts: row.attempts,
          lineItemTag: row.line_item_tag,
          lineItemLabel: row.line_item_label,
        }))
        .sort((a, b) => a.id - b.id);
    },
    /**
     * For each learner and each column (link, tag) of these links, her newest score: what the gradebook has or
     * will have. One query for a whole campaign.
     */
    async latestOfLearners(userIds: readonly string[], resourceLinkIds: readonly string[]): Promise<LatestScore[]> {
      if (userIds.length === 0 || resourceLinkIds.length === 0) return [];
      return db
        .selectDistinctOn([ltiScoreOutbox.userId, ltiScoreOutbox.resourceLinkId, ltiScoreOutbox.lineItemTag], {
          id: ltiScoreOutbox.id,
          userId: ltiScoreOutbox.userId,
          resourceLinkId: ltiScoreOutbox.resourceLinkId,
          lineItemTag: ltiScoreOutbox.lineItemTag,
          status: ltiScoreOutbox.status,
          attempts: ltiScoreOutbox.attempts,
          lastError: ltiScoreOutbox.lastError,
          createdAt: ltiScoreOutbox.createdAt,
          deliveredAt: ltiScoreOutbox.deliveredAt,
        })
        .from(ltiScoreOutbox)
        .where(and(inArray(ltiScoreOutbox.userId, [...userIds]), inArray(ltiScoreOutbox.resourceLinkId, [...resourceLinkIds])))
        .orderBy(ltiScoreOutbox.userId, ltiScoreOutbox.resourceLinkId, ltiScoreOutbox.lineItemTag, desc(ltiScoreOutbox.id));
    },
    /** The stored score of one outbox entry and what it was for: a resend queues it again with a fresh timestamp. */
    async findById(id: number) {
      const [row] = await db
        .select({
          resourceLinkId: ltiScoreOutbox.resourceLinkId,
          userId: ltiScoreOutbox.userId,
          subject: ltiScoreOutbox.subject,
          lineItemTag: ltiScoreOutbox.lineItemTag,
          lineItemLabel: ltiScoreOutbox.lineItemLabel,
          score: ltiScoreOutbox.score,
        })
        .from(ltiScoreOutbox)
        .where(eq(ltiScoreOutbox.id, id));
      return row ? { ...row, score: row.score as unknown as ScoreBody } : null;
    },
    async markDelivered(id: number, now: Date): Promise<void> {
      await db.update(ltiScoreOutbox).set({ status: 'delivered', deliveredAt: now, lockedUntil: null, lastError: null }).where(eq(ltiScoreOutbox.id, id));
    },
    async markRetry(id: number, nextAttemptAt: Date, error: string): Promise<void> {
      await db.update(ltiScoreOutbox).set({ nextAttemptAt, lockedUntil: null, lastError: error.slice(0, 500) }).where(eq(ltiScoreOutbox.id, id));
    },
    async markFailed(id: number, error: string): Promise<void> {
      await db.update(ltiScoreOutbox).set({ status: 'failed', lockedUntil: null, lastError: error.slice(0, 500) }).where(eq(ltiScoreOutbox.id, id));
    },
    async status(now: Date): Promise<OutboxStatus> {
      const counts = await db.execute<{ status: string; in_flight: boolean; n: number }>(sql`
        select status::text as status, (locked_until is not null and locked_until > ${now.toISOString()}::timestamptz) as in_flight, count(*)::int as n
          from lti_score_outbox group by 1, 2`);
      const total = (status: string, inFlight?: boolean) =>
        counts.rows.filter((row) => row.status === status && (inFlight === undefined || row.in_flight === inFlight)).reduce((sum, row) => sum + Number(row.n), 0);
      const [times] = (
        await db.execute<{ oldest: string | Date | null; next: string | Date | null }>(sql`
          select min(created_at) as oldest, min(next_attempt_at) as next from lti_score_outbox where status = 'pending'`)
      ).rows;
      const errors = await db
        .select({ id: ltiScoreOutbox.id, attempts: ltiScoreOutbox.attempts, status: ltiScoreOutbox.status, error: ltiScoreOutbox.lastError, at: ltiScoreOutbox.nextAttemptAt })
        .from(ltiScoreOutbox)
        .where(and(sql`${ltiScoreOutbox.lastError} is not null`, or(eq(ltiScoreOutbox.status, 'pending'), eq(ltiScoreOutbox.status, 'failed'))))
        .orderBy(desc(ltiScoreOutbox.id))
        .limit(5);
      const iso = (value: string | Date | null | undefined) => (value ? new Date(value).toISOString() : null);
      return {
        pending: total('pending', false),
        inFlight: total('pending', true),
        delivered: total('delivered'),
        superseded: total('superseded'),
        failed: total('failed'),
        oldestPendingAt: iso(times?.oldest),
        nextAttemptAt: iso(times?.next),
        recentErrors: errors.map((e) => ({ id: e.id, attempts: e.attempts, status: e.status, error: e.error ?? '', at: e.at.toISOString() })),
      };
    },
  };
}
export type ScoreOutboxRepository = ReturnType<typeof createScoreOutboxRepository>;
