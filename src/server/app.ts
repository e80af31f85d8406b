import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Logger } from 'pino';

import { Authenticator } from '../auth/authenticator.js';
import type { Config } from '../config/config.js';
import type { GraphClient } from '../graph/graph-client.js';
import type { GraphRepository } from '../graph/graph-repository.js';
import { ChangeFeed } from '../services/change-feed.js';
import { createApi } from './apollo.js';
import { trackConnections, Unreadiness } from './drain.js';
import { ErrorLog } from './error-log.js';
import { createRequestHandler, type Route } from './http/router.js';
import { httpServerOptions } from './http-timeouts.js';
import { ApiMetrics } from './metrics.js';
import { CostRateLimiter } from './rate-limit.js';
import { RequestGate, RequestTurns } from './request-gate.js';
import { exportRoutes } from './routes/export-route.js';
import { graphqlRoute, type GraphqlRouteGate } from './routes/graphql-route.js';
import { healthRoutes } from './routes/health-routes.js';
import { metricsRoute } from './routes/metrics-route.js';
import { loadTrustedDocuments } from './trusted-documents.js';
import { createWebHandler } from './web/serve-web.js';
import { attachGraphqlWs, type GraphqlWs } from './ws/graphql-ws.js';

/** A running API: its HTTP server, its URL, and how to stop it. */
export interface App {
  readonly server: http.Server;
  readonly url: string;
  /** The app's own Prometheus metrics; undefined when METRICS=false. */
  readonly metrics: ApiMetrics | undefined;
  /** The WebSocket endpoint (graphql-ws) on the same port and path. */
  readonly ws: GraphqlWs;
  /** The process's change feed (its streams, its wake-ups). */
  readonly changeFeed: ChangeFeed;
  /**
   * Turns `/readyz` to 503 (for up to SHUTDOWN_UNREADY_MS, serving on), stops accepting connections, lets
   * in-flight requests finish (up to SHUTDOWN_GRACE_MS), then stops Apollo. Does not close the graph.
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
  /** TEST ONLY: the clock of the per-caller cost budgets, so a test can step time without sleeping. */
  readonly clock?: () => number;
  /** TEST ONLY: the clock of the verified-key cache and of JWT expiry, to step past API_KEY_CACHE_MS. */
  readonly authClock?: () => number;
}

/**
 * Builds and starts the API on `config.host:config.port` (port 0 picks a free one, for tests).
 *
 * @example
 * const app = await startApp({ config, graph, log });
 * console.log(app.url);
 */
/**
 * Builds and starts the API on `config.host:config.port` (port 0 picks a free one, for tests): the Apollo
 * server, the routes, and the HTTP server with its timeouts, metrics and graceful stop.
 *
 * @example
 * const app = await startApp({ config, graph, log });
 * console.log(app.url);
 */
export async function startApp(deps: AppDependencies): Promise<App> {
  const { config, graph, log } = deps;
  const metrics = config.metrics ? new ApiMetrics({ maxPoolSize: config.neo4j.maxPoolSize }) : undefined;
  const stopObservingStatements = metrics ? graph.onStatement((query) => metrics.observeStatement(query.name)) : () => true;
  const errorLog = new ErrorLog(log, config.errorLog);
  const limiter = config.rateLimit ? new CostRateLimiter(config.rateLimit, deps.clock) : undefined;
  const { apollo, schema, access } = createApi(config, { metrics, errorLog, limiter });
  await apollo.start();
  const authenticator = new Authenticator(graph, config.access, deps.authClock);
  const changeFeed = new ChangeFeed(graph, { pollMs: config.subscriptions.pollMs, batch: config.subscriptions.batch });

  const unreadiness = new Unreadiness();
  // GraphQL and exports share one request gate: an export holds a place like any other read.
  const gate: GraphqlRouteGate = {
    requests: new RequestGate(config.admission.maxConcurrent + config.admission.maxQueue),
    turns: new RequestTurns(),
    retryAfterSeconds: Math.max(1, Math.ceil(config.admission.queueTimeoutMs / 1000)),
  };
  // Every endpoint is a route; new ones (the workbench) are added here.
  const routes: Route[] = [
    ...healthRoutes(graph, config.health.readyTimeoutMs, unreadiness),
    ...(metrics ? [metricsRoute(metrics)] : []),
    graphqlRoute({ config, apollo, graph, log, authenticator, changeFeed, wrapRepository: deps.wrapRepository }, gate),
    ...exportRoutes({ config, graph, log, limiter, authenticator, wrapRepository: deps.wrapRepository }, gate),
  ];
  const server = http.createServer(httpServerOptions(config.http));
  const connections = trackConnections(server);
  if (metrics) server.on('connection', (socket) => metrics.connectionOpened(socket));
  // Which replica answered, for operators behind a balancer (and the replica tests).
  const { replicaName } = config;
  if (replicaName !== null)
    server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => res.setHeader('x-served-by', replicaName));
  const trusted = config.trustedDocuments ? loadTrustedDocuments(config.trustedDocumentsManifest) : undefined;
  const ws = attachGraphqlWs(server, { config, schema, access, authenticator, changeFeed, graph, log, trusted });
  server.on('request', createRequestHandler({ routes, log, metrics, pages: createWebHandler({ graphiql: config.graphiql }) }));

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
    ws,
    changeFeed,
    stop: async () => {
      // Out of the balancer's rotation first, still serving whatever it sends until it has noticed.
      await unreadiness.begin({ probes: config.shutdown.unreadyProbes, maxMs: config.shutdown.unreadyMs });
      // Streams first: their sockets would otherwise hold the drain until the grace period ends.
      await ws.close();
      const graceful = await connections.stop({ settleMs: config.shutdown.settleMs, graceMs: config.shutdown.graceMs });
      if (!graceful) log.warn({ graceMs: config.shutdown.graceMs }, 'requests still running after the grace period were cut');
      stopObservingStatements();
      await apollo.stop();
      errorLog.flush();
    },
  };
}
