import { Router } from 'express';
import { localize, type FrameworkFile } from '../referential/infrastructure/framework-file.ts';
import { pickLocale, type WidgetPages } from './widget-pages.ts';

/** The public "about this tool" page: the widget pipeline's first real widget. */
export function aboutRoutes(deps: { pages: WidgetPages; framework: FrameworkFile; version: string; publicUrl: string }): Router {
  const router = Router();
  router.get(['/', '/about'], (req, res) => {
    const locale = pickLocale(req);
    deps.pages.send(req, res, {
      widget: 'about',
      title: locale.startsWith('en') ? 'Pix Embed — about' : 'Pix Embed — à propos',
      locale,
      boot: { data: aboutData(deps.framework, deps.version, locale) },
    });
  });
  return router;
}

/** What the about widget shows, localised on the server so no catalogue of competence names ships in the widget. */
export function aboutData(framework: FrameworkFile, version: string, locale: string) {
  return {
    version,
    areas: framework.areas.map((area) => ({
      code: area.code,
      name: localize(area.name, locale),
      competences: area.competences.map((competence) => ({ index: competence.index, name: localize(competence.name, locale) })),
    })),
  };
}
