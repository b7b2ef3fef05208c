import type { Request, Response } from 'express';
import { getProfileView } from '../../evaluation/application/usecases/get-profile-view.ts';
import type { WidgetPages } from '../../widgets-host/widget-pages.ts';
import { outboundLinkPolicy } from '../domain/outbound-links.ts';
import { listSchoolClassesWithPupils } from '../infrastructure/school-classes-query.ts';
import { STEP_TTL_SECONDS, type GarDeps } from './gar-deps.ts';
import { reconciliationNoticePage } from './pages/gar-pages.ts';
import { schoolViewPage } from './pages/school-view.ts';
import type { SignedIn } from './usecases/complete-gar-login.ts';

/** What a signed-in GAR user sees: the notice first if any, then the page asked, else her role's landing. */
export async function sendSignedIn(deps: GarDeps, pages: WidgetPages, req: Request, res: Response, signedIn: SignedIn): Promise<void> {
  if (signedIn.notice) {
    const stepId = await deps.stores.loginSteps.create({
      step: 'NOTICE',
      state: { signedIn: { ...signedIn, notice: null } },
      now: deps.clock.now(),
      ttlSeconds: STEP_TTL_SECONDS,
    });
    res.status(200).type('html').setHeader('Cache-Control', 'no-store').send(reconciliationNoticePage(stepId));
    return;
  }
  await sendLanding(deps, pages, req, res, signedIn);
}

export async function sendLanding(deps: GarDeps, pages: WidgetPages, req: Request, res: Response, signedIn: SignedIn): Promise<void> {
  // A public page of the tool was asked (a tutorial…): go there. The widget landings need the inlined token.
  if (signedIn.target !== '/' && !signedIn.target.startsWith('/saml/')) {
    res.redirect(303, signedIn.target);
    return;
  }
  const settings = await deps.schoolSettings.get(signedIn.organization.id);
  const outboundLinks = outboundLinkPolicy({ via: 'gar', schoolAllowsLinks: settings.allowExternalLinks });
  if (signedIn.role === 'PUPIL') {
    const profile = await getProfileView(deps.evaluation, { userId: signedIn.account.id, organizationId: signedIn.organization.id, locale: signedIn.locale }, signedIn.account.firstName);
    pages.send(req, res, {
      widget: 'pupil',
      title: signedIn.locale.startsWith('en') ? 'Pix Embed — my profile' : 'Pix Embed — mon profil',
      locale: signedIn.locale,
      boot: { apiBase: deps.publicUrl, token: signedIn.token, data: { screen: 'profile', profile, outboundLinks } },
    });
    return;
  }
  const classes = await listSchoolClassesWithPupils(deps.db, signedIn.organization.id);
  const totals = new Map<string, number>();
  for (const pupil of new Map(classes.flatMap((c) => c.pupils.map((p) => [p.userId, p] as const))).values()) {
    const view = await getProfileView(deps.evaluation, { userId: pupil.userId, organizationId: signedIn.organization.id, locale: signedIn.locale }, pupil.firstName);
    totals.set(pupil.userId, view.totalPix);
  }
  const roster = await deps.roster.listForSchool(signedIn.organization.id);
  const active = roster.filter((p) => p.active);
  const pending = await deps.reconciliation.listOpen(signedIn.organization.id);
  res
    .status(200)
    .type('html')
    .setHeader('Cache-Control', 'no-store')
    .send(
      schoolViewPage({
        schoolName: signedIn.organization.name,
        uai: signedIn.organization.uai,
        teacherName: `${signedIn.account.firstName} ${signedIn.account.lastName}`.trim(),
        isAdmin: signedIn.role === 'ADMIN',
        token: signedIn.token,
        nonce: res.locals.cspNonce ?? '',
        classes: classes.map((c) => ({ label: c.label, pupils: c.pupils.map((p) => ({ name: `${p.lastName} ${p.firstName}`.trim(), totalPix: totals.get(p.userId) ?? 0 })) })),
        pendingReconciliations: pending.map((p) => ({ name: `${p.lastName} ${p.firstName}`.trim(), birthdate: p.birthdate, divisions: p.divisions, reason: p.reason })),
        roster: roster.length ? { active: active.length, linked: active.filter((p) => p.userId).length } : null,
        allowExternalLinks: settings.allowExternalLinks,
      }),
    );
}
