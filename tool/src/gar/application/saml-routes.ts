import express, { Router, type ErrorRequestHandler, type Request } from 'express';
import { randomBytes } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { pickLocale, type WidgetPages } from '../../widgets-host/widget-pages.ts';
import { escapeHtml, renderPlainPage } from '../../widgets-host/render-widget-page.ts';
import { AppError } from '../../shared/domain/errors.ts';
import { GarError, garError } from '../domain/gar-errors.ts';
import { parseFrenchDate } from '../domain/roster/roster-pupil.ts';
import { serviceProviderMetadata } from '../infrastructure/saml/sp-metadata.ts';
import { decodeSamlMessage, parseSamlXml, SAML, SAMLP as SAMLP_NS } from '../infrastructure/saml/response-checks.ts';
import { firstChild, textOf } from '../infrastructure/xml/xml-tree.ts';
import type { GarDeps } from './gar-deps.ts';
import { sendLanding, sendSignedIn } from './landing.ts';
import { birthdatePage, chooseSchoolPage, garErrorPage, loggedOutPage } from './pages/gar-pages.ts';
import { acceptSamlResponse } from './usecases/accept-saml-response.ts';
import { chooseSchool, completeGarLogin, submitBirthdate, type LoginOutcome, type SignedIn } from './usecases/complete-gar-login.ts';

/** `?target=` must be a path of this tool: never an open redirect. */
export function safeTarget(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 512) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\') || /[\u0000-\u001f\\]/.test(raw)) return '/';
  return raw;
}

const form = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 });

/**
 * The service provider: metadata, SP-initiated login, the ACS and the login steps after it, single logout.
 * Every refusal is a coded HTML page (French, then English, with a hint for the administrator).
 */
