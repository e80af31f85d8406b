import type { IncomingMessage, ServerResponse } from 'node:http';

import { type ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { getOperationAST, OperationTypeNode, parse } from 'graphql';
import type { Logger } from 'pino';

import { ApiKeyService } from '../../auth/api-keys.js';
import type { Authenticator } from '../../auth/authenticator.js';
import type { Config } from '../../config/config.js';
import { byteBudget } from '../../graph/byte-budget.js';
import type { GraphClient } from '../../graph/graph-client.js';
import { GraphRepository } from '../../graph/graph-repository.js';
import { OperationTrace } from '../../graph/operation-trace.js';
import type { GraphQLContext } from '../../resolvers/context.js';
import type { ChangeFeed } from '../../services/change-feed.js';
import { Loaders } from '../../services/loaders.js';
import { parseBookmarkHeader } from '../bookmarks.js';
import { authenticateRequest } from '../http/authenticate.js';
import { applyCors } from '../http/cors.js';
import { readBody } from '../http/read-body.js';
import { sendError } from '../http/respond.js';
import type { Route, RouteContext } from '../http/router.js';
import { NESTING_LIMIT_MESSAGE, NestingCheck, queryOf } from '../nesting-limit.js';
import { callerKey } from '../rate-limit.js';
import { refuseOverloaded, type RequestGate, type RequestTurns } from '../request-gate.js';

/** What the /graphql route needs. */
export interface GraphqlRouteDependencies {
  readonly config: Config;
  readonly apollo: ApolloServer<GraphQLContext>;
  readonly graph: GraphClient;
  readonly log: Logger;
  /** Verifies the `Authorization` header of each request (src/auth/authenticator.ts). */
  readonly authenticator: Authenticator;
  /** The process's change feed, woken by the writes of this process. */
  readonly changeFeed: ChangeFeed;
  /** TEST ONLY: replaces each request's repository (see AppDependencies.wrapRepository). */
  readonly wrapRepository?: (repo: GraphRepository) => GraphRepository;
}

/** The load shedding in front of Apollo (src/server/request-gate.ts). */
export interface GraphqlRouteGate {
  /** Requests in flight past their body: more are refused with OVERLOADED at once. */
  readonly requests: RequestGate;
  /** A few GraphQL starts per event-loop turn, so health checks and cheap requests get turns too. */
  readonly turns: RequestTurns;
  readonly retryAfterSeconds: number;
}

/**
 * `/graphql`: CORS, the HTTP checks Apollo does not make (GET only for queries, body size and pace,
 * nesting before any parse), then the bridge to Apollo with a fresh context per operation.
 *
 * @example
 * const route = graphqlRoute({ config, apollo, graph, log });
 */
export function graphqlRoute(deps: GraphqlRouteDependencies, gate: GraphqlRouteGate): Route {
  const { config, apollo, graph, log, authenticator, changeFeed } = deps;
  const keyHooks = { changed: (seq: number) => changeFeed.committed(seq), revoked: (name: string) => authenticator.forget(name) };
  const wrapRepository = deps.wrapRepository ?? ((repo: GraphRepository) => repo);
  // Before anything parses a document (Apollo, and the GET check below): deep nesting overflows the parser.
  const nesting = new NestingCheck(config.limits.maxNesting);
  const tooDeep = (document: string | undefined): boolean => document !== undefined && nesting.tooDeep(document);

  return {
    path: '/graphql',
    async handle(req: IncomingMessage, res: ServerResponse, { url, requestId }: RouteContext) {
      if (!applyCors(req, res, config.corsOrigins)) return;
      if (req.method === 'GET' && tooDeep(url.searchParams.get('query') ?? undefined)) {
        return sendError(res, 400, 'GRAPHQL_PARSE_FAILED', NESTING_LIMIT_MESSAGE);
      }
      if (req.method === 'GET' && !isQueryOverGet(url.searchParams, config.limits.maxTokens)) {
        return sendError(res, 405, 'BAD_REQUEST', 'GET requests only run query operations; use POST', { allow: 'POST' });
      }
      if (req.method !== 'GET' && req.method !== 'POST')
        return sendError(res, 405, 'BAD_REQUEST', 'Use GET or POST', { allow: 'GET, POST' });

      const bookmarks = parseBookmarkHeader(req.headers['neo4j-bookmark']);
      if (!bookmarks.ok) return sendError(res, 400, 'BAD_REQUEST', bookmarks.message);
      const body = await readBody(req, res, config.limits.maxBodyBytes, config.http.bodyIdleTimeoutMs);
      if (body === undefined) return;
      if (tooDeep(queryOf(body))) return sendError(res, 400, 'GRAPHQL_PARSE_FAILED', NESTING_LIMIT_MESSAGE);
      // After the body (so slow uploads hold no place), before Apollo (so a refusal costs next to nothing).
      const leave = gate.requests.tryEnter();
      if (!leave) return refuseOverloaded(res, gate.retryAfterSeconds);
      res.once('close', leave);
      await gate.turns.next();
      // Before Apollo: a header that does not verify is refused, never read as anonymous.
      const principal = await authenticateRequest(authenticator, req.headers.authorization, res);
      if (!principal) return;
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const httpGraphQLRequest: HTTPGraphQLRequest = { method: req.method, headers, search: url.search, body };
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest,
        context: async () => {
          // One trace per operation: round trips, the statements' names, the byte budget they spend, and
          // the client's bookmarks its transactions start from (read-your-writes on any replica).
          const trace = new OperationTrace(byteBudget(config.limits.maxResponseBytes), bookmarks.bookmarks);
          const repo = wrapRepository(new GraphRepository(graph, trace));
          const caller = callerKey(principal, req.socket.remoteAddress);
          const idempotencyKey = headerValue(req.headers['idempotency-key']);
          const apiKeys = new ApiKeyService(graph, repo.counter, keyHooks);
          return { requestId, caller, repo, loaders: new Loaders(repo), log, principal, idempotencyKey, apiKeys, changeFeed };
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
    },
  };
}

/** A header's single value; `undefined` when absent or empty. */
function headerValue(value: string | string[] | undefined): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  return one === undefined || one === '' ? undefined : one;
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
