import { randomBytes } from 'node:crypto';
import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * CSP with a per-response nonce for the one inline boot script data block and module scripts.
 * Deliberate choices:
 * - `frame-ancestors` lists the platforms allowed to embed the tool (X-Frame-Options is off: it cannot list origins);
 * - Cross-Origin-Opener-Policy is `unsafe-none`: LMS registration pop-ups talk back through window.opener;
 * - Cross-Origin-Resource-Policy is `cross-origin` for static assets (ENT pages load our scripts) and `same-site` elsewhere.
 */
export function securityHeaders(options: { frameAncestors: () => string[] }): RequestHandler {
  return (req, res, next) => {
    const nonce = randomBytes(16).toString('base64');
    res.locals.cspNonce = nonce;
    const isAsset = req.path.startsWith('/assets/') || req.path.startsWith('/attachments/');
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", `'nonce-${nonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          frameSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'self'", ...options.frameAncestors()],
        },
      },
      xFrameOptions: false,
      crossOriginOpenerPolicy: { policy: 'unsafe-none' },
      crossOriginResourcePolicy: { policy: isAsset ? 'cross-origin' : 'same-site' },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    })(req, res, next);
  };
}
