import type { Challenge, Referential } from '../../../referential/domain/referential.ts';
import type { AnswerRecord } from '../models/answer-record.ts';
import type { Assessment } from '../models/assessment.ts';
import type { KnowledgeElement } from '../models/knowledge-element.ts';
import { DEFAULT_ADAPTIVE_CONFIG, type AdaptiveConfig } from './adaptive/adaptive-config.ts';
import { selectWithAdaptive } from './adaptive/adaptive.ts';
import { buildSelectionContext } from './selection-context.ts';
import { selectWithSmartRandom } from './smart-random/smart-random.ts';

export interface SelectNextChallengeInput {
  /** Its `method` chooses the algorithm; its id seeds the draws unless `seed` is given. */
  assessment: Assessment;
  referential: Referential;
  /**
   * The learner's knowledge elements, oldest first (competence evaluation: all of the learner's; campaign: those
   * of the participation). Only current KEs on target acquis count; acquis with one are not asked again.
   */
  knowledgeElements: readonly KnowledgeElement[];
  /** This assessment's answers, oldest first. */
  answers: readonly AnswerRecord[];
  /** Date of the KEs settled at the end. */
  now: Date;
  seed?: string;
  /** Acceptable épreuve locales, preferred first; any locale when absent. */
  locales?: readonly string[];
  /** Overrides of the adaptive engine's parameters (tests, tuning). */
  adaptiveConfig?: Partial<AdaptiveConfig>;
}

export type NextChallenge =
  | {
      ended: false;
      challenge: Challenge;
      /** The algorithm's current estimate: smart random's predicted level, or the adaptive EAP for the competence. */
      estimatedLevel: number;
    }
  | {
      ended: true;
      /**
       * KEs to append before completing the assessment: the acquis the adaptive estimate settles (empty for smart
       * random). The scorecard built from all KEs is then the result, whatever the method.
       */
      inferredKnowledgeElements: KnowledgeElement[];
    };

/** The one entry point of both algorithms: the next épreuve of an assessment, or its end. Pure and deterministic. */
export function selectNextChallenge(input: SelectNextChallengeInput): NextChallenge {
  const context = buildSelectionContext(input);
  if (input.assessment.method === 'smart-random') {
    const outcome = selectWithSmartRandom(context);
    return outcome.ended
      ? { ended: true, inferredKnowledgeElements: [] }
      : { ended: false, challenge: outcome.challenge, estimatedLevel: outcome.predictedLevel };
  }
  // The default object itself keeps the engine's caches warm (they are keyed by configuration identity).
  const config = input.adaptiveConfig ? { ...DEFAULT_ADAPTIVE_CONFIG, ...input.adaptiveConfig } : DEFAULT_ADAPTIVE_CONFIG;
  const outcome = selectWithAdaptive(context, config);
  return outcome.ended
    ? { ended: true, inferredKnowledgeElements: outcome.settledKnowledgeElements }
    : { ended: false, challenge: outcome.challenge, estimatedLevel: outcome.estimate.level };
}
