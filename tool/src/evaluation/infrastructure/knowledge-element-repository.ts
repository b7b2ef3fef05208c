import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import type { KnowledgeElement } from '../domain/models/knowledge-element.ts';
import { knowledgeElements } from './evaluation-schema.ts';

const columns = {
  userId: knowledgeElements.userId,
  assessmentId: knowledgeElements.assessmentId,
  answerId: knowledgeElements.answerId,
  skillId: knowledgeElements.skillId,
  competenceIndex: knowledgeElements.competenceIndex,
  source: knowledgeElements.source,
  status: knowledgeElements.status,
  earnedPix: knowledgeElements.earnedPix,
  createdAt: knowledgeElements.createdAt,
};

/** Append-only store: knowledge elements are only ever inserted, oldest first when read. */
export function createKnowledgeElementRepository(db: Database) {
  return {
    async listByUser(userId: string, competenceIndex?: string): Promise<KnowledgeElement[]> {
      const where = competenceIndex
        ? and(eq(knowledgeElements.userId, userId), eq(knowledgeElements.competenceIndex, competenceIndex))
        : eq(knowledgeElements.userId, userId);
      const rows = await db.select(columns).from(knowledgeElements).where(where).orderBy(asc(knowledgeElements.createdAt), asc(knowledgeElements.id));
      return rows.map((row) => ({ ...row, assessmentId: row.assessmentId ?? '' }));
    },
    /**
     * The knowledge elements of many learners, oldest first per learner, in one query per 1,000 learners (a
     * teacher's view of a whole school must not cost a query per pupil).
     */
    async listByUsers(userIds: readonly string[]): Promise<Map<string, KnowledgeElement[]>> {
      const byUser = new Map<string, KnowledgeElement[]>();
      const unique = [...new Set(userIds)];
      for (let i = 0; i < unique.length; i += 1000) {
        const rows = await db
          .select(columns)
          .from(knowledgeElements)
          .where(inArray(knowledgeElements.userId, unique.slice(i, i + 1000)))
          .orderBy(asc(knowledgeElements.createdAt), asc(knowledgeElements.id));
        for (const row of rows) {
          const list = byUser.get(row.userId) ?? [];
          list.push({ ...row, assessmentId: row.assessmentId ?? '' });
          byUser.set(row.userId, list);
        }
      }
      return byUser;
    },
    async append(elements: readonly KnowledgeElement[]): Promise<void> {
      if (elements.length === 0) return;
      await db.insert(knowledgeElements).values(elements.map((e) => ({ ...e, assessmentId: e.assessmentId || null })));
    },
  };
}
export type KnowledgeElementRepository = ReturnType<typeof createKnowledgeElementRepository>;
