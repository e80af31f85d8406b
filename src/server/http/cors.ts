import type { IncomingMessage, ServerResponse } from 'node:http';

import { sendError } from './respond.js';

/** Headers a browser may send cross-origin (Apollo's CSRF preflight headers among them). */
const CORS_ALLOWED_HEADERS = 'content-type, apollo-require-preflight, x-apollo-operation-name, x-request-id, neo4j-bookmark';
/** Response headers a browser script may read: the request id, and the bookmark of a mutation's writes. */
const CORS_EXPOSED_HEADERS = 'x-request-id, neo4j-bookmark';

/**
 * CORS: a request from an allowed origin gets `access-control-allow-origin`; a preflight (OPTIONS with
 * Origin and Access-Control-Request-Method) is answered here, 204 for an allowed origin and 403 otherwise.
 * Returns false when the response has been sent.
 *
 * @example
 * if (!applyCors(req, res, config.corsOrigins)) return;
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  res.setHeader('vary', 'Origin');
  const allowedOrigin = origin !== undefined && (allowed.includes('*') || allowed.includes(origin));
  if (allowedOrigin) {
    res.setHeader('access-control-allow-origin', allowed.includes('*') ? '*' : origin);
    res.setHeader('access-control-expose-headers', CORS_EXPOSED_HEADERS);
  }
  const preflight = req.method === 'OPTIONS' && origin !== undefined && req.headers['access-control-request-method'] !== undefined;
  if (!preflight) return true;
  if (!allowedOrigin) {
    sendError(res, 403, 'FORBIDDEN', 'Cross-origin requests from this origin are not allowed');
    return false;
  }
  res.setHeader('access-control-allow-methods', 'GET, POST');
  res.setHeader('access-control-allow-headers', CORS_ALLOWED_HEADERS);
  res.setHeader('access-control-max-age', '600');
  res.statusCode = 204;
  res.end();
  return false;
}
