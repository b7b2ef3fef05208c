import { Router } from 'express';
import { extname, join } from 'node:path';
import type { SignedUrls } from '../../identity/domain/signed-url.ts';
import { AppError, notFound } from '../../shared/domain/errors.ts';
import type { Referential } from '../domain/referential.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.eml': 'message/rfc822',
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.py': 'text/plain; charset=utf-8',
  '.js': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.odp': 'application/vnd.oasis.opendocument.presentation',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.zip': 'application/zip',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

/** Where a challenge's files are served from; the presenter signs these paths. */
export function attachmentPath(challengeId: string, file: string, kind: 'file' | 'embed' = 'file'): string {
  return `/${kind === 'embed' ? 'embeds' : 'attachments'}/${encodeURIComponent(challengeId)}/${encodeURIComponent(file)}`;
}

/**
 * Attachments, illustrations and embedded mock pages of a challenge. Links are signed and short-lived: a
 * challenge's files are reachable only by someone who was shown the challenge. Only files the challenge
 * declares are served (no path from the request reaches the file system).
 */
export function attachmentRoutes(deps: { referential: () => Referential; signedUrls: SignedUrls; referentialDir: string }): Router {
  const router = Router();

  function resolve(challengeId: string, file: string, path: string, query: Record<string, unknown>, kind: 'file' | 'embed') {
    if (!deps.signedUrls.verify(path, query)) throw new AppError('LINK_EXPIRED', 403, 'Lien expiré : rechargez la question pour obtenir un nouveau lien.');
    const challenge = deps.referential().challenges.get(challengeId);
    const declared =
      kind === 'embed'
        ? challenge?.embed?.file === file
        : Boolean(challenge && (challenge.attachments.includes(file) || challenge.illustration?.file === file));
    if (!challenge || !declared) throw notFound();
    return join(deps.referentialDir, 'attachments', challenge.id, file);
  }

  router.get('/attachments/:challengeId/:file', (req, res, next) => {
    const { challengeId, file } = req.params;
    const location = resolve(challengeId, file, attachmentPath(challengeId, file), req.query, 'file');
    const extension = extname(file).toLowerCase();
    const isImage = /^image\//.test(CONTENT_TYPES[extension] ?? '');
    res.setHeader('Content-Type', CONTENT_TYPES[extension] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', 'private, max-age=600');
    // Images display inline; every other file downloads, so a document can never run in our origin.
    res.setHeader('Content-Disposition', `${isImage ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file)}`);
    if (extension === '.svg') res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    res.sendFile(location, { dotfiles: 'deny', headers: {} }, (error) => error && next(notFound()));
  });

  router.get('/embeds/:challengeId/:file', (req, res, next) => {
    const { challengeId, file } = req.params;
    const location = resolve(challengeId, file, attachmentPath(challengeId, file, 'embed'), req.query, 'embed');
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'private, max-age=600');
    // A mock page in a sandbox: its own scripts run, but with an opaque origin and no network.
    res.setHeader(
      'Content-Security-Policy',
      "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
    );
    res.sendFile(location, { dotfiles: 'deny' }, (error) => error && next(notFound()));
  });
  return router;
}