export function samlRoutes(deps: GarDeps, pages: WidgetPages): Router {
  const router = Router();
  const send = async (req: Request, res: express.Response, outcome: LoginOutcome) => {
    res.setHeader('Cache-Control', 'no-store');
    if (outcome.kind === 'CHOOSE_UAI') res.status(200).type('html').send(chooseSchoolPage(outcome));
    else if (outcome.kind === 'BIRTHDATE') res.status(200).type('html').send(birthdatePage({ stepId: outcome.stepId, firstName: outcome.firstName }));
    else await sendSignedIn(deps, pages, req, res, outcome);
  };
  const configured = () => {
    if (deps.registry.names().length === 0) throw garError('SAML_NOT_CONFIGURED');
  };

  // Signed once per hour (validUntil counts from the hour): the same bytes for every fetch within it.
  let metadata: { hour: number; xml: string } | null = null;
  router.get('/saml/metadata.xml', (_req, res) => {
    const hour = Math.floor(deps.clock.now().getTime() / 3_600_000);
    if (metadata?.hour !== hour) {
      metadata = {
        hour,
        xml: serviceProviderMetadata({
          entityId: deps.sp.entityId,
          acsUrl: deps.sp.acsUrl,
          sloUrl: deps.sp.sloUrl,
          signingCertPem: deps.sp.signingCertPem,
          signingKeyPem: deps.sp.signingKeyPem,
          nextSigningCertPem: deps.sp.nextSigningCertPem,
          encryptionCertPem: deps.sp.encryptionCertPem,
          attributes: deps.settings.attributes,
          now: new Date(hour * 3_600_000),
          validDays: deps.settings.spMetadataValidDays,
        }),
      };
    }
    res.type('application/samlmetadata+xml').setHeader('Cache-Control', 'public, max-age=3600').send(metadata.xml);
  });

  // The resource URL declared to the GAR: the média-centre link lands here.
  router.get('/saml/login', async (req, res) => {
    configured();
    const name = typeof req.query.idp === 'string' ? req.query.idp : deps.registry.defaultName()!;
    const idp = await deps.registry.get(name);
    const { url, requestId } = await deps.saml.authorizeUrl(idp, deps.sp.resourceUrl);
    await deps.stores.authnRequests.save({ id: requestId, idp: idp.name, target: safeTarget(req.query.target), now: deps.clock.now(), ttlSeconds: deps.settings.requestTtlSeconds });
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, url);
  });

  router.post('/saml/acs', express.urlencoded({ extended: false, limit: '512kb', parameterLimit: 5 }), async (req, res) => {
    configured();
    const login = await acceptSamlResponse(deps, req, res, pickLocale(req));
    await send(req, res, await completeGarLogin(deps, login));
  });

  router.post('/saml/choose-school', form, async (req, res) => {
    const { step, uai } = (req.body ?? {}) as Record<string, unknown>;
    if (typeof step !== 'string' || typeof uai !== 'string') throw garError('GAR_CHOICE_INVALID');
    await send(req, res, await chooseSchool(deps, step, uai));
  });

  router.post('/saml/birthdate', form, async (req, res) => {
    const { step, day, month, year } = (req.body ?? {}) as Record<string, unknown>;
    if (typeof step !== 'string') throw garError('GAR_STEP_EXPIRED');
    const birthdate = [day, month, year].every((v) => typeof v === 'string' && /^\d{1,4}$/.test(v.trim())) ? parseFrenchDate(`${day}/${month}/${year}`) : null;
    if (!birthdate) {
      const waiting = await deps.stores.loginSteps.peek(step, deps.clock.now());
      if (!waiting || waiting.step !== 'BIRTHDATE') throw garError('GAR_STEP_EXPIRED');
      const firstName = (waiting.state.login as { identity?: { firstName?: string } }).identity?.firstName ?? '';
      res.status(400).type('html').setHeader('Cache-Control', 'no-store').send(birthdatePage({ stepId: step, firstName, error: true }));
      return;
    }
    await send(req, res, await submitBirthdate(deps, step, birthdate));
  });

  router.post('/saml/continue', form, async (req, res) => {
    const { step } = (req.body ?? {}) as Record<string, unknown>;
    const taken = typeof step === 'string' ? await deps.stores.loginSteps.take(step, deps.clock.now()) : null;
    if (!taken || taken.step !== 'NOTICE') throw garError('GAR_STEP_EXPIRED');
    await sendLanding(deps, pages, req, res, taken.state.signedIn as SignedIn);
  });

  // SP-initiated logout: end our session, then ask the IdP to end its own (single logout).
  router.post('/saml/logout', form, async (req, res) => {
    const { token } = (req.body ?? {}) as Record<string, unknown>;
    const claims = typeof token === 'string' ? await deps.tokens.verify(token).catch(() => null) : null;
    const session = claims?.via === 'gar' ? await deps.stores.sessions.end(claims.sessionId, deps.clock.now()) : null;
    res.setHeader('Cache-Control', 'no-store');
    if (!session) {
      res.type('html').send(loggedOutPage());
      return;
    }
    const idp = await deps.registry.get(session.idp).catch(() => null);
    if (!idp?.descriptor.sloRedirectUrl) {
      res.type('html').send(loggedOutPage());
      return;
    }
    const url = await deps.saml.logoutUrl(idp, session, deps.sp.resourceUrl);
    // A redirect after a form post would be blocked by CSP form-action: continue with a link and a refresh.
    res.type('html').send(
      renderPlainPage({
        title: 'Déconnexion — Pix Embed',
        body: `<meta http-equiv="refresh" content="0;url=${escapeHtml(url)}">
<h1>Déconnexion en cours</h1>
<p><a href="${escapeHtml(url)}">Terminer la déconnexion auprès du fournisseur d’identité</a> <span lang="en">(finish signing out at the identity provider)</span></p>`,
      }),
    );
  });

  // Front-channel single logout from the IdP (HTTP-Redirect and HTTP-POST): requests and responses.
  const slo = async (req: Request, res: express.Response) => {
    configured();
    const params = { ...(req.method === 'GET' ? req.query : (req.body ?? {})) } as Record<string, unknown>;
    const message = typeof params.SAMLRequest === 'string' ? params.SAMLRequest : typeof params.SAMLResponse === 'string' ? params.SAMLResponse : null;
    if (!message) throw garError('SAML_LOGOUT_INVALID', 'no message');
    const isRequest = typeof params.SAMLRequest === 'string';
    let xml: string;
    try {
      xml = req.method === 'GET' ? inflateRawSync(Buffer.from(message, 'base64'), { maxOutputLength: 200_000 }).toString('utf8') : Buffer.from(message, 'base64').toString('utf8');
    } catch {
      throw garError('SAML_LOGOUT_INVALID', 'not deflated base64');
    }
    const root = req.method === 'GET' ? parseSamlXml(xml) : decodeSamlMessage(message).root;
    const issuerElement = firstChild(root, SAML, 'Issuer');
    const idp = issuerElement ? await deps.registry.findByEntityId(textOf(issuerElement).trim()) : null;
    if (!idp) throw garError('SAML_LOGOUT_INVALID', 'unknown issuer');
    const relayState = typeof params.RelayState === 'string' ? params.RelayState : undefined;
    try {
      let result;
      if (req.method === 'GET') {
        // The library accepts an unsigned redirect message: we do not, for a request (it ends sessions).
        // An unsigned LogoutResponse only confirms a logout that already happened here: accepted.
        if (isRequest && (typeof params.Signature !== 'string' || typeof params.SigAlg !== 'string')) throw new Error('unsigned redirect message');
        const originalQuery = req.originalUrl.split('?')[1] ?? '';
        result = await deps.saml.validateRedirectLogout(idp, params as Record<string, string>, originalQuery);
      } else if (isRequest) {
        result = await deps.saml.validatePostLogoutRequest(idp, { SAMLRequest: message });
      } else {
        result = await deps.saml.validatePostLogoutResponse(idp, { SAMLResponse: message });
      }
      res.setHeader('Cache-Control', 'no-store');
      if (isRequest && result.profile) {
        const ended = await deps.stores.sessions.endByNameId({
          idp: idp.name,
          nameId: result.profile.nameID,
          sessionIndexes: result.profile.sessionIndex ? [result.profile.sessionIndex] : [],
          now: deps.clock.now(),
        });
        deps.logger.info({ idp: idp.name, ended }, 'SAML single logout');
        res.redirect(302, await deps.saml.logoutResponseUrl(idp, result.profile, relayState, true));
        return;
      }
      res.type('html').send(loggedOutPage());
    } catch (error) {
      if (error instanceof GarError) throw error;
      throw garError('SAML_LOGOUT_INVALID', error instanceof Error ? error.message.slice(0, 120) : 'invalid');
    }
  };
  router.get('/saml/slo', slo);
  // Back-channel (SOAP) logout from the IdP: the same session ending, answered in SOAP (see docs/gar.md).
  router.post('/saml/slo', express.text({ type: ['text/xml', 'application/soap+xml'], limit: '256kb' }), async (req, res, next) => {
    if (typeof req.body !== 'string') {
      next();
      return;
    }
    res.type('text/xml').setHeader('Cache-Control', 'no-store');
    try {
      const result = await backChannelLogout(deps, req.body);
      res.send(soapEnvelope(result));
    } catch (error) {
      deps.logger.warn({ code: error instanceof GarError ? error.garCode : 'SAML_LOGOUT_INVALID', detail: error instanceof GarError ? error.detail : (error as Error).message }, 'SOAP logout refused');
      res.status(400).send(soapEnvelope(null));
    }
  });
  router.post('/saml/slo', express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 6 }), slo);

  router.use(samlErrorPages(deps));
  return router;
}

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

