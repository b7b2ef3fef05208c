import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import type { AnswerResult } from '../domain/models/answer-record.ts';
import { answers } from './evaluation-schema.ts';

export interface StoredAnswer {
  id: string;
  assessmentId: string;
  challengeId: string;
  value: unknown;
  result: AnswerResult;
  resultDetails: Record<string, boolean> | null;
  timedOut: boolean;
  focusedOut: boolean;
  levelUp: { competenceIndex: string; level: number } | null;
  createdAt: Date;
}

const columns = {
  id: answers.id,
  assessmentId: answers.assessmentId,
  challengeId: answers.challengeId,
  value: answers.value,
  result: answers.result,
  resultDetails: answers.resultDetails,
  timedOut: answers.timedOut,
  focusedOut: answers.focusedOut,
  levelUp: answers.levelUp,
  createdAt: answers.createdAt,
};

function toStored(row: Omit<StoredAnswer, 'result'> & { result: string }): StoredAnswer {
  return { ...row, result: row.result as AnswerResult };
}

export function createAnswerRepository(db: Database) {
  return {
    async listByAssessment(assessmentId: string): Promise<StoredAnswer[]> {
      const rows = await db.select(columns).from(answers).where(eq(answers.assessmentId, assessmentId)).orderBy(asc(answers.createdAt), asc(answers.id));
      return rows.map(toStored);
    },
    /** Null when an answer for this challenge already exists (the unique index decides, even under concurrency). */
    async insertIfAbsent(input: Omit<StoredAnswer, 'id'> & { timeSpentSeconds: number | null }): Promise<StoredAnswer | null> {
      const [row] = await db.insert(answers).values(input).onConflictDoNothing().returning(columns);
      return row ? toStored(row) : null;
    },
    async setLevelUp(id: string, levelUp: { competenceIndex: string; level: number }): Promise<void> {
      await db.update(answers).set({ levelUp }).where(eq(answers.id, id));
    },
  };
}
export type AnswerRepository = ReturnType<typeof createAnswerRepository>;
