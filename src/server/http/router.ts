import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Logger } from 'pino';

import type { ApiMetrics } from '../metrics.js';
import { sendError } from './respond.js';

/** What a route handler gets besides the request and the response. */
export interface RouteContext {
  readonly url: URL;
  /** The request id: the client's `x-request-id` when well formed, else a new UUID. */
  readonly requestId: string;
}

/** One HTTP endpoint: a path, the methods it answers, and its handler. */
export interface Route {
  /** The exact path, such as `/graphql`; the first route whose path matches handles the request. */
  readonly path: string;
  /** Methods answered; others get 405 with `allow`. Undefined: the handler checks methods itself. */
  readonly methods?: readonly string[];
  handle(req: IncomingMessage, res: ServerResponse, context: RouteContext): Promise<void> | void;
}

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};

/**
 * The HTTP request handler: request id, security headers, metrics by route, dispatch to the first
 * matching route, 404 and 405 with a stable code, and a masked 500 for a handler that throws.
 *
 * @example
 * server.on('request', createRequestHandler({ routes: [healthRoute, graphqlRoute], log, metrics }));
 */
export function createRequestHandler(options: {
  readonly routes: readonly Route[];
  readonly log: Logger;
  readonly metrics?: ApiMetrics;
  /**
   * Tried before the routes: answers what it serves (the web pages and their assets, GraphiQL for a
   * browser asking for /graphql) and returns true, else false.
   */
  readonly pages?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
}): (req: IncomingMessage, res: ServerResponse) => void {
  const { routes, log, metrics, pages } = options;
  const known = new Set(routes.map((route) => route.path));
  return (req, res) => {
    metrics?.startHttpRequest(res);
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (metrics) {
      const route = known.has(url.pathname) ? url.pathname : 'other';
      res.once('finish', () => metrics.observeHttp(route, res.statusCode));
    }
    dispatch(req, res, { url, requestId }).catch((error: unknown) => {
      log.error({ err: error, requestId }, 'request handler failed');
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else res.destroy();
    });
  };

  async function dispatch(req: IncomingMessage, res: ServerResponse, context: RouteContext): Promise<void> {
    if (pages && (await pages(req, res, context.url))) return;
    const route = routes.find((r) => r.path === context.url.pathname);
    if (!route) return sendError(res, 404, 'NOT_FOUND', `Nothing is served at ${context.url.pathname}`);
    if (route.methods && !route.methods.includes(req.method ?? '')) {
      return sendError(res, 405, 'BAD_REQUEST', `Use ${route.methods.join(' or ')}`, { allow: route.methods.join(', ') });
    }
    await route.handle(req, res, context);
  }
}

function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
}