/** Verifies a signed LogoutRequest carried in a SOAP envelope and ends the matching sessions. */
async function backChannelLogout(deps: GarDeps, body: string): Promise<{ inResponseTo: string; issuer: string }> {
  const envelope = parseSamlXml(body);
  const soapBody = envelope.localName === 'Envelope' && envelope.namespace === SOAP_ENV ? firstChild(envelope, SOAP_ENV, 'Body') : null;
  const request = soapBody ? firstChild(soapBody, SAMLP_NS, 'LogoutRequest') : null;
  if (!request) throw garError('SAML_LOGOUT_INVALID', 'no LogoutRequest in SOAP body');
  // The signed element as sent (it declares its own namespaces, as IdPs write it): its signature is checked by the library.
  const raw = /<([A-Za-z_][\w.-]*:)?LogoutRequest[\s>][\s\S]*<\/\1LogoutRequest>/.exec(body)?.[0];
  if (!raw) throw garError('SAML_LOGOUT_INVALID', 'LogoutRequest not found');
  const issuerElement = firstChild(request, SAML, 'Issuer');
  const idp = issuerElement ? await deps.registry.findByEntityId(textOf(issuerElement).trim()) : null;
  if (!idp) throw garError('SAML_LOGOUT_INVALID', 'unknown issuer');
  const result = await deps.saml.validatePostLogoutRequest(idp, { SAMLRequest: Buffer.from(raw).toString('base64') }).catch((error: Error) => {
    throw garError('SAML_LOGOUT_INVALID', error.message.slice(0, 120));
  });
  if (!result.profile) throw garError('SAML_LOGOUT_INVALID', 'no profile');
  const ended = await deps.stores.sessions.endByNameId({
    idp: idp.name,
    nameId: result.profile.nameID,
    sessionIndexes: result.profile.sessionIndex ? [result.profile.sessionIndex] : [],
    now: deps.clock.now(),
  });
  deps.logger.info({ idp: idp.name, ended }, 'SAML back-channel logout');
  return { inResponseTo: String(result.profile.ID ?? ''), issuer: deps.sp.entityId };
}

