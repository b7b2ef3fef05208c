import { currentKnowledgeElements } from '../knowledge-elements/current-knowledge-elements.ts';
import type { KnowledgeElement } from '../models/knowledge-element.ts';

/** A `reset` KE (0 pix) over every current KE of the competence: the acquis become unknown again (§2.4). */
export function resetKnowledgeElements({
  knowledgeElements,
  competenceIndex,
  now,
}: {
  knowledgeElements: readonly KnowledgeElement[];
  competenceIndex: string;
  now: Date;
}): KnowledgeElement[] {
  return currentKnowledgeElements(knowledgeElements.filter((ke) => ke.competenceIndex === competenceIndex)).map((ke) => ({
    ...ke,
    answerId: null,
    status: 'reset',
    earnedPix: 0,
    createdAt: now,
  }));
}
