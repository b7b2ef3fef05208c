import { DEFAULT_MAX_REACHABLE_LEVEL, PIX_COUNT_BY_LEVEL } from '../evaluation-rules.ts';
import { currentKnowledgeElements } from '../knowledge-elements/current-knowledge-elements.ts';
import type { KnowledgeElement } from '../models/knowledge-element.ts';

export interface CompetenceScore {
  /** Σ earnedPix of the current KEs of the competence; fractional (pix values like 8/3). */
  exactlyEarnedPix: number;
  /** floor(exactlyEarnedPix), capped at maxReachableLevel × 8. */
  pixScore: number;
  /** floor(exactlyEarnedPix ÷ 8), capped at maxReachableLevel: the one definition of a level. */
  level: number;
}

/** Float sums such as 6 × (8 ÷ 6) land on 7.999…; a level boundary reached must count as reached. */
const EPSILON = 1e-9;

/** Score and level of one competence from the learner's knowledge elements (§2.3). */
export function scoreCompetence({
  knowledgeElements,
  competenceIndex,
  maxReachableLevel = DEFAULT_MAX_REACHABLE_LEVEL,
}: {
  /** Any KEs of the learner: only the current ones of this competence count. */
  knowledgeElements: readonly KnowledgeElement[];
  competenceIndex: string;
  maxReachableLevel?: number;
}): CompetenceScore {
  const exactlyEarnedPix = currentKnowledgeElements(knowledgeElements.filter((ke) => ke.competenceIndex === competenceIndex))
    .reduce((sum, ke) => sum + ke.earnedPix, 0);
  return scoreEarnedPix(exactlyEarnedPix, maxReachableLevel);
}

/** Score and level from the sum of a competence's current pix (read models that sum in SQL use this directly). */
export function scoreEarnedPix(exactlyEarnedPix: number, maxReachableLevel: number = DEFAULT_MAX_REACHABLE_LEVEL): CompetenceScore {
  const pixScore = Math.min(Math.floor(exactlyEarnedPix + EPSILON), maxReachableLevel * PIX_COUNT_BY_LEVEL);
  const level = Math.min(Math.floor(exactlyEarnedPix / PIX_COUNT_BY_LEVEL + EPSILON), maxReachableLevel);
  return { exactlyEarnedPix, pixScore, level };
}

/** Total Pix score: Σ of the capped per-competence pix scores. */
export function totalPixScore({
  knowledgeElements,
  competenceIndexes,
  maxReachableLevel = DEFAULT_MAX_REACHABLE_LEVEL,
}: {
  knowledgeElements: readonly KnowledgeElement[];
  competenceIndexes: Iterable<string>;
  maxReachableLevel?: number;
}): number {
  let total = 0;
  for (const competenceIndex of competenceIndexes) {
    total += scoreCompetence({ knowledgeElements, competenceIndex, maxReachableLevel }).pixScore;
  }
  return total;
}
