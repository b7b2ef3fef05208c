import { createServer, type RequestListener, type Server } from 'node:http';
import express from 'express';
import type { Container } from './composition-root.ts';
import { STATIC_DIR, WIDGETS_DIST_DIR } from './composition-root.ts';
import { securityHeaders } from './shared/application/http/security-headers.ts';
import { requestLogger } from './shared/application/http/request-logger.ts';
import { errorHandler, notFoundHandler } from './shared/application/http/error-handler.ts';
import { jsonLane } from './shared/application/http/json-lane.ts';
import { healthRoutes } from './shared/application/health-routes.ts';
import { requireSession } from './identity/application/require-session.ts';
import { meRoutes } from './identity/application/me-routes.ts';
import { demoRoutes } from './identity/application/demo-routes.ts';
import { aboutRoutes } from './widgets-host/about-routes.ts';
import { loadWidgetManifest } from './widgets-host/widget-manifest.ts';
import { createWidgetPages, widgetMessagesRoute } from './widgets-host/widget-pages.ts';
import { cliRoutes } from './cli/cli-routes.ts';
import { ltiRoutes } from './lti/application/lti-routes.ts';
import { demoPlatformRoutes } from './lti/demo/demo-platform-routes.ts';
import { garApiRoutes, garRoutes } from './gar/application/gar-routes.ts';
import { livretApiRoutes } from './livret/application/livret-api-routes.ts';
import { livretAdminApiRoutes, livretAdminPageRoutes } from './livret/application/livret-admin-routes.ts';
import { evaluationRoutes } from './evaluation/application/evaluation-routes.ts';
import { campaignRoutes } from './campaigns/application/campaign-routes.ts';
import { campaignPageRoutes } from './campaigns/application/campaign-pages.ts';
import { attachmentRoutes } from './referential/application/attachment-routes.ts';
import { tutorialRoutes } from './referential/application/tutorial-routes.ts';
import { REFERENTIAL_DIR } from './composition-root.ts';

/** The tool's HTTP handler, and a server listening with it. */
export interface App {
  handle: RequestListener;
  listen(port: number, host: string, onListening?: () => void): Server;
}

/**
 * The HTTP application: reading this file top to bottom shows every route family of the tool. The widgets'
 * evaluation API (the answer path, the most frequent requests) is served by the JSON lane before Express.
 */
export function createApp(container: Container, options: { cliToken?: string } = {}): App {
  const handle = jsonLane({
    routes: evaluationRoutes({ ...container.evaluation, accounts: container.accounts }),
    tokens: container.tokens,
    logger: container.logger,
    next: createExpressApp(container, options),
  });
  return { handle, listen: (port, host, onListening) => createServer(handle).listen(port, host, onListening) };
}

function createExpressApp(container: Container, options: { cliToken?: string }): RequestListener {
  const { config } = container;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');

  app.use(requestLogger(container.logger));
  app.use(securityHeaders({ frameAncestors: (req) => [...config.frameAncestors, ...container.lti.frameAncestors(req.url ?? '')] }));
  app.use(healthRoutes({ database: container.database, version: config.version }));

  // The other JSON APIs before the pages: their requests walk no page router's routes.
  // The livret scolaire API (LSU/LSL: OAuth2 client credentials) comes before the session-protected /api router.
  app.use(livretApiRoutes(container.livret));
  const api = express.Router();
  api.use(express.json({ limit: '64kb' }));
  api.use(requireSession(container.tokens));
  api.use(meRoutes({ accounts: container.accounts, memberships: container.memberships }));
  api.use(campaignRoutes(container.campaigns));
  api.use(garApiRoutes(container.gar));
  api.use(livretAdminApiRoutes(container.livret));
  app.use('/api', api);

  // Hashed widget bundles never change: cache them for a year.
  app.use('/assets', express.static(WIDGETS_DIST_DIR, { immutable: true, maxAge: '365d', index: false, dotfiles: 'ignore', fallthrough: false }));
  app.use('/static', express.static(STATIC_DIR, { maxAge: '1h', index: false, fallthrough: false }));

  app.use(attachmentRoutes({ referential: () => container.referential, signedUrls: container.signedUrls, referentialDir: REFERENTIAL_DIR }));
  app.use(tutorialRoutes({ referential: () => container.referential }));

  app.use(widgetMessagesRoute());
  const pages = createWidgetPages(loadWidgetManifest(WIDGETS_DIST_DIR), config.publicUrl);
  app.use(aboutRoutes({ pages, framework: container.framework, version: config.version, publicUrl: config.publicUrl }));
  if (config.demoEnabled) {
    app.use(
      demoRoutes({
        pages,
        tokens: container.tokens,
        accounts: container.accounts,
        memberships: container.memberships,
        organizations: container.organizations,
        clock: container.clock,
        publicUrl: config.publicUrl,
        framework: container.framework,
        version: config.version,
        evaluation: container.evaluation,
        campaigns: container.campaigns,
      }),
    );
  }
  app.use(ltiRoutes({ ...container.lti.deps, pages }));
  if (container.lti.demo) app.use(demoPlatformRoutes(container.lti.demo));
  app.use(garRoutes(container.gar, pages));
  app.use(campaignPageRoutes({ demoEnabled: config.demoEnabled, pages, tokens: container.tokens, evaluation: container.evaluation, campaigns: container.campaigns }));
  if (options.cliToken) app.use(cliRoutes(container, options.cliToken));

  app.use(livretAdminPageRoutes());

  app.use(notFoundHandler());
  app.use(errorHandler());
  return app;
}
