import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { allowFormAction } from '../../shared/application/http/security-headers.ts';
import type { WidgetPages } from '../../widgets-host/widget-pages.ts';
import { LtiError, type LtiErrorCode, isLtiError } from '../domain/lti-errors.ts';
import type { LtiDeps } from './lti-deps.ts';
import { renderAutoPostPage, renderLtiErrorPage, renderTeacherViewPage } from './lti-pages.ts';
import { getTeacherView } from './usecases/get-teacher-view.ts';
import { initiateLogin } from './usecases/initiate-login.ts';
import { beginResourceLink, openResourceLink } from './usecases/open-resource-link.ts';
import { provisionLaunch } from './usecases/provision-launch.ts';
import { respondDeepLinking } from './usecases/respond-deep-linking.ts';
import { startDeepLinking } from './usecases/start-deep-linking.ts';
import { verifyLaunch } from './usecases/verify-launch.ts';
import { registerDynamically } from './usecases/register-dynamically.ts';

/**
 * LTI 1.3 endpoints. Everything here may be shown inside the platform's iframe: failures are HTML pages with a
 * stable code (never JSON, never a stack trace).
 *   GET  /lti/jwks                      the tool's public keys (active + previous)
 *   GET|POST /lti/login                 OIDC login initiation → 302 to the platform
 *   POST /lti/launch                    redirect URI: id_token + state → first screen
 *   POST /lti/deep-linking/response     the picker's choice → auto-posted LtiDeepLinkingResponse
 *   GET  /lti/register                  Dynamic Registration
 */
export function ltiRoutes(deps: LtiDeps & { pages: WidgetPages }): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '128kb', parameterLimit: 50 });

  router.get('/lti/jwks', async (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.json(await deps.toolKeys.publicJwks());
  });

  const login = async (req: Request, res: Response) => {
    const params = req.method === 'POST' ? (req.body as Record<string, unknown>) : req.query;
    const redirect = await initiateLogin({ deps, params: params ?? {} });
    res.setHeader('Set-Cookie', `${redirect.cookie.name}=${redirect.cookie.value}; Path=/lti; Max-Age=${redirect.cookie.maxAgeSeconds}; HttpOnly; Secure; SameSite=None; Partitioned`);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, redirect.location);
  };
  router.get('/lti/login', login);
  router.post('/lti/login', form, login);

  router.post('/lti/launch', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const cookies = parseCookies(req.get('cookie'));
    const { platform, registration, message } = await verifyLaunch({ deps, idToken: body.id_token, state: body.state, cookies });
    clearBindingCookies(res, cookies);
    const provisioned = await provisionLaunch({
      deps,
      registration,
      message,
      // A resource link is recorded, and a learner's evaluation started, while her role and class are written.
      alongside: (account) => (message.kind === 'resourceLink' ? beginResourceLink({ deps, platform, message, provisioned: account }) : null),
    });
    const apiBase = `${deps.publicUrl}/api`;
    if (message.kind === 'deepLinking') {
      const picker = await startDeepLinking({ deps, platform, message, provisioned });
      deps.pages.send(req, res, { widget: 'picker', title: 'Pix Embed', locale: provisioned.locale, boot: { apiBase, token: picker.token, data: picker.data } });
      return;
    }
    if (!provisioned.alongside) throw new Error('resource link launch not begun');
    const screen = await openResourceLink({ deps, provisioned, begun: provisioned.alongside });
    if (screen.kind === 'campaign') {
      await deps.campaigns!.sendLearnerPage(deps.pages, req, res, { token: screen.token, actor: screen.actor, code: screen.code });
      return;
    }
    if (screen.kind === 'pupil') {
      deps.pages.send(req, res, { widget: 'pupil', title: 'Pix Embed', locale: provisioned.locale, boot: { apiBase, token: screen.token, data: screen.data } });
      return;
    }
    if (screen.target.kind === 'campaign' && deps.campaigns) {
      // A campaign's teacher view is its dashboard (statuses, mastery, CSV, grade sync), not the plain roster page.
      const actor = { userId: provisioned.account.id, organizationId: provisioned.organizationId, role: provisioned.role, locale: provisioned.locale };
      await deps.campaigns.sendTeacherPage(deps.pages, req, res, { token: screen.token, actor, code: screen.target.code });
      return;
    }
    const view = await getTeacherView({ deps, link: screen.link, target: screen.target, locale: provisioned.locale });
    res.status(200).type('html').setHeader('Cache-Control', 'no-store').send(renderTeacherViewPage(view, provisioned.locale));
  });

  router.post('/lti/deep-linking/response', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const raw = body.choice;
    const choices = (Array.isArray(raw) ? raw : [raw]).filter((c): c is string => typeof c === 'string');
    const answer = await respondDeepLinking({ deps, context: body.context, choices });
    allowFormAction(res, answer.returnUrl);
    res
      .status(200)
      .type('html')
      .setHeader('Cache-Control', 'no-store')
      .send(
        renderAutoPostPage({
          title: 'Pix Embed',
          message: 'Retour à la plateforme… / Back to the platform…',
          action: answer.returnUrl,
          fields: { JWT: answer.jwt },
          nonce: res.locals.cspNonce ?? '',
        }),
      );
  });

  router.get('/lti/register', async (req, res) => {
    const html = await registerDynamically({ deps, query: req.query, nonce: res.locals.cspNonce ?? '' });
    res.status(200).type('html').setHeader('Cache-Control', 'no-store').send(html);
  });

  router.use('/lti', ltiErrorPages(deps));
  return router;
}

function ltiErrorPages(deps: LtiDeps): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const code: LtiErrorCode = isLtiError(error) ? (error.code as LtiErrorCode) : bodyParserCode(error);
    const status = isLtiError(error) ? error.status : code === 'LTI_INTERNAL_ERROR' ? 500 : 400;
    if (status >= 500) req.log?.error({ err: error, code }, 'LTI request failed');
    else req.log?.warn({ code, detail: isLtiError(error) ? error.detail : undefined }, 'LTI request refused');
    res
      .status(status)
      .type('html')
      .setHeader('Cache-Control', 'no-store')
      .send(renderLtiErrorPage({ code, requestId: typeof req.id === 'string' ? req.id : undefined, at: deps.clock.now() }));
  };
}

/** body-parser refusals (too large, bad encoding) are malformed launches; anything else is internal. */
function bodyParserCode(error: unknown): LtiErrorCode {
  if (error instanceof LtiError) return error.code as LtiErrorCode;
  const isParserError = typeof error === 'object' && error !== null && 'type' in error && typeof error.type === 'string' && error.type.startsWith('entity.');
  return isParserError || (typeof error === 'object' && error !== null && 'type' in error && error.type === 'parameters.too.many') ? 'LTI_TOKEN_MALFORMED' : 'LTI_INTERNAL_ERROR';
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    if (name.startsWith('pix_lti_')) cookies[name] = part.slice(index + 1).trim();
  }
  return cookies;
}

function clearBindingCookies(res: Response, cookies: Record<string, string>) {
  const cleared = Object.keys(cookies).map((name) => `${name}=; Path=/lti; Max-Age=0; HttpOnly; Secure; SameSite=None; Partitioned`);
  if (cleared.length) res.setHeader('Set-Cookie', cleared);
}
