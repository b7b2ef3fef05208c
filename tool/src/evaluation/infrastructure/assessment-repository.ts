import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import type { AssessmentMethod, AssessmentState, AssessmentType } from '../domain/models/assessment.ts';
import { assessments } from './evaluation-schema.ts';

export interface StoredAssessment {
  id: string;
  userId: string;
  organizationId: string | null;
  type: AssessmentType;
  competenceIndex: string | null;
  campaignParticipationId: string | null;
  method: AssessmentMethod;
  state: AssessmentState;
  seed: string;
  isImproving: boolean;
  checkpointsSeen: number;
  currentChallengeId: string | null;
  currentChallengeAskedAt: Date | null;
  createdAt: Date;
  completedAt: Date | null;
}

const columns = {
  id: assessments.id,
  userId: assessments.userId,
  organizationId: assessments.organizationId,
  type: assessments.type,
  competenceIndex: assessments.competenceIndex,
  campaignParticipationId: assessments.campaignParticipationId,
  method: assessments.method,
  state: assessments.state,
  seed: assessments.seed,
  isImproving: assessments.isImproving,
  checkpointsSeen: assessments.checkpointsSeen,
  currentChallengeId: assessments.currentChallengeId,
  currentChallengeAskedAt: assessments.currentChallengeAskedAt,
  createdAt: assessments.createdAt,
  completedAt: assessments.completedAt,
};

/** Pass a transaction handle to use it inside one (PGlite deadlocks if a transaction's queries use the global handle). */
export function createAssessmentRepository(db: Database) {
  return {
    async create(input: {
      userId: string;
      organizationId: string | null;
      type: AssessmentType;
      competenceIndex: string | null;
      campaignParticipationId?: string | null;
      method: AssessmentMethod;
      seed: string;
      isImproving: boolean;
      now: Date;
    }): Promise<StoredAssessment> {
      const [row] = await db
        .insert(assessments)
        .values({
          userId: input.userId,
          organizationId: input.organizationId,
          type: input.type,
          competenceIndex: input.competenceIndex,
          campaignParticipationId: input.campaignParticipationId ?? null,
          method: input.method,
          seed: input.seed,
          isImproving: input.isImproving,
          createdAt: input.now,
          updatedAt: input.now,
        })
        .returning(columns);
      if (!row) throw new Error('insert returned no row');
      return row;
    },
    async findById(id: string): Promise<StoredAssessment | null> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const [row] = await db.select(columns).from(assessments).where(eq(assessments.id, id));
      return row ?? null;
    },
    /** Locks the row until the transaction ends: answers to one assessment are corrected one at a time. */
    async lockById(id: string): Promise<StoredAssessment | null> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const [row] = await db.select(columns).from(assessments).where(eq(assessments.id, id)).for('update');
      return row ?? null;
    },
    /** Every competence evaluation of a user, newest first (the profile reads the latest per competence). */
    async listCompetenceEvaluations(userId: string): Promise<StoredAssessment[]> {
      return db
        .select(columns)
        .from(assessments)
        .where(and(eq(assessments.userId, userId), eq(assessments.type, 'COMPETENCE_EVALUATION')))
        .orderBy(desc(assessments.createdAt));
    },
    async setCurrentChallenge(id: string, challengeId: string, askedAt: Date): Promise<void> {
      await db.update(assessments).set({ currentChallengeId: challengeId, currentChallengeAskedAt: askedAt, updatedAt: askedAt }).where(eq(assessments.id, id));
    },
    async complete(id: string, at: Date): Promise<void> {
      await db
        .update(assessments)
        .set({ state: 'completed', currentChallengeId: null, currentChallengeAskedAt: null, completedAt: at, updatedAt: at })
        .where(eq(assessments.id, id));
    },
    async abort(id: string, at: Date): Promise<void> {
      await db.update(assessments).set({ state: 'aborted', currentChallengeId: null, updatedAt: at }).where(eq(assessments.id, id));
    },
    /** Moves past the checkpoint of `count` answers; repeated calls for the same checkpoint change nothing. */
  };
}
export type AssessmentRepository = ReturnType<typeof createAssessmentRepository>;
