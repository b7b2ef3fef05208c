import { DAYS_BEFORE_IMPROVING } from '../evaluation-rules.ts';
import type { KnowledgeElement } from '../models/knowledge-element.ts';
import { parisCalendarDaysBetween } from '../paris-calendar.ts';

/**
 * Improving (« retenter ») an assessment: failures at least `delayInDays` old are forgotten so their acquis can
 * be tested again; validated KEs always stay (upstream `filterKnowledgeElementsIfImproving`). The reference date is
 * the improving assessment's creation date, as upstream.
 */
export function forgetOldFailures({
  knowledgeElements,
  referenceDate,
  delayInDays = DAYS_BEFORE_IMPROVING,
}: {
  knowledgeElements: readonly KnowledgeElement[];
  referenceDate: Date;
  delayInDays?: number;
}): KnowledgeElement[] {
  return knowledgeElements.filter(
    (ke) => ke.status === 'validated' || parisCalendarDaysBetween(ke.createdAt, referenceDate) < delayInDays,
  );
}
