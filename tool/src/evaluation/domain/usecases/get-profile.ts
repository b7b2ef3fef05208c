import type { Referential } from '../../../referential/domain/referential.ts';
import { DEFAULT_MAX_REACHABLE_LEVEL } from '../evaluation-rules.ts';
import type { KnowledgeElement } from '../models/knowledge-element.ts';
import { buildScorecard, type CompetenceEvaluationSummary, type Scorecard } from '../scorecard/scorecard.ts';

export interface Profile {
  /** One per competence of the referential, in referential order. */
  scorecards: Scorecard[];
  /** Σ of the capped pix scores. */
  totalPixScore: number;
  maxReachableLevel: number;
}

/** The learner's profile: 16 scorecards and the total Pix score, all read from knowledge elements. */
export function getProfile({
  referential,
  knowledgeElements,
  competenceEvaluations,
  now,
  maxReachableLevel = DEFAULT_MAX_REACHABLE_LEVEL,
}: {
  referential: Referential;
  knowledgeElements: readonly KnowledgeElement[];
  /** By competence index. */
  competenceEvaluations: ReadonlyMap<string, CompetenceEvaluationSummary>;
  now: Date;
  maxReachableLevel?: number;
}): Profile {
  const scorecards = [...referential.competences.keys()].map((competenceIndex) =>
    buildScorecard({
      competenceIndex,
      knowledgeElements,
      competenceEvaluation: competenceEvaluations.get(competenceIndex) ?? null,
      now,
      maxReachableLevel,
    }),
  );
  return { scorecards, totalPixScore: scorecards.reduce((sum, s) => sum + s.pixScore, 0), maxReachableLevel };
}
