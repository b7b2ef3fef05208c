import type { Request, Response } from 'express';
import { AppError } from '../shared/domain/errors.ts';
import { renderWidgetPage, type WidgetPage } from './render-widget-page.ts';
import type { WidgetAssets } from './widget-manifest.ts';

export interface WidgetPages {
  /** Sends a page that mounts `widget` with its first screen's data inlined. */
  send(req: Request, res: Response, page: Omit<WidgetPage, 'nonce'>): void;
}

export function createWidgetPages(manifest: Map<string, WidgetAssets>): WidgetPages {
  return {
    send(_req, res, page) {
      const assets = manifest.get(page.widget);
      if (!assets) throw new AppError('WIDGET_MISSING', 500, `Widget « ${page.widget} » absent du build.`);
      res
        .status(200)
        .type('html')
        .setHeader('Cache-Control', 'no-store')
        .send(renderWidgetPage({ ...page, nonce: res.locals.cspNonce ?? '' }, assets));
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
