import type { Referential } from '../../referential/domain/referential.ts';
import type { AdaptiveConfig } from '../domain/algorithms/adaptive/adaptive-config.ts';
import { isTimed } from '../domain/algorithms/selection-context.ts';
import type { AnswerRecord } from '../domain/models/answer-record.ts';
import type { Assessment, AssessmentMethod } from '../domain/models/assessment.ts';
import type { KnowledgeElement } from '../domain/models/knowledge-element.ts';
import { createRandom } from '../domain/random/seeded-random.ts';
import { scoreCompetence } from '../domain/scoring/competence-score.ts';
import { getNextChallenge } from '../domain/usecases/get-next-challenge.ts';
import { recordAnswer } from '../domain/usecases/record-answer.ts';
import { successProbability, type SimulatedLearner } from './response-model.ts';

/** Guard against an algorithm that never ends: far above any sensible competence evaluation. */
const MAX_STEPS = 200;
const SECONDS_PER_ANSWER = 30;

export interface SimulatedAssessment {
  challengeIds: string[];
  /** The scorecard level at the end, read from the KEs like everywhere else. */
  placedLevel: number;
  /** Wall time of each selection (getNextChallenge call). */
  selectionDurationsMs: number[];
  /** CPU time of each selection, when a CPU clock is given (a busy machine inflates wall time, not this). */
  selectionCpuDurationsMs: number[];
}

/**
 * One competence evaluation of one simulated learner, through the same use cases as a real one
 * (getNextChallenge, recordAnswer) and scored by the same scorecard rule. A learner's outcome on a given épreuve is
 * drawn from (seed, learner, épreuve) only, so both methods face the same learner.
 */
export function simulateCompetenceEvaluation({
  referential,
  learner,
  competenceIndex,
  method,
  seed,
  startDate,
  maxReachableLevel,
  adaptiveConfig,
  timer,
  cpuTimer,
}: {
  referential: Referential;
  learner: SimulatedLearner;
  competenceIndex: string;
  method: AssessmentMethod;
  seed: string;
  startDate: Date;
  maxReachableLevel?: number;
  adaptiveConfig?: Partial<AdaptiveConfig>;
  /** Milliseconds, for the selection time; with cpuTimer, the only impure inputs. */
  timer?: () => number;
  cpuTimer?: () => number;
}): SimulatedAssessment {
  let assessment: Assessment = {
    id: `${seed}:${learner.id}:${competenceIndex}:${method}`,
    userId: learner.id,
    type: 'COMPETENCE_EVALUATION',
    state: 'started',
    method,
    competenceIndex,
    targetSkillIds: null,
    isImproving: false,
    createdAt: startDate,
    lastChallengeId: null,
  };
  const knowledgeElements: KnowledgeElement[] = [];
  const answers: AnswerRecord[] = [];
  const selectionDurationsMs: number[] = [];
  const selectionCpuDurationsMs: number[] = [];

  for (let step = 0; step < MAX_STEPS && assessment.state === 'started'; step += 1) {
    const now = new Date(startDate.getTime() + step * SECONDS_PER_ANSWER * 1000);
    const cpuStarted = cpuTimer?.() ?? 0;
    const started = timer?.() ?? 0;
    const next = getNextChallenge({ assessment, referential, knowledgeElements, answers, now, adaptiveConfig });
    selectionDurationsMs.push((timer?.() ?? 0) - started);
    if (cpuTimer) selectionCpuDurationsMs.push(cpuTimer() - cpuStarted);
    assessment = next.assessment;
    knowledgeElements.push(...next.knowledgeElements);
    if (!next.challenge) break;

    const draw = createRandom(`${seed}:${learner.id}:${next.challenge.id}`)();
    const answer: AnswerRecord = {
      id: `${assessment.id}:${answers.length}`,
      assessmentId: assessment.id,
      challengeId: next.challenge.id,
      result: draw < successProbability(next.challenge, learner) ? 'ok' : 'ko',
      timed: isTimed(next.challenge),
      createdAt: now,
    };
    const recorded = recordAnswer({ assessment, answer, previousAnswers: answers, referential, knowledgeElements, now, maxReachableLevel });
    answers.push(answer);
    knowledgeElements.push(...recorded.knowledgeElements);
  }
  return {
    challengeIds: answers.map((answer) => answer.challengeId),
    placedLevel: scoreCompetence({ knowledgeElements, competenceIndex, maxReachableLevel }).level,
    selectionDurationsMs,
    selectionCpuDurationsMs,
  };
}
