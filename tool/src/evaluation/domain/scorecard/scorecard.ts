import {
  DAYS_BEFORE_IMPROVING,
  DAYS_BEFORE_RESET,
  DEFAULT_MAX_REACHABLE_LEVEL,
  PIX_COUNT_BY_LEVEL,
} from '../evaluation-rules.ts';
import { currentKnowledgeElements } from '../knowledge-elements/current-knowledge-elements.ts';
import type { AssessmentState } from '../models/assessment.ts';
import type { KnowledgeElement } from '../models/knowledge-element.ts';
import { parisCalendarDaysBetween } from '../paris-calendar.ts';
import { scoreCompetence } from '../scoring/competence-score.ts';

export type ScorecardStatus = 'NOT_STARTED' | 'STARTED' | 'COMPLETED';

/** The learner's competence evaluation, if any: `reset` once the competence was reset. */
export interface CompetenceEvaluationSummary {
  status: 'started' | 'reset';
  assessmentState: AssessmentState;
}

export interface Scorecard {
  competenceIndex: string;
  status: ScorecardStatus;
  level: number;
  pixScore: number;
  exactlyEarnedPix: number;
  pixAheadOfNextLevel: number;
  remainingPixToNextLevel: number;
  /** 0–100 */
  percentageAheadOfNextLevel: number;
  isMaxLevel: boolean;
  /** Null while the competence has no knowledge element. */
  remainingDaysBeforeReset: number | null;
  remainingDaysBeforeImproving: number | null;
  isResettable: boolean;
  isImprovable: boolean;
}

export interface BuildScorecardInput {
  competenceIndex: string;
  /** Any KEs of the learner (other competences and superseded KEs are ignored). */
  knowledgeElements: readonly KnowledgeElement[];
  competenceEvaluation: CompetenceEvaluationSummary | null;
  now: Date;
  maxReachableLevel?: number;
}

/** One competence of the learner's profile (§2.4): level and pix from KEs, delays in Paris calendar days. */
export function buildScorecard(input: BuildScorecardInput): Scorecard {
  const { competenceIndex, competenceEvaluation, now } = input;
  const maxReachableLevel = input.maxReachableLevel ?? DEFAULT_MAX_REACHABLE_LEVEL;
  const current = currentKnowledgeElements(input.knowledgeElements.filter((ke) => ke.competenceIndex === competenceIndex));
  const { exactlyEarnedPix, pixScore, level } = scoreCompetence({ knowledgeElements: current, competenceIndex, maxReachableLevel });

  const status = scorecardStatus(competenceEvaluation, current.length > 0);
  const lastMove = current.reduce<number | null>((last, ke) => Math.max(last ?? -Infinity, ke.createdAt.getTime()), null);
  const daysSinceLastMove = lastMove === null ? null : parisCalendarDaysBetween(new Date(lastMove), now);
  const remaining = (delay: number) => (daysSinceLastMove === null ? null : Math.max(0, delay - daysSinceLastMove));
  const remainingDaysBeforeReset = remaining(DAYS_BEFORE_RESET);
  const remainingDaysBeforeImproving = remaining(DAYS_BEFORE_IMPROVING);

  const pixAheadOfNextLevel = pixScore % PIX_COUNT_BY_LEVEL;
  const isMaxLevel = level >= maxReachableLevel;
  return {
    competenceIndex,
    status,
    level,
    pixScore,
    exactlyEarnedPix,
    pixAheadOfNextLevel,
    remainingPixToNextLevel: PIX_COUNT_BY_LEVEL - pixAheadOfNextLevel,
    percentageAheadOfNextLevel: (pixAheadOfNextLevel / PIX_COUNT_BY_LEVEL) * 100,
    isMaxLevel,
    remainingDaysBeforeReset,
    remainingDaysBeforeImproving,
    isResettable: status !== 'NOT_STARTED' && remainingDaysBeforeReset === 0,
    isImprovable: status === 'COMPLETED' && !isMaxLevel && remainingDaysBeforeImproving === 0,
  };
}

function scorecardStatus(evaluation: CompetenceEvaluationSummary | null, hasKnowledge: boolean): ScorecardStatus {
  if (!evaluation || evaluation.status === 'reset') return hasKnowledge ? 'STARTED' : 'NOT_STARTED';
  return evaluation.assessmentState === 'completed' ? 'COMPLETED' : 'STARTED';
}