function soapEnvelope(result: { inResponseTo: string; issuer: string } | null): string {
  const escape = (t: string) => t.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const body = result
    ? `<samlp:LogoutResponse xmlns:samlp="${SAMLP_NS}" xmlns:saml="${SAML}" ID="_${randomBytes(16).toString('hex')}" Version="2.0" IssueInstant="${new Date().toISOString()}" InResponseTo="${escape(result.inResponseTo)}"><saml:Issuer>${escape(result.issuer)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status></samlp:LogoutResponse>`
    : '<SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>LogoutRequest refused</faultstring></SOAP-ENV:Fault>';
  return `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP_ENV}"><SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`;
}

/** Refusals as coded HTML pages; logged with their code and technical detail, never personal data. */
function samlErrorPages(deps: GarDeps): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (!req.path.startsWith('/saml/')) {
      next(error);
      return;
    }
    const requestId = typeof req.id === 'string' ? req.id : undefined;
    const garFailure = error instanceof GarError ? error : null;
    if (garFailure) deps.logger.warn({ code: garFailure.garCode, detail: garFailure.detail, requestId }, 'SAML/GAR refusal');
    else deps.logger.error({ err: error, requestId }, 'SAML/GAR failure');
    if (res.headersSent) return;
    const shown = garFailure ?? (error instanceof AppError && error.status < 500 ? garError('SAML_MALFORMED', error.code) : null);
    res.setHeader('Cache-Control', 'no-store');
    if (shown) {
      res.status(shown.status).type('html').send(garErrorPage(shown, requestId));
      return;
    }
    const status = error && typeof error === 'object' && 'status' in error && typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    res
      .status(status)
      .type('html')
      .send(
        renderPlainPage({
          title: 'Erreur — Pix Embed',
          body: `<h1>${status === 413 ? 'Message trop volumineux' : status < 500 ? 'Requête invalide' : 'Une erreur interne est survenue'}</h1>
<p lang="en">${status === 413 ? 'Message too large.' : status < 500 ? 'Invalid request.' : 'An internal error occurred.'}</p>
<p>Code : <code data-error-code>${status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_ERROR'}</code>${requestId ? ` — requête <code>${escapeHtml(requestId)}</code>` : ''}</p>`,
        }),
      );
  };
}
