import type { KnowledgeElement } from '../models/knowledge-element.ts';

/**
 * What the learner knows now: per skill, the most recent KE, skills whose latest KE is `reset` left out
 * (upstream `toLatestUniqNonResetCollection`). Equal dates: the later in the list wins, as lists are append-only.
 */
export function currentKnowledgeElements(knowledgeElements: readonly KnowledgeElement[]): KnowledgeElement[] {
  const latest = new Map<string, KnowledgeElement>();
  for (const ke of knowledgeElements) {
    const known = latest.get(ke.skillId);
    if (!known || ke.createdAt.getTime() >= known.createdAt.getTime()) latest.set(ke.skillId, ke);
  }
  return [...latest.values()].filter((ke) => ke.status !== 'reset');
}
