import { Router, type Request, type Response } from 'express';
import { AppError } from '../shared/domain/errors.ts';
import { renderWidgetPage, type WidgetPage } from './render-widget-page.ts';
import type { WidgetAssets } from './widget-manifest.ts';
import { messages, resolveLocale } from '../../../widgets/src/kit/catalogue.ts';

export interface WidgetPages {
  /** Sends a page that mounts `widget` with its first screen's data inlined. */
  send(req: Request, res: Response, page: Omit<WidgetPage, 'nonce'>): void;
}

/** Every widget page gets `apiBase` = `<PUBLIC_URL>/api` from here, so no route can get it wrong. */
export function createWidgetPages(manifest: Map<string, WidgetAssets>, publicUrl: string): WidgetPages {
  return {
    send(_req, res, page) {
      const assets = manifest.get(page.widget);
      if (!assets) throw new AppError('WIDGET_MISSING', 500, `Widget « ${page.widget} » absent du build.`);
      res
        .status(200)
        .type('html')
        .setHeader('Cache-Control', 'no-store')
        // The launch locale's interface strings travel with the first screen: no catalogue ships in a bundle.
        .send(renderWidgetPage({ ...page, boot: { ...page.boot, apiBase: `${publicUrl}/api`, messages: messages[resolveLocale(page.locale)] }, nonce: res.locals.cspNonce ?? '' }, assets));
    },
  };
}

/** Locale from `?lang=`, else the browser's preference, French first. */
export function pickLocale(req: Request, fallback = 'fr'): string {
  const asked = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  if (asked && /^(fr|en)([-_][A-Za-z]{2})?$/.test(asked)) return asked;
  const accepted = req.acceptsLanguages('fr', 'en');
  return typeof accepted === 'string' ? accepted : fallback;
}

/** The interface strings of one locale, for widgets mounted as custom elements in ENT pages (no page to inline them). */
export function widgetMessagesRoute(): Router {
  const router = Router();
  router.get('/widgets/messages/:file', (req, res) => {
    const match = /^(fr|en)\.json$/.exec(req.params.file);
    if (!match?.[1]) throw new AppError('NOT_FOUND', 404, 'Langue inconnue.');
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.json(messages[resolveLocale(match[1])]);
  });
  return router;
}
