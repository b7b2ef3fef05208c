import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { RequestHandler } from 'express';

type ResponseWithNonce = ServerResponse & { locals?: { cspNonce?: string } };

/**
 * CSP with a per-response nonce for the widget module script. Deliberate choices:
 * - `frame-ancestors` lists the platforms allowed to embed the tool (X-Frame-Options is off: it cannot list origins);
 * - Cross-Origin-Opener-Policy is `unsafe-none`: LMS registration pop-ups talk back through window.opener;
 * - Cross-Origin-Resource-Policy is `cross-origin` for static assets (ENT pages load our scripts) and `same-site` elsewhere.
 * Both helmet instances are built once; the nonce and the allowed framers are read per response.
 */
export function securityHeaders(options: { frameAncestors: (req: IncomingMessage) => string[] }): RequestHandler {
  const build = (resourcePolicy: 'cross-origin' | 'same-site') =>
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req: IncomingMessage, res: ServerResponse) => `'nonce-${(res as ResponseWithNonce).locals?.cspNonce ?? ''}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          frameSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'self'", (req: IncomingMessage) => options.frameAncestors(req).join(' ')],
        },
      },
      xFrameOptions: false,
      crossOriginOpenerPolicy: { policy: 'unsafe-none' },
      crossOriginResourcePolicy: { policy: resourcePolicy },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    });
  const forAssets = build('cross-origin');
  const forPages = build('same-site');
  return (req, res, next) => {
    if (isApiPath(req.path)) {
      for (const [name, value] of Object.entries(API_RESPONSE_HEADERS)) res.setHeader(name, value);
      next();
      return;
    }
    // randomUUID draws from a cached entropy pool: cheaper than randomBytes on every request.
    res.locals.cspNonce = randomUUID().replace(/-/g, '');
    const isAsset = req.path.startsWith('/assets/') || req.path.startsWith('/attachments/');
    (isAsset ? forAssets : forPages)(req, res, next);
  };
}

/** The JSON APIs' paths (`/api/…`, any case, as Express routes them). */
export const isApiPath = (path: string): boolean => /^\/api\//i.test(path);

/**
 * Every response of the JSON APIs (/api): nothing in it is a page, so nothing may run, be framed or be stored by a
 * browser or a proxy (they carry pupils' answers and levels). Built once: no nonce, no framer list to compute.
 */
export const API_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Cross-Origin-Resource-Policy': 'same-site',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

/**
 * Lets this one response post a form to another origin (the LTI deep-linking answer auto-posts its JWT to the
 * platform's return URL): adds the origin to the form-action directive already set by `securityHeaders`.
 */
export function allowFormAction(res: ServerResponse, url: string): void {
  const csp = res.getHeader('content-security-policy');
  const origin = new URL(url).origin;
  if (typeof csp === 'string') res.setHeader('content-security-policy', csp.replace(/form-action ([^;]*)/, (_match, list: string) => `form-action ${list.trim()} ${origin}`));
}
