import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { Logger } from 'pino';

import type { Config } from '../config/config.js';
import type { GraphClient } from '../graph/graph-client.js';
import { GraphRepository } from '../graph/repositories.js';
import { resolvers } from '../resolvers/index.js';
import { Loaders } from '../services/loaders.js';
import type { GraphQLContext } from './context.js';
import { formatError } from './format-error.js';
import { operationPlugin } from './plugins.js';
import { loadTypeDefs } from './schema.js';
import { loadTrustedDocuments, trustedDocumentsPlugin } from './trusted-documents.js';

/** Largest request body accepted, in bytes; larger bodies get 413 before any parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};

/** A running API: its HTTP server, its URL, and how to stop it. */
export interface App {
  readonly server: http.Server;
  readonly url: string;
  /** Stops accepting, lets in-flight requests finish, then stops Apollo. Does not close the graph. */
  stop(): Promise<void>;
}

/**
 * Builds and starts the API on `config.host:config.port` (port 0 picks a free one, for tests).
 *
 * @example
 * const app = await startApp({ config, graph, log });
 * console.log(app.url);
 */
export async function startApp(deps: { config: Config; graph: GraphClient; log: Logger }): Promise<App> {
  const { config, graph, log } = deps;
  const production = config.nodeEnv === 'production';
  const server = http.createServer();
  const apollo = new ApolloServer<GraphQLContext>({
    typeDefs: loadTypeDefs(),
    resolvers,
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    formatError: formatError(config.nodeEnv === 'development'),
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Signals are handled by main.ts, which also closes the driver.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: 10_000 }),
      // Apollo's landing pages load scripts from a CDN, which cannot load offline.
      ApolloServerPluginLandingPageDisabled(),
      operationPlugin({ exposeRoundTrips: config.exposeRoundTrips }),
      ...(config.trustedDocuments ? [trustedDocumentsPlugin(loadTrustedDocuments())] : []),
    ],
  });
  await apollo.start();

  server.on('request', (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error }, 'request handler failed');
      if (!res.headersSent)
        send(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://localhost');

    if (url.pathname === '/healthz') return sendPlain(req, res, 200, { status: 'ok' });
    if (url.pathname === '/readyz') {
      try {
        await graph.ping();
        return sendPlain(req, res, 200, { status: 'ready' });
      } catch {
        return sendPlain(req, res, 503, { status: 'unavailable', reason: 'the graph database does not answer' });
      }
    }
    if (url.pathname !== '/graphql') return send(res, 404, { error: 'not found' });
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      return send(res, 405, { errors: [{ message: 'Use GET or POST', extensions: { code: 'BAD_REQUEST' } }] });
    }

    const body = await readBody(req, res);
    if (body === undefined) return;
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = { method: req.method, headers, search: url.search, body };
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: async () => {
        const repo = new GraphRepository(graph);
        return { requestId, repo, loaders: new Loaders(repo), log };
      },
    });
    for (const [name, value] of result.headers) res.setHeader(name, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${host}:${address.port}/graphql`,
    stop: () => apollo.stop(),
  };
}

/** Reads a JSON body up to MAX_BODY_BYTES; answers 413 or 400 itself and returns undefined then. */
async function readBody(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  if (req.method !== 'POST') return null;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    send(res, 413, { errors: [{ message: 'Request body too large', extensions: { code: 'BAD_REQUEST' } }] });
    req.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      send(res, 413, { errors: [{ message: 'Request body too large', extensions: { code: 'BAD_REQUEST' } }] });
      req.destroy();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (!type.includes('application/json')) return text;
  try {
    return text.length === 0 ? null : (JSON.parse(text) as unknown);
  } catch {
    send(res, 400, { errors: [{ message: 'The body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    return undefined;
  }
}

function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

function sendPlain(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return send(res, 405, { error: 'method not allowed' });
  }
  send(res, status, body);
}
