import express, { Router } from 'express';
import { escapeHtml, renderPlainPage } from '../../widgets-host/render-widget-page.ts';
import { autoPostPage } from '../application/pages/gar-pages.ts';
import { DEMO_GAR_PEOPLE, type DemoIdp } from './demo-idp.ts';

/**
 * `/demo/gar-idp/*` (mounted only with /demo): the demo IdP's metadata, its SSO endpoint (checks our signed
 * AuthnRequest, asks who you are) and the signed Response posted to /saml/acs.
 */
export function demoIdpRoutes(deps: { idp: DemoIdp; acsUrl: () => string }): Router {
  const router = Router();
  router.get('/demo/gar-idp/metadata.xml', (_req, res) => {
    res.type('application/samlmetadata+xml').send(deps.idp.metadataXml());
  });

  router.get('/demo/gar-idp/sso', (req, res) => {
    let request;
    try {
      request = deps.idp.readAuthnRequest(req.originalUrl.split('?')[1] ?? '');
    } catch (error) {
      res
        .status(400)
        .type('html')
        .send(renderPlainPage({ title: 'IdP de démonstration — refus', body: `<h1>Demande refusée</h1><p>${escapeHtml((error as Error).message)}</p>` }));
      return;
    }
    const people = DEMO_GAR_PEOPLE.map(
      (person) => `<li><button type="submit" name="person" value="${escapeHtml(person.key)}">${escapeHtml(person.label)}</button></li>`,
    ).join('\n');
    res
      .type('html')
      .setHeader('Cache-Control', 'no-store')
      .send(
        renderPlainPage({
          title: 'GAR de démonstration — Pix Embed',
          body: `<h1>GAR de démonstration</h1>
<p>Ce fournisseur d’identité imite le GAR : il a vérifié la signature de la demande de Pix Embed et va renvoyer une réponse signée avec les attributs IDO, UAI, PRE, NOM, PRO, DIV… de la personne choisie.</p>
<p lang="en">A GAR-like identity provider for the demo: pick who you are; it posts a signed SAML response to Pix Embed.</p>
<form method="post" action="/demo/gar-idp/respond">
<input type="hidden" name="request" value="${escapeHtml(request.id)}">
<input type="hidden" name="relay" value="${escapeHtml(request.relayState ?? '')}">
<ul class="people">
${people}
</ul>
</form>`,
        }),
      );
  });

  router.post('/demo/gar-idp/respond', express.urlencoded({ extended: false, limit: '4kb' }), (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const person = DEMO_GAR_PEOPLE.find((p) => p.key === body.person);
    const requestId = typeof body.request === 'string' && /^[A-Za-z_][\w.-]{0,80}$/.test(body.request) ? body.request : null;
    if (!person || !requestId) {
      res.status(400).type('html').send(renderPlainPage({ title: 'Demande invalide', body: '<h1>Demande invalide</h1>' }));
      return;
    }
    const relay = typeof body.relay === 'string' ? body.relay : '';
    res
      .type('html')
      .setHeader('Cache-Control', 'no-store')
      .send(
        autoPostPage({
          action: deps.acsUrl(),
          fields: { SAMLResponse: deps.idp.createResponse(person, requestId), ...(relay ? { RelayState: relay } : {}) },
          nonce: res.locals.cspNonce ?? '',
          title: 'Connexion à Pix Embed…',
        }),
      );
  });
  return router;
}
