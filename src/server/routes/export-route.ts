import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Logger } from 'pino';

import type { Authenticator } from '../../auth/authenticator.js';
import { hasRole, type Principal } from '../../auth/principal.js';
import type { Config } from '../../config/config.js';
import { AppError } from '../../errors/app-error.js';
import type { ErrorCode } from '../../errors/error-code.js';
import type { GraphClient } from '../../graph/graph-client.js';
import { GraphRepository } from '../../graph/graph-repository.js';
import { OperationTrace } from '../../graph/operation-trace.js';
import { exportFormat } from '../../services/export/export-formats.js';
import { exportGraph } from '../../services/export/export-graph.js';
import { selectionFromParams } from '../../services/export/export-request.js';
import { EXPORT_FORMAT_NAMES, ExportAborted, writableSink } from '../../services/export/export-sink.js';
import { COST_MESSAGE, RATE_LIMIT_MESSAGE } from '../cost/cost-plugin.js';
import { exportCost } from '../cost/export-cost.js';
import { authenticateRequest } from '../http/authenticate.js';
import { applyCors } from '../http/cors.js';
import { sendError } from '../http/respond.js';
import type { Route } from '../http/router.js';
import { callerKey, type CostRateLimiter } from '../rate-limit.js';
import { refuseOverloaded } from '../request-gate.js';
import type { GraphqlRouteGate } from './graphql-route.js';

/** What the /export routes need: the GraphQL route's graph, limits, cost budget and load shedding. */
export interface ExportRouteDependencies {
  readonly config: Config;
  readonly graph: GraphClient;
  /** Verifies the caller's key or token, as for /graphql. */
  readonly authenticator: Authenticator;
  readonly log: Logger;
  /** The per-caller cost budgets GraphQL charges; absent when RATE_LIMIT_POINTS=0. */
  readonly limiter?: CostRateLimiter;
  /** TEST ONLY: replaces each request's repository (see AppDependencies.wrapRepository). */
  readonly wrapRepository?: (repo: GraphRepository) => GraphRepository;
}

/** The status of each code an export answers before its body starts. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  TIMEOUT: 504,
  SERVICE_UNAVAILABLE: 503,
  OVERLOADED: 503,
};

/**
 * Who may read exports: the same rule as GraphQL reads (docs/access.md). The caller is verified as for
 * /graphql (a Bearer that does not verify is 401 even for reads); with `READ_ACCESS=key` a caller without
 * a key or token is 401 too.
 */
async function exportPrincipal(
  authenticator: Authenticator,
  req: IncomingMessage,
  res: ServerResponse,
  readAccess: 'public' | 'key',
): Promise<Principal | undefined> {
  const principal = await authenticateRequest(authenticator, req.headers.authorization, res);
  if (principal && readAccess === 'key' && !hasRole(principal, 'VIEWER')) {
    sendError(res, 401, 'UNAUTHENTICATED', 'Exports need an API key or token on this server (READ_ACCESS=key).', {
      'www-authenticate': 'Bearer realm="sanctions-graph"',
    });
    return undefined;
  }
  return principal;
}

/**
 * `GET /export/graphml|gexf|csv|ftm?<selection>`: the graph, or a neighbourhood, paths, findings or
 * relationship query (src/services/export/export-request.ts), streamed as it is read. It passes the
 * GraphQL route's checks in its order: CORS, access, the request gate (OVERLOADED), the arguments
 * (BAD_USER_INPUT), the cost (COST_LIMIT_EXCEEDED past LIMIT_MAX_COST) and the caller's budget
 * (RATE_LIMITED), then NOT_FOUND from the selection's query, all before the first byte of the body.
 * Every statement has the transaction timeout; a client that stops reading for HTTP_BODY_IDLE_TIMEOUT_MS,
 * or disconnects, stops the export.
 *
 * @example
 * const routes = exportRoutes({ config, graph, log, limiter }, gate);
 */
export function exportRoutes(deps: ExportRouteDependencies, gate: GraphqlRouteGate): Route[] {
  const { config, graph, log, limiter } = deps;
  const wrapRepository = deps.wrapRepository ?? ((repo: GraphRepository) => repo);

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
    // Methods are checked here, after CORS, so that a browser's preflight (OPTIONS) is answered.
    if (!applyCors(req, res, config.corsOrigins)) return;
    if (req.method !== 'GET') return sendError(res, 405, 'BAD_REQUEST', 'Use GET', { allow: 'GET' });
    const principal = await exportPrincipal(deps.authenticator, req, res, config.access.readAccess);
    if (!principal) return;
    const leave = gate.requests.tryEnter();
    if (!leave) return refuseOverloaded(res, gate.retryAfterSeconds);
    res.once('close', leave);
    await gate.turns.next();
    const repo = wrapRepository(new GraphRepository(graph, new OperationTrace()));
    let format;
    let exported;
    try {
      format = exportFormat(url.pathname.slice('/export/'.length), url.searchParams.get('part'));
      const selection = selectionFromParams(url.searchParams);
      const cost = exportCost(selection, selection.kind === 'graph' ? await repo.exports.counts() : undefined);
      if (cost > config.limits.maxCost) {
        return sendError(
          res,
          400,
          'COST_LIMIT_EXCEEDED',
          `${COST_MESSAGE} A whole-graph export this large is for \`npm run export\`.`,
          {},
          {
            cost,
            budget: config.limits.maxCost,
          },
        );
      }
      if (limiter) {
        const verdict = limiter.charge(callerKey(principal, req.socket.remoteAddress), cost);
        if (!verdict.allowed) {
          return sendError(
            res,
            429,
            'RATE_LIMITED',
            RATE_LIMIT_MESSAGE,
            { 'retry-after': String(verdict.retryAfterSeconds) },
            { retryAfterSeconds: verdict.retryAfterSeconds, cost, limit: verdict.limit, remaining: verdict.remaining },
          );
        }
        res.setHeader('x-cost-remaining', String(verdict.remaining));
      }
      res.setHeader('x-cost', String(cost));
      exported = await exportGraph(repo, selection);
    } catch (error) {
      const status = error instanceof AppError ? STATUS[error.code] : undefined;
      if (error instanceof AppError && status !== undefined) {
        // The same extensions GraphQL answers with (the argument, the range), without the code (set again).
        const extensions = Object.fromEntries(Object.entries(error.extensions).filter(([key]) => key !== 'code' && key !== 'http'));
        return sendError(res, status, error.code, error.message, {}, extensions);
      }
      throw error;
    }
    res.statusCode = 200;
    res.setHeader('content-type', format.contentType);
    res.setHeader('content-disposition', `attachment; filename="sanctions-graph-${exported.name}.${format.extension}"`);
    try {
      await format.write(exported, writableSink(res, { stallMs: config.http.bodyIdleTimeoutMs }));
      res.end();
    } catch (error) {
      // The body has begun: the only way left to say it is incomplete is to cut the connection.
      if (error instanceof ExportAborted) log.info({ requestId, path: url.pathname }, 'export stopped: the client went away');
      else log.error({ err: error, requestId, path: url.pathname }, 'export failed after its body began');
      res.destroy();
    }
  }

  return EXPORT_FORMAT_NAMES.map((name) => ({
    path: `/export/${name}`,
    handle: (req, res, { url, requestId }) => handle(req, res, url, requestId),
  }));
}
