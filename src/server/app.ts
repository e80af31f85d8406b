import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { getOperationAST, OperationTypeNode, parse } from 'graphql';
import type { Logger } from 'pino';

import type { Config } from '../config/config.js';
import type { GraphClient } from '../graph/graph-client.js';
import { GraphRepository } from '../graph/repositories.js';
import { resolvers } from '../resolvers/index.js';
import { Loaders } from '../services/loaders.js';
import type { GraphQLContext } from './context.js';
import { trackConnections } from './drain.js';
import { formatError } from './format-error.js';
import { ApiMetrics } from './metrics.js';
import { operationLimitsRule } from './operation-limits.js';
import { operationPlugin } from './plugins.js';
import { loadTypeDefs } from './schema.js';
import { documentIdsRefusedPlugin, loadTrustedDocuments, trustedDocumentsPlugin } from './trusted-documents.js';
import { createWebHandler } from './web/serve-web.js';

/** Default of the largest request body accepted, in bytes (LIMIT_MAX_BODY_BYTES); larger bodies get 413. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Headers a browser may send cross-origin (Apollo's CSRF preflight headers among them). */
const CORS_ALLOWED_HEADERS = 'content-type, apollo-require-preflight, x-apollo-operation-name, x-request-id';

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
  /** The app's own Prometheus metrics; undefined when METRICS=false. */
  readonly metrics: ApiMetrics | undefined;
  /**
   * Stops accepting connections, lets in-flight requests finish (up to SHUTDOWN_GRACE_MS), then stops
   * Apollo. Does not close the graph.
   */
  stop(): Promise<void>;
}

/** What {@link startApp} needs. */
export interface AppDependencies {
  readonly config: Config;
  readonly graph: GraphClient;
  readonly log: Logger;
  /**
   * TEST ONLY: replaces each request's repository, so a test can make a repository method fail the way a
   * bug would. main.ts never passes it.
   */
  readonly wrapRepository?: (repo: GraphRepository) => GraphRepository;
}

/**
 * Builds and starts the API on `config.host:config.port` (port 0 picks a free one, for tests).
 *
 * @example
 * const app = await startApp({ config, graph, log });
 * console.log(app.url);
 */
export async function startApp(deps: AppDependencies): Promise<App> {
  const { config, graph, log } = deps;
  const wrapRepository = deps.wrapRepository ?? ((repo: GraphRepository) => repo);
  const production = config.nodeEnv === 'production';
  const maxBodyBytes = config.limits.maxBodyBytes;
  const metrics = config.metrics ? new ApiMetrics({ maxPoolSize: config.neo4j.maxPoolSize }) : undefined;
  const stopObservingStatements = metrics ? graph.onStatement((query) => metrics.observeStatement(query.name)) : () => true;
  const server = http.createServer();
  const connections = trackConnections(server);
  const apollo = new ApolloServer<GraphQLContext>({
    typeDefs: loadTypeDefs(),
    resolvers,
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    formatError: formatError(config.nodeEnv === 'development'),
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Limits are checked before execution, so a rejected operation never reaches the database.
    validationRules: [operationLimitsRule(config.limits)],
    parseOptions: { maxTokens: config.limits.maxTokens },
    // Signals are handled by main.ts, which also closes the driver.
    stopOnTerminationSignals: false,
    plugins: [
      // Apollo's landing pages load scripts from a CDN, which cannot load offline.
      ApolloServerPluginLandingPageDisabled(),
      operationPlugin({ exposeRoundTrips: config.exposeRoundTrips, metrics }),
      config.trustedDocuments ? trustedDocumentsPlugin(loadTrustedDocuments()) : documentIdsRefusedPlugin(),
    ],
  });
  await apollo.start();
  const serveWeb = createWebHandler({ graphiql: config.graphiql });

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
    if (metrics) {
      const route = ['/graphql', '/healthz', '/readyz', '/metrics'].includes(url.pathname) ? url.pathname : 'other';
      res.once('finish', () => metrics.observeHttp(route, res.statusCode));
    }

    if (url.pathname === '/healthz') return sendPlain(req, res, 200, { status: 'ok' });
    if (url.pathname === '/readyz') {
      try {
        await graph.ping();
        return sendPlain(req, res, 200, { status: 'ready' });
      } catch {
        return sendPlain(req, res, 503, { status: 'unavailable', reason: 'the graph database does not answer' });
      }
    }
    if (url.pathname === '/metrics' && metrics) {
      if (req.method !== 'GET') return sendPlain(req, res, 405, {});
      const { contentType, body } = await metrics.render();
      res.setHeader('content-type', contentType);
      res.end(body);
      return;
    }
    if (await serveWeb(req, res, url)) return;
    if (url.pathname !== '/graphql') return send(res, 404, { error: 'not found' });
    if (!applyCors(req, res, config.corsOrigins)) return;
    if (req.method === 'GET' && !isQueryOverGet(url.searchParams, config.limits.maxTokens)) {
      res.setHeader('allow', 'POST');
      return send(res, 405, {
        errors: [{ message: 'GET requests only run query operations; use POST', extensions: { code: 'BAD_REQUEST' } }],
      });
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      return send(res, 405, { errors: [{ message: 'Use GET or POST', extensions: { code: 'BAD_REQUEST' } }] });
    }

    const body = await readBody(req, res, maxBodyBytes);
    if (body === undefined) return;
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = { method: req.method, headers, search: url.search, body };
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: async () => {
        const repo = wrapRepository(new GraphRepository(graph));
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
    metrics,
    stop: async () => {
      const graceful = await connections.stop({ settleMs: config.shutdown.settleMs, graceMs: config.shutdown.graceMs });
      if (!graceful) log.warn({ graceMs: config.shutdown.graceMs }, 'requests still running after the grace period were cut');
      stopObservingStatements();
      await apollo.stop();
    },
  };
}

