import { CompetenceResetNotAllowedError } from '../errors.ts';
import type { KnowledgeElement } from '../models/knowledge-element.ts';
import { resetKnowledgeElements } from '../scorecard/reset-knowledge-elements.ts';
import { buildScorecard, type CompetenceEvaluationSummary } from '../scorecard/scorecard.ts';

export interface ResetCompetenceResult {
  /** `reset` KEs to append. */
  knowledgeElements: KnowledgeElement[];
  /** Acquis reset: unshared campaign assessments targeting one of them must be restarted by the caller. */
  resetSkillIds: string[];
}

/** Reset a competence once 7 Paris calendar days passed since its last KE (§2.4); the competence evaluation becomes `reset`. */
export function resetCompetence({
  competenceIndex,
  knowledgeElements,
  competenceEvaluation,
  now,
}: {
  competenceIndex: string;
  knowledgeElements: readonly KnowledgeElement[];
  competenceEvaluation: CompetenceEvaluationSummary | null;
  now: Date;
}): ResetCompetenceResult {
  const scorecard = buildScorecard({ competenceIndex, knowledgeElements, competenceEvaluation, now });
  if (!scorecard.isResettable) throw new CompetenceResetNotAllowedError(competenceIndex);
  const reset = resetKnowledgeElements({ knowledgeElements, competenceIndex, now });
  return { knowledgeElements: reset, resetSkillIds: reset.map((ke) => ke.skillId) };
}
