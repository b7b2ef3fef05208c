import type { Challenge, Referential } from '../../referential/domain/referential.ts';
import type { AnswerRecord, AnswerResult } from '../../evaluation/domain/models/answer-record.ts';
import type { AssessmentMethod } from '../../evaluation/domain/models/assessment.ts';
import type { KnowledgeElement } from '../../evaluation/domain/models/knowledge-element.ts';
import { isTimed } from '../../evaluation/domain/algorithms/selection-context.ts';
import { getNextChallenge } from '../../evaluation/domain/usecases/get-next-challenge.ts';
import { recordAnswer } from '../../evaluation/domain/usecases/record-answer.ts';

/**
 * A teacher's pupil preview of a campaign. It lives only in this state (carried by the client in a signed token,
 * application/preview-token.ts): no assessment, answer, knowledge element or participation row is ever written,
 * so nothing of it reaches her profile, the campaign's results or the LMS gradebooks. The preview pupil starts
 * with an empty profile: the engine replays her preview answers only.
 */
export interface PreviewState {
  campaignId: string;
  userId: string;
  seed: string;
  /** Epoch ms. */
  startedAt: number;
  answers: PreviewAnswer[];
  /** The épreuve on screen; null once finished. */
  current: string | null;
  checkpointsSeen: number;
  completed: boolean;
}

export interface PreviewAnswer {
  challengeId: string;
  result: AnswerResult;
  /** Epoch ms. */
  at: number;
  /** What was typed or picked, for the checkpoint's "your answer". */
  value: unknown;
}

export interface PreviewSetting {
  skillIds: readonly string[];
  method: AssessmentMethod;
  referential: Referential;
}

const PREVIEW_ASSESSMENT_ID = 'preview';

function assessmentOf(state: PreviewState, setting: PreviewSetting, lastChallengeId: string | null) {
  return {
    id: PREVIEW_ASSESSMENT_ID,
    userId: state.userId,
    type: 'CAMPAIGN' as const,
    state: 'started' as const,
    method: setting.method,
    competenceIndex: null,
    targetSkillIds: setting.skillIds,
    isImproving: false,
    createdAt: new Date(state.startedAt),
    lastChallengeId,
  };
}

function answerRecords(answers: readonly PreviewAnswer[], referential: Referential): AnswerRecord[] {
  return answers.map((a, i) => {
    const challenge = referential.challenges.get(a.challengeId);
    return { id: `preview-${i}`, assessmentId: PREVIEW_ASSESSMENT_ID, challengeId: a.challengeId, result: a.result, timed: challenge ? isTimed(challenge) : false, createdAt: new Date(a.at) };
  });
}

/** The knowledge the preview answers give, replayed answer by answer exactly as the answer endpoint records it. */
export function replayKnowledge(state: PreviewState, setting: PreviewSetting): KnowledgeElement[] {
  const records = answerRecords(state.answers, setting.referential);
  const knowledge: KnowledgeElement[] = [];
  records.forEach((answer, i) => {
    const recorded = recordAnswer({
      assessment: assessmentOf(state, setting, answer.challengeId),
      answer,
      previousAnswers: records.slice(0, i),
      referential: setting.referential,
      knowledgeElements: knowledge,
      now: answer.createdAt,
    });
    knowledge.push(...recorded.knowledgeElements);
  });
  return knowledge;
}

/** The engine's next step on the preview: the next épreuve, or the end with the knowledge it settles. */
export function nextStep(state: PreviewState, setting: PreviewSetting, now: Date): { challenge: Challenge | null; knowledge: KnowledgeElement[] } {
  const knowledge = replayKnowledge(state, setting);
  const next = getNextChallenge({
    assessment: assessmentOf(state, setting, state.answers.at(-1)?.challengeId ?? null),
    referential: setting.referential,
    knowledgeElements: knowledge,
    answers: answerRecords(state.answers, setting.referential),
    now,
    seed: state.seed,
  });
  return { challenge: next.challenge, knowledge: [...knowledge, ...next.knowledgeElements] };
}

/** A fresh preview on its first épreuve (completed at once when the campaign has nothing left to ask). */
export function startPreview(input: { campaignId: string; userId: string; seed: string; now: Date }, setting: PreviewSetting): PreviewState {
  const state: PreviewState = { campaignId: input.campaignId, userId: input.userId, seed: input.seed, startedAt: input.now.getTime(), answers: [], current: null, checkpointsSeen: 0, completed: false };
  const { challenge } = nextStep(state, setting, input.now);
  return { ...state, current: challenge?.id ?? null, completed: challenge === null };
}

/** The answer to the épreuve on screen: recorded in the state, then the engine picks the next one or ends. */
export function answerPreview(state: PreviewState, answer: { challengeId: string; result: AnswerResult; value: unknown }, setting: PreviewSetting, now: Date): PreviewState {
  const answered: PreviewState = { ...state, answers: [...state.answers, { ...answer, at: now.getTime() }] };
  const { challenge } = nextStep(answered, setting, now);
  return { ...answered, current: challenge?.id ?? null, completed: challenge === null };
}

/** Same rhythm as the pupil's assessments: a checkpoint after every 5 answers, and one at the end. */
export function previewCheckpointDue(state: PreviewState): boolean {
  const answered = state.answers.length;
  if (answered === 0) return false;
  if (state.completed) return state.checkpointsSeen < Math.ceil(answered / 5);
  return answered % 5 === 0 && state.checkpointsSeen < answered / 5;
}

/** "Continuer" after a checkpoint. */
export function continuePreview(state: PreviewState): PreviewState {
  return previewCheckpointDue(state) ? { ...state, checkpointsSeen: Math.ceil(state.answers.length / 5) } : state;
}

/** The answers of the series the checkpoint shows (up to 5). */
export function checkpointSeries(state: PreviewState): PreviewAnswer[] {
  const start = Math.max(0, Math.min(state.checkpointsSeen * 5, state.answers.length - 1));
  return state.answers.slice(start, start + 5);
}
