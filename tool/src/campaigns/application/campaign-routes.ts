import { Router, type Response } from 'express';
import { sessionOf } from '../../identity/application/require-session.ts';
import type { CampaignActor, CampaignsDeps } from './campaigns-deps.ts';
import { createCampaign, getCampaign, listCampaigns, setCampaignArchived, updateCampaign } from './usecases/manage-campaigns.ts';
import { answerCampaignPreview, continueCampaignPreview, startCampaignPreview } from './usecases/preview-campaign.ts';
import { createTargetProfile, listTargetProfiles, listTubeChoices } from './usecases/target-profiles.ts';
import { deleteParticipation, exportResultsCsv, getDashboard } from './usecases/campaign-results.ts';
import { getGradeSync, getNotStarted, resendGrades } from './usecases/grade-sync.ts';
import { getCampaignLanding, getParticipation, joinCampaign, listMyParticipations, retryParticipation, shareParticipation } from './usecases/participate.ts';

function actorOf(res: Response): CampaignActor {
  const session = sessionOf(res);
  return { userId: session.userId, organizationId: session.organizationId, role: session.role, locale: session.locale };
}

/**
 * The campaigns API (mounted under /api, behind the session token). Teachers: campaigns of their
 * organizations only; pupils: their own participations only; anything else answers 404.
 */
export function campaignRoutes(deps: CampaignsDeps): Router {
  const router = Router();
  // Teacher space.
  router.get('/campaigns', async (req, res) => {
    res.json(await listCampaigns(deps, actorOf(res), req.query.archived === '1' || req.query.archived === 'true'));
  });
  router.post('/campaigns', async (req, res) => {
    res.status(201).json(await createCampaign(deps, actorOf(res), req.body));
  });
  router.get('/campaigns/:id', async (req, res) => {
    res.json(await getCampaign(deps, actorOf(res), req.params.id));
  });
  router.patch('/campaigns/:id', async (req, res) => {
    res.json(await updateCampaign(deps, actorOf(res), req.params.id, req.body));
  });
  router.post('/campaigns/:id/archive', async (req, res) => {
    res.json(await setCampaignArchived(deps, actorOf(res), req.params.id, true));
  });
  router.post('/campaigns/:id/unarchive', async (req, res) => {
    res.json(await setCampaignArchived(deps, actorOf(res), req.params.id, false));
  });
  // Pupil preview: nothing stored, the state travels in the signed token of each step.
  router.post('/campaigns/:id/preview', async (req, res) => {
    res.json(await startCampaignPreview(deps, actorOf(res), req.params.id));
  });
  router.post('/campaigns/:id/preview/answers', async (req, res) => {
    res.json(await answerCampaignPreview(deps, actorOf(res), req.params.id, req.body));
  });
  router.post('/campaigns/:id/preview/continue', async (req, res) => {
    res.json(await continueCampaignPreview(deps, actorOf(res), req.params.id, req.body));
  });
  router.get('/campaigns/:id/dashboard', async (req, res) => {
    const classId = typeof req.query.classId === 'string' ? req.query.classId : undefined;
    res.json(await getDashboard(deps, actorOf(res), req.params.id, classId));
  });
  router.get('/campaigns/:id/export.csv', async (req, res) => {
    const { fileName, csv } = await exportResultsCsv(deps, actorOf(res), req.params.id);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(csv);
  });
  // LMS gradebooks (LTI): sync state per participation, resend, course members who have not started.
  router.get('/campaigns/:id/grade-sync', async (req, res) => {
    res.json(await getGradeSync(deps, actorOf(res), req.params.id));
  });
  router.post('/campaigns/:id/participations/:participationId/grade-sync', async (req, res) => {
    res.status(202).json(await resendGrades(deps, actorOf(res), req.params.id, req.params.participationId));
  });
  router.get('/campaigns/:id/not-started', async (req, res) => {
    res.json(await getNotStarted(deps, actorOf(res), req.params.id));
  });
  router.delete('/campaigns/:id/participations/:participationId', async (req, res) => {
    res.json(await deleteParticipation(deps, actorOf(res), req.params.id, req.params.participationId));
  });
  router.get('/target-profiles', async (_req, res) => {
    res.json(await listTargetProfiles(deps, actorOf(res)));
  });
  router.post('/target-profiles', async (req, res) => {
    res.status(201).json(await createTargetProfile(deps, actorOf(res), req.body));
  });
  router.get('/target-profiles/tubes', (_req, res) => {
    res.json(listTubeChoices(deps, actorOf(res)));
  });
  // Pupil side.
  router.get('/campaign-codes/:code', async (req, res) => {
    res.json(await getCampaignLanding(deps, actorOf(res), req.params.code));
  });
  router.get('/campaign-participations', async (_req, res) => {
    res.json(await listMyParticipations(deps, actorOf(res)));
  });
  router.post('/campaign-participations', async (req, res) => {
    res.json(await joinCampaign(deps, actorOf(res), req.body));
  });
  router.get('/campaign-participations/:id', async (req, res) => {
    res.json(await getParticipation(deps, actorOf(res), req.params.id));
  });
  router.post('/campaign-participations/:id/share', async (req, res) => {
    res.json(await shareParticipation(deps, actorOf(res), req.params.id));
  });
  router.post('/campaign-participations/:id/retry', async (req, res) => {
    res.json(await retryParticipation(deps, actorOf(res), req.params.id));
  });
  return router;
}
