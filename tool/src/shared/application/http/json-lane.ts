import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { authenticate, refreshedTokenHeaders } from '../../../identity/application/require-session.ts';
import type { SessionClaims, SessionTokens } from '../../../identity/domain/session-token.ts';
import { notFound } from '../../domain/errors.ts';
import { badJson, errorResponse, payloadTooLarge } from './error-handler.ts';
import { trackRequest } from './request-logger.ts';
import { API_RESPONSE_HEADERS, isApiPath } from './security-headers.ts';

/**
 * The JSON lane: the widgets' session-authenticated JSON endpoints on node's HTTP server itself, in front of the
 * Express app. A pupil's answer is the tool's most frequent request, and Express's per-request machinery (router
 * walk, helmet, body-parser) cost a fifth of the server's CPU per answer (measured with `bench answers`). The lane
 * keeps what those gave: request id and log line, the API's security headers, the session check with token
 * refresh, a bounded JSON body, and the JSON error model. Any other request goes on to Express unchanged.
 */
export interface JsonRoute {
  method: 'GET' | 'POST';
  /** `/api/…` with `:name` parameters (one path segment each). */
  path: string;
  handle(request: { params: Record<string, string>; body: unknown; session: SessionClaims }): Promise<unknown>;
}

export const JSON_BODY_LIMIT_BYTES = 64 * 1024;

interface CompiledRoute extends JsonRoute {
  pattern: RegExp;
  names: string[];
}

export function jsonLane(options: { routes: readonly JsonRoute[]; tokens: SessionTokens; logger: Logger; next: RequestListener }): RequestListener {
  const routes = options.routes.map(compile);
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const match = isApiPath(path) ? find(routes, req.method, path) : null;
    if (!match) {
      options.next(req, res);
      return;
    }
    trackRequest(options.logger, req, res, path);
    serve(options.tokens, match.route, match.params, req, res).catch((error: unknown) => reply(req, res, error));
  };
}

async function serve(tokens: SessionTokens, route: CompiledRoute, rawParams: string[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  // The body is read first (and bounded) so a refused request never leaves unread bytes on a kept-alive connection.
  const text = req.method === 'POST' ? await readBody(req) : '';
  const { claims, refreshed } = await authenticate(tokens, req.headers.authorization);
  const params = Object.fromEntries(route.names.map((name, i) => [name, decodeParam(rawParams[i]!)]));
  const result = await route.handle({ params, body: parseBody(req, text), session: claims });
  send(res, 200, JSON.stringify(result), refreshedTokenHeaders(refreshed));
}

function reply(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  const { status, body } = errorResponse(error, req.id);
  if (status >= 500) req.log?.error({ err: error }, 'request failed');
  if (res.headersSent || res.destroyed) return;
  send(res, status, JSON.stringify(body), {});
}

function send(res: ServerResponse, status: number, json: string, extra: Record<string, string>): void {
  res.writeHead(status, { ...API_RESPONSE_HEADERS, ...extra, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}

function compile(route: JsonRoute): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  // As Express matches: case-insensitive, an optional trailing slash.
  return { ...route, names, pattern: new RegExp(`^${source}/?$`, 'i') };
}

function find(routes: readonly CompiledRoute[], method: string | undefined, path: string): { route: CompiledRoute; params: string[] } | null {
  for (const route of routes) {
    if (route.method !== method) continue;
    const found = route.pattern.exec(path);
    if (found) return { route, params: found.slice(1) };
  }
  return null;
}

function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw notFound();
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (declared > JSON_BODY_LIMIT_BYTES) return Promise.reject(payloadTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= JSON_BODY_LIMIT_BYTES) chunks.push(chunk);
    });
    req.once('end', () => (size > JSON_BODY_LIMIT_BYTES ? reject(payloadTooLarge()) : resolve(Buffer.concat(chunks, size).toString('utf8'))));
    req.once('error', reject);
  });
}

/** As express.json(): a body is read as JSON only when the request says it is JSON; an empty body is no body. */
function parseBody(req: IncomingMessage, text: string): unknown {
  if (text === '' || !/^application\/(?:[\w.+-]+\+)?json\b/i.test(req.headers['content-type'] ?? '')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badJson();
  }
}
