import type { GraphClient } from '../../graph/graph-client.js';
import { sendJson } from '../http/respond.js';
import type { Route } from '../http/router.js';

/**
 * `/healthz` (the process answers; touches no database) and `/readyz` (the database answers within
 * `readyTimeoutMs`, on a probe connection of its own, so a frozen database gives 503 in bounded time).
 *
 * @example
 * const routes = healthRoutes(graph, config.health.readyTimeoutMs);
 */
export function healthRoutes(graph: GraphClient, readyTimeoutMs: number): Route[] {
  return [
    { path: '/healthz', methods: ['GET', 'HEAD'], handle: (_, res) => sendJson(res, 200, { status: 'ok' }) },
    {
      path: '/readyz',
      methods: ['GET', 'HEAD'],
      async handle(_, res) {
        try {
          await graph.ping(readyTimeoutMs);
          sendJson(res, 200, { status: 'ready' });
        } catch {
          sendJson(res, 503, { status: 'unavailable', reason: 'the graph database does not answer' });
        }
      },
    },
  ];
}
