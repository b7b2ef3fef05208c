import type { Referential } from '../../../referential/domain/referential.ts';
import { targetSkillsOf } from '../algorithms/selection-context.ts';
import { AssessmentNotStartedError, ChallengeAlreadyAnsweredError, ChallengeNotAskedError, UnknownChallengeError } from '../errors.ts';
import { inferKnowledgeElements } from '../knowledge-elements/infer-knowledge-elements.ts';
import type { AnswerRecord } from '../models/answer-record.ts';
import type { Assessment } from '../models/assessment.ts';
import type { KnowledgeElement } from '../models/knowledge-element.ts';
import { scoreCompetence } from '../scoring/competence-score.ts';

export interface RecordAnswerInput {
  assessment: Assessment;
  /** The corrected answer (referential/domain/answer-validation gives its result). */
  answer: AnswerRecord;
  /** This assessment's earlier answers. */
  previousAnswers: readonly AnswerRecord[];
  referential: Referential;
  /** All the learner's KEs, oldest first, to measure the level before and after. */
  knowledgeElements: readonly KnowledgeElement[];
  now: Date;
  maxReachableLevel?: number;
}

export interface RecordAnswerResult {
  /** KEs to append: direct and inferred along the tube (§2.2). */
  knowledgeElements: KnowledgeElement[];
  /** Reported with the answer when the competence's scorecard level went up. */
  levelUp: { competenceIndex: string; level: number } | null;
}

/** Records a corrected answer: its knowledge elements and the level-up it brings, if any. */
export function recordAnswer(input: RecordAnswerInput): RecordAnswerResult {
  const { assessment, answer, referential, knowledgeElements, now, maxReachableLevel } = input;
  if (assessment.state !== 'started') throw new AssessmentNotStartedError(assessment.id);
  if (answer.challengeId !== assessment.lastChallengeId) throw new ChallengeNotAskedError(answer.challengeId);
  if (input.previousAnswers.some((previous) => previous.challengeId === answer.challengeId)) {
    throw new ChallengeAlreadyAnsweredError(answer.challengeId);
  }
  const challenge = referential.challenges.get(answer.challengeId);
  if (!challenge) throw new UnknownChallengeError(answer.challengeId);

  const created = inferKnowledgeElements({
    answer,
    challenge,
    referential,
    targetSkillIds: new Set(targetSkillsOf(assessment, referential).map((skill) => skill.id)),
    assessmentKnowledgeElements: knowledgeElements.filter((ke) => ke.assessmentId === assessment.id),
    userId: assessment.userId,
    now,
  });
  const { competenceIndex } = challenge;
  const before = scoreCompetence({ knowledgeElements, competenceIndex, maxReachableLevel }).level;
  const after = scoreCompetence({ knowledgeElements: [...knowledgeElements, ...created], competenceIndex, maxReachableLevel }).level;
  return { knowledgeElements: created, levelUp: after > before ? { competenceIndex, level: after } : null };
}
