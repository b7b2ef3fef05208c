import { Router } from 'express';
import { notFound } from '../../shared/domain/errors.ts';
import { escapeHtml, renderPlainPage } from '../../widgets-host/render-widget-page.ts';
import type { Referential } from '../domain/referential.ts';

/**
 * In-tool tutorials (format `page`), written in the referential: public pages, readable without a session.
 * `?links=text` (added by the pupil widget and the GAR landing for GAR sessions that do not allow links):
 * the addresses in the body are printed as text, not as links.
 */
export function tutorialRoutes(deps: { referential: () => Referential }): Router {
  const router = Router();
  router.get('/tutorials/:id', (req, res) => {
    const tutorial = deps.referential().tutorials.get(req.params.id);
    if (!tutorial?.bodyHtml) throw notFound('Tutoriel introuvable.');
    const body = req.query.links === 'text' ? tutorial.bodyHtmlLinksAsText : tutorial.bodyHtml;
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('html').send(
      renderPlainPage({
        title: `${tutorial.title} — Pix Embed`,
        body: `<article><h1>${escapeHtml(tutorial.title)}</h1>
<p class="meta">${tutorial.durationMinutes} min</p>
${body ?? ''}</article>`,
      }),
    );
  });
  return router;
}
