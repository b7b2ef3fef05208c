import express, { Router, type Request, type Response } from 'express';
import type { SessionTokens } from '../../identity/domain/session-token.ts';
import type { EvaluationDeps } from '../../evaluation/application/evaluation-deps.ts';
import { getAssessment } from '../../evaluation/application/usecases/get-assessment.ts';
import { badRequest } from '../../shared/domain/errors.ts';
import { escapeHtml, renderPlainPage } from '../../widgets-host/render-widget-page.ts';
import type { WidgetPages } from '../../widgets-host/widget-pages.ts';
import { normalizeCampaignCode } from '../domain/campaign-code.ts';
import type { CampaignActor, CampaignsDeps } from './campaigns-deps.ts';
import { listCampaigns } from './usecases/manage-campaigns.ts';
import { listTargetProfiles } from './usecases/target-profiles.ts';
import { getCampaignLanding, listMyParticipations } from './usecases/participate.ts';
import type { AppError } from '../../shared/domain/errors.ts';
import type { OutboundLinks } from '../../gar/domain/outbound-links.ts';
import { sessionLinkPolicy } from '../../gar/application/session-link-policy.ts';
import { evaluationRepositories } from '../../evaluation/application/evaluation-state.ts';

/** Boot data of the teacher widget: the campaigns and the target profiles, inlined (one request). */
export interface TeacherBootData {
  screen: 'campaigns';
  campaigns: Awaited<ReturnType<typeof listCampaigns>>['campaigns'];
  profiles: Awaited<ReturnType<typeof listTargetProfiles>>['profiles'];
  /** The campaign whose dashboard opens first (a teacher launching the LMS activity of that campaign). */
  focus?: string;
}

/** Boot data of the pupil campaign widget: her participations, and the landing of a code when one was given. */
export interface CampaignBootData {
  screen: 'campaigns';
  participations: Awaited<ReturnType<typeof listMyParticipations>>['participations'];
  landing: Awaited<ReturnType<typeof getCampaignLanding>> | null;
  /** The code was given but is unknown to her. */
  codeError: string | null;
  /** The participation whose assessment she has just finished: its results get the focus. */
  focus?: string;
  /** GAR sessions whose school does not allow links: external addresses shown as text. */
  outboundLinks?: OutboundLinks;
}

/**
 * Sends the teacher space (widget `teacher`) for a signed-in teacher: /demo, and later LTI and GAR launches,
 * call this with the session token they issued.
 */
export async function sendTeacherSpace(
  deps: CampaignsDeps,
  pages: WidgetPages,
  req: Request,
  res: Response,
  input: { token: string; actor: CampaignActor; focusCode?: string },
): Promise<void> {
  const data: TeacherBootData = {
    screen: 'campaigns',
    campaigns: (await listCampaigns(deps, input.actor, true)).campaigns,
    profiles: (await listTargetProfiles(deps, input.actor)).profiles,
  };
  // Only a campaign of her own organizations (the list above): another school's code opens the plain list.
  const focus = input.focusCode ? data.campaigns.find((c) => c.code === input.focusCode)?.id : undefined;
  if (focus) data.focus = focus;
  pages.send(req, res, { widget: 'teacher', title: 'Pix Embed — parcours', locale: input.actor.locale, boot: { token: input.token, data } });
}

/** Sends the pupil's campaign page (widget `campaign`): join by code, play, results, share. */
export async function sendCampaignPage(
  deps: CampaignsDeps,
  pages: WidgetPages,
  req: Request,
  res: Response,
  input: { token: string; actor: CampaignActor; code?: string | null; focus?: string | null; outboundLinks?: OutboundLinks },
): Promise<void> {
  let landing: CampaignBootData['landing'] = null;
  let codeError: string | null = null;
  if (input.code) {
    try {
      landing = await getCampaignLanding(deps, input.actor, input.code);
    } catch (error) {
      if ((error as AppError | undefined)?.code !== 'CAMPAIGN_CODE_UNKNOWN') throw error;
      codeError = 'CAMPAIGN_CODE_UNKNOWN';
    }
  }
  const data: CampaignBootData = { screen: 'campaigns', participations: (await listMyParticipations(deps, input.actor)).participations, landing, codeError };
  if (input.focus) data.focus = input.focus;
  if (input.outboundLinks) data.outboundLinks = input.outboundLinks;
  pages.send(req, res, { widget: 'campaign', title: 'Pix Embed — parcours', locale: input.actor.locale, boot: { token: input.token, data } });
}

/**
 * `/campaigns/join?code=…`, the direct link a teacher hands out. Sessions come from the ENT or the LMS
 * (no cookie in iframes), so this page says where to open it; with the demo on, it offers the demo pupils.
 */
export function campaignPageRoutes(input: { demoEnabled: boolean; pages: WidgetPages; tokens: SessionTokens; evaluation: EvaluationDeps; campaigns: CampaignsDeps }): Router {
  const router = Router();
  const linkPolicy = sessionLinkPolicy(input.evaluation.db);
  // "Commencer / Reprendre" from the campaign widget: the pupil player, on the campaign assessment (same
  // answer API as competence evaluations). A form post carries the session token: no cookie in iframes.
  // Once the assessment is over (its last checkpoint seen), the same post shows the campaign's results: the
  // player re-posts it after the last answer, and a reload of the player lands there too.
  router.post('/campaigns/play', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const token = typeof req.body?.token === 'string' ? req.body.token : '';
    const assessmentId = typeof req.body?.assessmentId === 'string' ? req.body.assessmentId : '';
    if (!token || !assessmentId) throw badRequest('CAMPAIGN_PLAY_INVALID', 'Requête invalide.');
    const claims = await input.tokens.verify(token);
    const actor = { userId: claims.userId, organizationId: claims.organizationId, role: claims.role, locale: claims.locale };
    const assessment = await getAssessment(input.evaluation, actor, assessmentId);
    const outboundLinks = await linkPolicy(claims);
    if (assessment.type === 'CAMPAIGN' && assessment.state === 'completed' && !assessment.checkpointDue) {
      const stored = await evaluationRepositories(input.evaluation.db).assessments.findById(assessment.id);
      await sendCampaignPage(input.campaigns, input.pages, req, res, { token, actor, focus: stored?.campaignParticipationId ?? null, outboundLinks });
      return;
    }
    input.pages.send(req, res, { widget: 'pupil', title: 'Pix Embed', locale: claims.locale, boot: { token, data: { screen: 'assessment', assessment, outboundLinks } } });
  });
  router.get('/campaigns/join', (req, res) => {
    const code = typeof req.query.code === 'string' ? normalizeCampaignCode(req.query.code).slice(0, 16) : '';
    const demo = input.demoEnabled
      ? `<p>Démonstration : <a href="/demo?campaign=${encodeURIComponent(code)}">ouvrir ce parcours comme un élève de démonstration</a>.</p>`
      : '';
    res.type('html').send(
      renderPlainPage({
        title: 'Pix Embed — rejoindre un parcours',
        body: `<h1>Rejoindre un parcours</h1>
<p>Code du parcours : <strong>${escapeHtml(code)}</strong></p>
<p>Ouvrez Pix Embed depuis votre ENT (médiacentre) ou depuis votre cours Moodle, puis choisissez « J’ai un code » et saisissez ce code.</p>
${demo}`,
      }),
    );
  });
  return router;
}
