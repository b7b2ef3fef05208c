import type { Challenge } from '../../../referential/domain/referential.ts';
import { selectNextChallenge, type SelectNextChallengeInput } from '../algorithms/select-next-challenge.ts';
import { AssessmentNotStartedError } from '../errors.ts';
import type { Assessment } from '../models/assessment.ts';
import type { KnowledgeElement } from '../models/knowledge-element.ts';

export interface GetNextChallengeResult {
  /** The assessment to save: the épreuve asked, or completed. */
  assessment: Assessment;
  /** Null once the assessment is completed. */
  challenge: Challenge | null;
  /** KEs to append (the acquis settled at the end of an adaptive assessment). */
  knowledgeElements: KnowledgeElement[];
}

/**
 * Next step of an assessment: the épreuve still unanswered if there is one (a reload must not skip it),
 * otherwise the algorithm's choice; at the end, the assessment is completed with its settled KEs.
 */
export function getNextChallenge(input: SelectNextChallengeInput): GetNextChallengeResult {
  const { assessment, answers, referential } = input;
  if (assessment.state !== 'started') throw new AssessmentNotStartedError(assessment.id);
  const pending = assessment.lastChallengeId;
  if (pending !== null && !answers.some((answer) => answer.challengeId === pending)) {
    const challenge = referential.challenges.get(pending);
    if (challenge) return { assessment, challenge, knowledgeElements: [] };
  }
  const next = selectNextChallenge(input);
  if (next.ended) {
    return { assessment: { ...assessment, state: 'completed' }, challenge: null, knowledgeElements: next.inferredKnowledgeElements };
  }
  return { assessment: { ...assessment, lastChallengeId: next.challenge.id }, challenge: next.challenge, knowledgeElements: [] };
}
