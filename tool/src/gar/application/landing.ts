import type { Request, Response } from 'express';
import { getProfileView } from '../../evaluation/application/usecases/get-profile-view.ts';
import type { WidgetPages } from '../../widgets-host/widget-pages.ts';
import { outboundLinkPolicy, withLinksAsText } from '../domain/outbound-links.ts';
import { STEP_TTL_SECONDS, type GarDeps } from './gar-deps.ts';
import { reconciliationNoticePage } from './pages/gar-pages.ts';
import { schoolViewPage } from './pages/school-view.ts';
import type { SignedIn } from './usecases/complete-gar-login.ts';
import { getSchoolView } from './usecases/get-school-view.ts';

/** What a signed-in GAR user sees: the notice first if any, then the page asked, else her role's landing. */
export async function sendSignedIn(deps: GarDeps, pages: WidgetPages, req: Request, res: Response, signedIn: SignedIn): Promise<void> {
  if (signedIn.notice) {
    const stepId = await deps.stores.loginSteps.create({
      step: 'NOTICE',
      state: { signedIn: { ...signedIn, notice: null } },
      now: deps.clock.now(),
      ttlSeconds: STEP_TTL_SECONDS,
    });
    res.status(200).type('html').setHeader('Cache-Control', 'no-store').send(reconciliationNoticePage(stepId, signedIn.notice));
    return;
  }
  await sendLanding(deps, pages, req, res, signedIn);
}

export async function sendLanding(deps: GarDeps, pages: WidgetPages, req: Request, res: Response, signedIn: SignedIn): Promise<void> {
  const settings = await deps.schoolSettings.get(signedIn.organization.id);
  const outboundLinks = outboundLinkPolicy({ via: 'gar', schoolAllowsLinks: settings.allowExternalLinks });
  // A public page of the tool was asked (a tutorial…): go there, its external addresses as text when links are
  // not allowed. The widget landings need the inlined token.
  if (signedIn.target !== '/' && !signedIn.target.startsWith('/saml/')) {
    res.redirect(303, outboundLinks === 'text' ? withLinksAsText(signedIn.target) : signedIn.target);
    return;
  }
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
  const view = await getSchoolView(deps, signedIn.organization.id);
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
        ...view,
      }),
    );
}
