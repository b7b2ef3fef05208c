import { Router } from 'express';
import type { WidgetPages } from '../../widgets-host/widget-pages.ts';
import { garError } from '../domain/gar-errors.ts';
import { demoIdpRoutes } from '../demo/demo-idp-routes.ts';
import type { GarContainer } from '../gar-container.ts';
import { garErrorPage } from './pages/gar-pages.ts';
import { reconciliationApiRoutes } from './reconciliation-api-routes.ts';
import { rosterApiRoutes } from './roster-api-routes.ts';
import { samlRoutes } from './saml-routes.ts';

/** Every GAR route family: the SAML service provider, and the /demo IdP when /demo is on. */
export function garRoutes(gar: GarContainer, pages: WidgetPages): Router {
  const router = Router();
  if (!gar.deps) {
    router.all('/saml/{*rest}', (_req, res) => {
      res.status(404).type('html').send(garErrorPage(garError('SAML_NOT_CONFIGURED'), undefined));
    });
    return router;
  }
  router.use(samlRoutes(gar.deps, pages));
  const deps = gar.deps;
  if (gar.demoIdp) router.use(demoIdpRoutes({ idp: gar.demoIdp, acsUrl: () => deps.sp.acsUrl }));
  return router;
}

/** The GAR's JSON API (mounted under /api, behind the session check): roster upload, school settings, reconciliation. */
export function garApiRoutes(gar: GarContainer): Router {
  const router = Router();
  if (!gar.deps) return router;
  router.use(rosterApiRoutes(gar.deps));
  router.use(reconciliationApiRoutes(gar.deps));
  return router;
}
