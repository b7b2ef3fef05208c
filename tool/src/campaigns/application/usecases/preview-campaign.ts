import { z } from 'zod';
import type { CampaignPreviewView } from '../../../shared/api-contract/campaigns.ts';
import { badRequest } from '../../../shared/domain/errors.ts';
import { AnswerValidationError, SKIPPED_ANSWER, validateAnswer } from '../../../referential/domain/answer-validation/index.ts';
import type { AnswerStatus } from '../../../referential/domain/answer-validation/types.ts';
import { challengeLang, presentChallenge } from '../../../evaluation/application/present-challenge.ts';
import { formatExpectedAnswer, formatGivenAnswer } from '../../../evaluation/application/format-answer.ts';
import { proposalOrder, toWrittenPositions } from '../../../evaluation/domain/proposal-order.ts';
import { campaignErrors } from '../../domain/campaign-errors.ts';
import { answerPreview, checkpointSeries, continuePreview, nextStep, previewCheckpointDue, startPreview, type PreviewSetting, type PreviewState } from '../../domain/campaign-preview.ts';
import { computeParticipationResults, displayedMasteryRate } from '../../domain/participation-results.ts';
import { reachedStage } from '../../domain/stages.ts';
import type { StoredCampaign } from '../../infrastructure/campaign-repository.ts';
import { loadTeacherCampaign } from '../access.ts';
import type { CampaignActor, CampaignsDeps } from '../campaigns-deps.ts';
import { openPreview, sealPreview } from '../preview-token.ts';
import { presentCompetences, tutorialLinks } from '../present.ts';

const tokenSchema = z.object({ token: z.string().min(1).max(60_000) }).strict();
export const previewAnswerSchema = z
  .object({
    token: z.string().min(1).max(60_000),
    challengeId: z.string().min(1).max(200),
    value: z.unknown().optional(),
    skipped: z.boolean().optional(),
  })
  .strict();

/**
 * The teacher's pupil preview: the campaign's adaptive questions, checkpoints and results, computed from a state
 * the client carries (signed). Reads the campaign only: nothing is written, so no participation, no knowledge
 * element in her profile, no grade in the LTI outbox.
 */
export async function startCampaignPreview(deps: CampaignsDeps, actor: CampaignActor, campaignId: string): Promise<CampaignPreviewView> {
  const campaign = await previewableCampaign(deps, actor, campaignId);
  const state = startPreview({ campaignId: campaign.id, userId: actor.userId, seed: deps.evaluation.newSeed(), now: deps.clock.now() }, setting(deps, campaign));
  return present(deps, actor, campaign, state, null);
}

export async function answerCampaignPreview(deps: CampaignsDeps, actor: CampaignActor, campaignId: string, body: unknown): Promise<CampaignPreviewView> {
  const input = previewAnswerSchema.parse(body);
  const campaign = await previewableCampaign(deps, actor, campaignId);
  const now = deps.clock.now();
  const state = openPreview(deps.previewKey, input.token, { userId: actor.userId, campaignId: campaign.id, now });
  if (state.completed || previewCheckpointDue(state) || state.current !== input.challengeId) {
    throw badRequest('CHALLENGE_NOT_ASKED', 'Cette question n’est pas la question en cours.');
  }
  const challenge = deps.referential().challenges.get(input.challengeId);
  if (!challenge) throw badRequest('CHALLENGE_NOT_ASKED', 'Cette question n’est pas la question en cours.');
  // No timer in a preview: the teacher reads the épreuve at her pace, so nothing is ever "timed out".
  let result: AnswerStatus = 'aband';
  // The preview shows the proposals in its own order, as an assessment does: back to written positions.
  const given = toWrittenPositions(challenge.type, input.value, proposalOrder(challenge, state.seed));
  if (input.skipped !== true) {
    try {
      result = validateAnswer(challenge.solution, { value: given ?? SKIPPED_ANSWER, timedOut: false, focusedOut: false }).status;
    } catch (error) {
      if (error instanceof AnswerValidationError) throw badRequest(error.code, 'Réponse illisible : vérifiez ce que vous avez saisi.');
      throw error;
    }
  }
  const value = input.skipped === true ? null : (given ?? null);
  const next = answerPreview(state, { challengeId: challenge.id, result, value }, setting(deps, campaign), now);
  return present(deps, actor, campaign, next, result);
}

export async function continueCampaignPreview(deps: CampaignsDeps, actor: CampaignActor, campaignId: string, body: unknown): Promise<CampaignPreviewView> {
  const input = tokenSchema.parse(body);
  const campaign = await previewableCampaign(deps, actor, campaignId);
  const state = openPreview(deps.previewKey, input.token, { userId: actor.userId, campaignId: campaign.id, now: deps.clock.now() });
  return present(deps, actor, campaign, continuePreview(state), null);
}

async function previewableCampaign(deps: CampaignsDeps, actor: CampaignActor, campaignId: string): Promise<StoredCampaign> {
  const { campaign } = await loadTeacherCampaign(deps, deps.db, actor, campaignId);
  if (campaign.type !== 'ASSESSMENT') throw campaignErrors.invalid('Une collecte de profils n’a pas de questions à prévisualiser.');
  return campaign;
}

function setting(deps: CampaignsDeps, campaign: StoredCampaign): PreviewSetting {
  return { skillIds: campaign.skillIds, method: deps.evaluation.defaultMethod, referential: deps.referential() };
}

function present(deps: CampaignsDeps, actor: CampaignActor, campaign: StoredCampaign, state: PreviewState, lastResult: AnswerStatus | null): CampaignPreviewView {
  const referential = deps.referential();
  const due = previewCheckpointDue(state);
  const view: CampaignPreviewView = { token: sealPreview(deps.previewKey, state), answeredCount: state.answers.length, lastResult, challenge: null, checkpoint: null, results: null };
  if (due) {
    view.checkpoint = checkpointSeries(state).flatMap((answer) => {
      const challenge = referential.challenges.get(answer.challengeId);
      return challenge
        ? [{ challengeId: challenge.id, lang: challengeLang(challenge), instructionHtml: challenge.instructionHtml, result: answer.result, givenAnswer: formatGivenAnswer(challenge, answer.value, answer.result), expectedAnswer: formatExpectedAnswer(challenge) }]
        : [];
    });
  } else if (!state.completed && state.current) {
    const challenge = referential.challenges.get(state.current);
    if (challenge) view.challenge = presentChallenge(challenge, new Date(state.answers.at(-1)?.at ?? state.startedAt), deps.evaluation.signedUrls, state.seed);
  } else if (state.completed) {
    // The knowledge settled at the end counts, as for a real participation; only the preview's own answers do.
    const { knowledge } = nextStep({ ...state, completed: false }, setting(deps, campaign), deps.clock.now());
    const results = computeParticipationResults(campaign.skillIds, knowledge, referential);
    const stage = reachedStage(campaign.stages, results.masteryRate, results.validatedSkillsCount);
    const tutorialIds = [...new Set(results.failedSkillIds.flatMap((id) => referential.skills.get(id)?.tutorialIds ?? []))].slice(0, 6);
    view.results = {
      masteryPercent: Math.round(displayedMasteryRate(results.masteryRate) * 100),
      validatedSkillsCount: results.validatedSkillsCount,
      targetedSkillsCount: campaign.skillIds.length,
      competences: presentCompetences(results.competences, referential, actor.locale),
      stage: stage ? { reached: stage.reached, total: stage.total, title: stage.stage.title, message: stage.stage.message } : null,
      tutorials: tutorialLinks(referential, tutorialIds),
    };
  }
  return view;
}
