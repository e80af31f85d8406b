import type { GraphClient } from '../../graph/graph-client.js';
import type { Unreadiness } from '../drain.js';
import { sendJson } from '../http/respond.js';
import type { Route } from '../http/router.js';

/**
 * `/healthz` (the process answers; touches no database) and `/readyz` (the database answers within
 * `readyTimeoutMs`, on a probe connection of its own, so a frozen database gives 503 in bounded time;
 * and the server is not stopping: from SIGTERM on it answers 503, so a balancer takes it out first).
 *
 * @example
 * const routes = healthRoutes(graph, config.health.readyTimeoutMs, new Unreadiness());
 */
export function healthRoutes(graph: GraphClient, readyTimeoutMs: number, stopping?: Unreadiness): Route[] {
  return [
    { path: '/healthz', methods: ['GET', 'HEAD'], handle: (_, res) => sendJson(res, 200, { status: 'ok' }) },
    {
      path: '/readyz',
      methods: ['GET', 'HEAD'],
      async handle(_, res) {
        if (stopping?.unready) {
          sendJson(res, 503, { status: 'unavailable', reason: 'the server is shutting down' });
          stopping.probeAnswered();
          return;
        }
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