/**
 * CORS: a request from an allowed origin gets `access-control-allow-origin`; a preflight (OPTIONS with
 * Origin and Access-Control-Request-Method) is answered here, 204 for an allowed origin and 403 otherwise.
 * Returns false when the response has been sent.
 */
function applyCors(req: IncomingMessage, res: ServerResponse, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  res.setHeader('vary', 'Origin');
  const allowedOrigin = origin !== undefined && (allowed.includes('*') || allowed.includes(origin));
  if (allowedOrigin) {
    res.setHeader('access-control-allow-origin', allowed.includes('*') ? '*' : origin);
    res.setHeader('access-control-expose-headers', 'x-request-id');
  }
  const preflight = req.method === 'OPTIONS' && origin !== undefined && req.headers['access-control-request-method'] !== undefined;
  if (!preflight) return true;
  if (!allowedOrigin) {
    send(res, 403, { errors: [{ message: 'Cross-origin requests from this origin are not allowed', extensions: { code: 'FORBIDDEN' } }] });
    return false;
  }
  res.setHeader('access-control-allow-methods', 'GET, POST');
  res.setHeader('access-control-allow-headers', CORS_ALLOWED_HEADERS);
  res.setHeader('access-control-max-age', '600');
  res.statusCode = 204;
  res.end();
  return false;
}

/**
 * False when a GET names an operation that is not a query (a mutation or subscription), which must be
 * sent by POST (405). Documents that do not parse are left to Apollo, which answers 400.
 */
function isQueryOverGet(search: URLSearchParams, maxTokens: number): boolean {
  const text = search.get('query');
  if (text === null) return true;
  try {
    const operation = getOperationAST(parse(text, { maxTokens }), search.get('operationName') ?? undefined);
    return !operation || operation.operation === OperationTypeNode.QUERY;
  } catch {
    return true;
  }
}

/** Reads a JSON body up to `maxBytes`; answers 413 or 400 itself and returns undefined then. */
async function readBody(req: IncomingMessage, res: ServerResponse, maxBytes: number): Promise<unknown> {
  if (req.method !== 'POST') return null;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    send(res, 413, { errors: [{ message: 'Request body too large', extensions: { code: 'BAD_REQUEST' } }] });
    req.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
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
