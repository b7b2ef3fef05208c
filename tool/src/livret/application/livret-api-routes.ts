import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { presentCertificationsResults, presentCompetenceLevelsPage } from '../../../../connectors/livret-scolaire/api/livret-api-presenters.ts';
import { AppError } from '../../shared/domain/errors.ts';
import { UAI_PATTERN, livretErrors } from '../domain/livret-errors.ts';
import { ALL_LIVRET_SCOPES, LIVRET_SCOPES, grantReaches } from '../domain/livret-scopes.ts';
import type { LivretDeps } from './livret-deps.ts';

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 500;

/** RFC 6749 §5.2 error answer. */
function oauthError(res: Response, status: number, error: string, description: string, basic = false): void {
  if (status === 401) res.setHeader('WWW-Authenticate', basic ? 'Basic realm="pix-embed"' : 'Bearer realm="pix-embed"');
  res.setHeader('Cache-Control', 'no-store');
  res.status(status).json({ error, error_description: description });
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header) : null;
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return null;
  // RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding.
  const decode = (v: string) => decodeURIComponent(v.replace(/\+/g, ' '));
  return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
}

/**
 * The livret scolaire API (LSU, LSL): OAuth2 client credentials token and the two school documents.
 * Mounted before the session-protected `/api` router: these routes authenticate applications, not people.
 */
export function livretApiRoutes(deps: LivretDeps): Router {
  const router = express.Router();

  router.post('/api/application/token', express.urlencoded({ extended: false, limit: '8kb' }), async (req, res) => {
    const body: Record<string, unknown> = typeof req.body === 'object' && req.body !== null ? req.body : {};
    const field = (name: string) => (typeof body[name] === 'string' ? body[name] : undefined);
    const grantType = field('grant_type');
    if (!grantType) return oauthError(res, 400, 'invalid_request', 'grant_type est requis.');
    if (grantType !== 'client_credentials') return oauthError(res, 400, 'unsupported_grant_type', 'Seul client_credentials est accepté.');
    const basic = basicCredentials(req.get('authorization'));
    const clientId = basic?.id ?? field('client_id');
    const secret = basic?.secret ?? field('client_secret');
    if (!clientId || !secret) return oauthError(res, 401, 'invalid_client', 'Identifiants du client absents.', Boolean(basic));
    const client = await deps.clients.authenticate(clientId, secret);
    if (!client) return oauthError(res, 401, 'invalid_client', 'Client inconnu, révoqué ou secret erroné.', Boolean(basic));
    const requested = (field('scope') ?? '').split(' ').filter(Boolean);
    const scopes = requested.length ? requested : client.scopes;
    const refused = scopes.filter((s) => !client.scopes.includes(s) || !ALL_LIVRET_SCOPES.includes(s));
    if (refused.length) return oauthError(res, 400, 'invalid_scope', `Portée non autorisée pour ce client : ${refused.join(' ')}.`);
    const accessToken = await deps.accessTokens.issue({ clientId: client.clientId, scopes, uais: client.uais });
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    res.json({ access_token: accessToken, token_type: 'bearer', expires_in: deps.accessTokens.lifetimeSeconds, scope: scopes.join(' '), client_id: client.clientId });
  });

  /**
   * The token's grant (scope, school) is checked at once; that its client is still active (`client revoke` takes
   * effect at once on every instance) is read beside the route's own query: `clientStillActive(res)` is awaited
   * before anything is sent, so a revoked client gets its 401 and nothing else, one round trip sooner.
   */
  const requireGrant = (scope: string) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(req.get('authorization') ?? '');
      if (!match?.[1]) throw livretErrors.tokenInvalid();
      const grant = await deps.accessTokens.verify(match[1]);
      if (!grant.scopes.includes(scope)) throw livretErrors.scopeMissing(scope);
      const uai = String(req.params.uai ?? '');
      if (!UAI_PATTERN.test(uai)) throw livretErrors.uaiInvalid();
      if (!grantReaches(grant, uai)) throw livretErrors.uaiForbidden();
      const active = deps.clients.find(grant.clientId).then((client) => Boolean(client && !client.revokedAt));
      active.catch(() => undefined); // awaited by the route; never an unhandled rejection if the route fails first
      res.locals.clientStillActive = active;
      next();
    } catch (error) {
      refuse(error, res, next, scope);
    }
  };

  function refuse(error: unknown, res: Response, next: NextFunction, scope: string): void {
    if (error instanceof AppError && error.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="pix-embed", error="invalid_token"');
    if (error instanceof AppError && error.code === 'LIVRET_SCOPE_MISSING') res.setHeader('WWW-Authenticate', `Bearer realm="pix-embed", error="insufficient_scope", scope="${scope}"`);
    next(error);
  }

  /** Resolves when the grant's client is still active; a revoked (or deleted) one is refused like a bad token. */
  async function clientStillActive(res: Response): Promise<void> {
    if (!(await (res.locals.clientStillActive as Promise<boolean>))) throw livretErrors.tokenInvalid();
  }

  router.get('/api/organizations/:uai/certifications', requireGrant(LIVRET_SCOPES.certifications), async (req, res, next) => {
    try {
      await clientStillActive(res);
    } catch (error) {
      return refuse(error, res, next, LIVRET_SCOPES.certifications);
    }
    const referential = deps.referential();
    // No certification feature yet: every pupil truthfully has none. An unknown UAI answers the same way.
    res.setHeader('Cache-Control', 'no-store');
    res.json(
      presentCertificationsResults({
        uai: String(req.params.uai).toUpperCase(),
        certifications: [],
        areas: referential.areas.map((a) => ({ code: a.code, title: a.name.fr })),
        competences: [...referential.competences.values()].map((c) => ({ index: c.index, name: c.name.fr, areaCode: c.areaCode })),
      }),
    );
  });

  router.get('/api/organizations/:uai/competence-levels', requireGrant(LIVRET_SCOPES.competenceLevels), async (req, res, next) => {
    const uai = String(req.params.uai).toUpperCase();
    const size = clampInt(req.query['page[size]'], DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    const number = clampInt(req.query['page[number]'], 1, 1, Number.MAX_SAFE_INTEGER);
    // By UAI inside the page's one statement: an unknown school answers an empty list, like Pix's API.
    const page = deps.levels.pageOfPupils({ uai }, { limit: size, offset: (number - 1) * size });
    try {
      await clientStillActive(res);
    } catch (error) {
      page.catch(() => undefined);
      return refuse(error, res, next, LIVRET_SCOPES.competenceLevels);
    }
    const { total, pupils } = await page;
    res.setHeader('Cache-Control', 'no-store');
    res.json(presentCompetenceLevelsPage({ uai, pupils, page: { number, size, total }, basePath: `/api/organizations/${uai}/competence-levels` }));
  });

  return router;
}

function clampInt(value: unknown, fallback: number, min: number, max: number): number {
  const parsed = typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : fallback;
  return Math.min(max, Math.max(min, parsed));
}
