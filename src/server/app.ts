import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Logger } from 'pino';

import type { Config } from '../config/config.js';
import type { GraphClient } from '../graph/graph-client.js';
import type { GraphRepository } from '../graph/graph-repository.js';
import { createApollo } from './apollo.js';
import { trackConnections } from './drain.js';
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
import { createWebHandler } from './web/serve-web.js';

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
  /** TEST ONLY: the clock of the per-caller cost budgets, so a test can step time without sleeping. */
  readonly clock?: () => number;
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
  const apollo = createApollo(config, { metrics, errorLog, limiter });
  await apollo.start();

  // GraphQL and exports share one request gate: an export holds a place like any other read.
  const gate: GraphqlRouteGate = {
    requests: new RequestGate(config.admission.maxConcurrent + config.admission.maxQueue),
    turns: new RequestTurns(),
    retryAfterSeconds: Math.max(1, Math.ceil(config.admission.queueTimeoutMs / 1000)),
  };
  // Every endpoint is a route; new ones (the workbench) are added here.
  const routes: Route[] = [
    ...healthRoutes(graph, config.health.readyTimeoutMs),
    ...(metrics ? [metricsRoute(metrics)] : []),
    graphqlRoute({ config, apollo, graph, log, wrapRepository: deps.wrapRepository }, gate),
    ...exportRoutes({ config, graph, log, limiter, wrapRepository: deps.wrapRepository }, gate),
  ];
  const server = http.createServer(httpServerOptions(config.http));
  const connections = trackConnections(server);
  if (metrics) server.on('connection', (socket) => metrics.connectionOpened(socket));
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
    stop: async () => {
      const graceful = await connections.stop({ settleMs: config.shutdown.settleMs, graceMs: config.shutdown.graceMs });
      if (!graceful) log.warn({ graceMs: config.shutdown.graceMs }, 'requests still running after the grace period were cut');
      stopObservingStatements();
      await apollo.stop();
      errorLog.flush();
    },
  };
}
