import { Router } from 'express';
import { notFound } from '../../shared/domain/errors.ts';
import { escapeHtml, renderPlainPage } from '../../widgets-host/render-widget-page.ts';
import type { Referential } from '../domain/referential.ts';

/** In-tool tutorials (format `page`), written in the referential: public pages, readable without a session. */
export function tutorialRoutes(deps: { referential: () => Referential }): Router {
  const router = Router();
  router.get('/tutorials/:id', (req, res) => {
    const tutorial = deps.referential().tutorials.get(req.params.id);
    if (!tutorial?.bodyHtml) throw notFound('Tutoriel introuvable.');
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('html').send(
      renderPlainPage({
        title: `${tutorial.title} — Pix Embed`,
        body: `<article><h1>${escapeHtml(tutorial.title)}</h1>
<p class="meta">${tutorial.durationMinutes} min</p>
${tutorial.bodyHtml}</article>`,
      }),
    );
  });
  return router;
}
