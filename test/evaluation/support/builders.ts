import type { Challenge, Referential } from '../../../tool/src/referential/domain/referential.ts';
import type { AdaptiveConfig } from '../../../tool/src/evaluation/domain/algorithms/adaptive/adaptive-config.ts';
import type { AnswerRecord, AnswerResult } from '../../../tool/src/evaluation/domain/models/answer-record.ts';
import type { Assessment, AssessmentMethod } from '../../../tool/src/evaluation/domain/models/assessment.ts';
import type { KnowledgeElement } from '../../../tool/src/evaluation/domain/models/knowledge-element.ts';
import { getNextChallenge } from '../../../tool/src/evaluation/domain/usecases/get-next-challenge.ts';
import { recordAnswer } from '../../../tool/src/evaluation/domain/usecases/record-answer.ts';

export const T0 = new Date('2026-03-02T09:00:00Z');

export function assessment(overrides: Partial<Assessment> = {}): Assessment {
  return {
    id: 'assessment-1',
    userId: 'user-1',
    type: 'COMPETENCE_EVALUATION',
    state: 'started',
    method: 'smart-random',
    competenceIndex: '1.1',
    targetSkillIds: null,
    isImproving: false,
    createdAt: T0,
    lastChallengeId: null,
    ...overrides,
  };
}

export function knowledgeElement(overrides: Partial<KnowledgeElement> & Pick<KnowledgeElement, 'skillId'>): KnowledgeElement {
  return {
    userId: 'user-1',
    assessmentId: 'assessment-1',
    answerId: 'answer-1',
    competenceIndex: '1.1',
    source: 'direct',
    status: 'validated',
    earnedPix: 0,
    createdAt: T0,
    ...overrides,
  };
}

export function answer(challenge: Pick<Challenge, 'id' | 'timer'>, result: AnswerResult, overrides: Partial<AnswerRecord> = {}): AnswerRecord {
  return {
    id: `answer-${challenge.id}`,
    assessmentId: 'assessment-1',
    challengeId: challenge.id,
    result,
    timed: challenge.timer !== undefined,
    createdAt: T0,
    ...overrides,
  };
}

export interface PlayedAssessment {
  assessment: Assessment;
  /** The épreuves asked, in order. */
  challenges: Challenge[];
  answers: AnswerRecord[];
  knowledgeElements: KnowledgeElement[];
}

/** Plays a whole assessment through the use cases (getNextChallenge, recordAnswer), answering with `respond`. */
export function playAssessment({
  referential,
  method,
  respond,
  seed = 'seed-1',
  competenceIndex = '1.1',
  targetSkillIds = null,
  adaptiveConfig,
  knowledgeElements: initial = [],
  isImproving = false,
  createdAt = T0,
  maxSteps = 100,
}: {
  referential: Referential;
  method: AssessmentMethod;
  respond: (challenge: Challenge, index: number) => AnswerResult;
  seed?: string;
  competenceIndex?: string | null;
  targetSkillIds?: string[] | null;
  adaptiveConfig?: Partial<AdaptiveConfig>;
  knowledgeElements?: KnowledgeElement[];
  isImproving?: boolean;
  createdAt?: Date;
  maxSteps?: number;
}): PlayedAssessment {
  let current = assessment({
    id: seed,
    method,
    competenceIndex,
    targetSkillIds,
    type: targetSkillIds ? 'CAMPAIGN' : 'COMPETENCE_EVALUATION',
    isImproving,
    createdAt,
  });
  const knowledgeElements = [...initial];
  const answers: AnswerRecord[] = [];
  const challenges: Challenge[] = [];
  for (let step = 0; step < maxSteps; step += 1) {
    const now = new Date(createdAt.getTime() + step * 60_000);
    const next = getNextChallenge({ assessment: current, referential, knowledgeElements, answers, now, adaptiveConfig });
    current = next.assessment;
    knowledgeElements.push(...next.knowledgeElements);
    if (!next.challenge) break;
    challenges.push(next.challenge);
    const given = answer(next.challenge, respond(next.challenge, step), { id: `${seed}-${step}`, assessmentId: current.id, createdAt: now });
    const recorded = recordAnswer({ assessment: current, answer: given, previousAnswers: answers, referential, knowledgeElements, now });
    answers.push(given);
    knowledgeElements.push(...recorded.knowledgeElements);
  }
  return { assessment: current, challenges, answers, knowledgeElements };
}
