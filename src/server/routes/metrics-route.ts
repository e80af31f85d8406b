import type { Route } from '../http/router.js';
import type { ApiMetrics } from '../metrics.js';

/** `GET /metrics`: the app's Prometheus metrics. */
export function metricsRoute(metrics: ApiMetrics): Route {
  return {
    path: '/metrics',
    methods: ['GET'],
    async handle(_, res) {
      const { contentType, body } = await metrics.render();
      res.setHeader('content-type', contentType);
      res.end(body);
    },
  };
}
