import express, { Router, type Response } from 'express';
import { DEMO_PEOPLE } from '../../seed/demo-seed.ts';
import { escapeHtml, renderPlainPage } from '../../widgets-host/render-widget-page.ts';
import { renderAutoPostPage } from '../application/lti-pages.ts';
import type { DemoPlatform } from './demo-platform.ts';
import { DemoServiceError } from './demo-platform-services.ts';

const ROLE_LABELS = { ADMIN: 'administratrice', MEMBER: 'enseignant', PUPIL: 'élève' } as const;

/**
 * `/demo/lti`: the demo platform's course page — real LTI 1.3 launches of the demo school's people — and the
 * platform's own endpoints (`/demo/platform/…`: JWKS, authorization, deep-linking return, token, class lists).
 * Never in production.
 */
/** Runs a service endpoint; its refusals go out as OAuth2 errors ({ error, error_description }), as a platform's do. */
async function answerOrRefuse(res: Response, answer: () => Promise<void>): Promise<void> {
  try {
    await answer();
  } catch (error) {
    if (!(error instanceof DemoServiceError)) throw error;
    res.status(error.status).json({ error: error.code, error_description: error.message });
  }
}

export function demoPlatformRoutes(demo: DemoPlatform): Router {
  const router = Router();
  router.get('/demo/lti', (_req, res) => {
    const people = DEMO_PEOPLE.map((person) => {
      const name = escapeHtml(`${person.firstName} ${person.lastName}`);
      const links =
        person.role === 'PUPIL'
          ? `<a href="${escapeHtml(demo.loginUrl(person.key, { kind: 'link', competenceIndex: '1.1' }))}">Évaluation 1.1</a> ·
<a href="${escapeHtml(demo.loginUrl(person.key, { kind: 'link', competenceIndex: null }))}">Mon profil</a>`
          : `<a href="${escapeHtml(demo.loginUrl(person.key, { kind: 'link', competenceIndex: '1.1' }))}">Vue enseignant (évaluation 1.1)</a> ·
<a href="${escapeHtml(demo.loginUrl(person.key, { kind: 'deep-linking' }))}">Ajouter une activité (sélecteur)</a>`;
      return `<li><strong>${name}</strong> (${ROLE_LABELS[person.role]}) : ${links}</li>`;
    }).join('\n');
    res.type('html').send(
      renderPlainPage({
        title: 'Pix Embed — plateforme LTI de démonstration',
        body: `<h1>Plateforme LTI de démonstration</h1>
<p>Chaque lien fait un vrai lancement LTI 1.3 signé (connexion OIDC, jeton d’identité RS256, toutes les vérifications de production) vers Pix Embed, comme depuis Moodle.</p>
<p lang="en">Each link performs a real signed LTI 1.3 launch into Pix Embed, as from Moodle.</p>
<ul class="people">${people}</ul>`,
      }),
    );
  });

  router.get('/demo/platform/jwks', async (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(await demo.keys.publicJwks());
  });

  router.get('/demo/platform/auth', async (req, res) => {
    let answer;
    try {
      answer = await demo.authorize(req.query);
    } catch {
      res.status(400).type('html').send(renderPlainPage({ title: 'Plateforme de démonstration', body: '<h1>Demande d’autorisation invalide</h1>' }));
      return;
    }
    res
      .type('html')
      .setHeader('Cache-Control', 'no-store')
      .send(
        renderAutoPostPage({
          title: 'Plateforme de démonstration',
          message: 'Ouverture de Pix Embed… / Opening Pix Embed…',
          action: answer.redirectUri,
          fields: { id_token: answer.idToken, state: answer.state },
          nonce: res.locals.cspNonce ?? '',
        }),
      );
  });

  router.post('/demo/platform/token', express.urlencoded({ extended: false, limit: '16kb' }), async (req, res) => {
    await answerOrRefuse(res, async () => {
      res.setHeader('Cache-Control', 'no-store').json(await demo.services.issueToken(req.body ?? {}));
    });
  });

  router.get('/demo/platform/memberships/:classCode', async (req, res) => {
    await answerOrRefuse(res, async () => {
      const role = typeof req.query.role === 'string' ? req.query.role : undefined;
      const { mediaType, body } = demo.services.memberships(req.params.classCode, req.get('authorization'), role);
      res.type(mediaType).send(JSON.stringify(body));
    });
  });

  router.post('/demo/platform/deep-linking-return', express.urlencoded({ extended: false, limit: '64kb' }), async (req, res) => {
    const jwt = typeof req.body?.JWT === 'string' ? req.body.JWT : '';
    let items;
    try {
      items = await demo.readDeepLinkingResponse(jwt);
    } catch {
      res.status(400).type('html').send(renderPlainPage({ title: 'Plateforme de démonstration', body: '<h1>Réponse de sélection invalide</h1>' }));
      return;
    }
    const list = items.map((item) => `<li>${escapeHtml(item.title)} <code>${escapeHtml(JSON.stringify(item.custom))}</code></li>`).join('\n');
    res.type('html').send(
      renderPlainPage({
        title: 'Plateforme de démonstration — activité ajoutée',
        body: `<h1>Activité ajoutée au cours</h1>
<p>La plateforme a reçu et vérifié la réponse signée de Pix Embed :</p>
<ul id="picked">${list}</ul>
<p><a href="/demo/lti">Retour au cours de démonstration</a></p>`,
      }),
    );
  });
  return router;
}
