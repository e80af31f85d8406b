import type http from 'node:http';
import type { Duplex } from 'node:stream';

import {
  type DocumentNode,
  getOperationAST,
  GraphQLError,
  type GraphQLSchema,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { type Extra as WsExtra, useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';

import { ApiKeyService } from '../../auth/api-keys.js';
import type { Authenticator } from '../../auth/authenticator.js';
import type { Principal } from '../../auth/principal.js';
import type { Config } from '../../config/config.js';
import { AppError } from '../../errors/app-error.js';
import { ErrorCode } from '../../errors/error-code.js';
import type { GraphClient } from '../../graph/graph-client.js';
import { GraphRepository } from '../../graph/graph-repository.js';
import type { GraphQLContext } from '../../resolvers/context.js';
import type { ChangeFeed } from '../../services/change-feed.js';
import { Loaders } from '../../services/loaders.js';
import { type AccessPolicy, refusalOf } from '../access-control.js';
import { formatError } from '../format-error.js';
import { operationLimitsRule } from '../operation-limits.js';
import { callerKey } from '../rate-limit.js';
import type { TrustedDocuments } from '../trusted-documents.js';

/** Close code for a connection whose credentials do not verify (graphql-ws uses 4401 for "Unauthorized"). */
export const CLOSE_UNAUTHENTICATED = CloseCode.Unauthorized;

/** Close code for a consumer that reads too slowly: more than SUBSCRIPTIONS_MAX_BUFFERED_BYTES queued. */
export const CLOSE_SLOW_CONSUMER = 4008;

/** What the WebSocket endpoint needs. */
export interface GraphqlWsDependencies {
  readonly config: Config;
  readonly schema: GraphQLSchema;
  readonly access: AccessPolicy;
  readonly authenticator: Authenticator;
  readonly changeFeed: ChangeFeed;
  readonly graph: GraphClient;
  readonly log: Logger;
  /** TRUSTED_DOCUMENTS=on: only these documents run, named by id in the subscribe message's extensions. */
  readonly trusted?: TrustedDocuments;
}

/** The WebSocket endpoint of a running server. */
export interface GraphqlWs {
  /** Subscriptions open now, in all. */
  readonly subscriptions: number;
  /** Closes every socket (1001, going away) and stops accepting upgrades. */
  close(): Promise<void>;
}

/** What a connection keeps beside graphql-ws's own `socket` and `request`. */
// A type, not an interface: graphql-ws wants an index-signature-compatible record.
type ConnectionState = {
  principal?: Principal;
  authorization?: string;
  caller?: string;
  accepted?: Set<string>;
};

type Extra = WsExtra & Partial<ConnectionState>;

/**
 * `graphChanged` over graphql-ws (the `graphql-transport-ws` protocol) on the server's own port and path
 * (`/graphql`, HTTP upgrade). The same checks as over HTTP: the key or token (connectionParams
 * `authorization`, else the upgrade request's `Authorization` header) is verified once at connection and
 * again (through the key cache) before each message, so a revoked key's stream stops within
 * API_KEY_CACHE_MS; `@requiresRole` and READ_ACCESS by the same function as the Apollo plugin; the same
 * validation limits. Only subscriptions run here. Subscriptions are bounded per caller and in all; a
 * socket whose unsent data passes SUBSCRIPTIONS_MAX_BUFFERED_BYTES is closed (4008), and a stream is
 * pulled one message at a time, after the previous one was written, so a slow consumer holds one message.
 *
 * @example
 * const ws = attachGraphqlWs(server, { config, schema, access, authenticator, changeFeed, graph, log });
 */
export function attachGraphqlWs(server: http.Server, deps: GraphqlWsDependencies): GraphqlWs {
  const { config, schema, access, authenticator, changeFeed, graph, log } = deps;
  const limits = config.subscriptions;
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.limits.maxBodyBytes });
  const perCaller = new Map<string, number>();
  let total = 0;
  const format = formatError(config.nodeEnv === 'development');
  const rules = [...specifiedRules, operationLimitsRule(config.limits)];

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/graphql' || limits.maxTotal === 0) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const release = (extra: Extra, id: string): void => {
    if (!extra.accepted?.delete(id) || extra.caller === undefined) return;
    total -= 1;
    const left = (perCaller.get(extra.caller) ?? 1) - 1;
    if (left <= 0) perCaller.delete(extra.caller);
    else perCaller.set(extra.caller, left);
  };

  const refuseSocket = (extra: Extra, error: unknown): false => {
    const message = error instanceof AppError ? error.message : 'The credentials could not be checked';
    const code =
      error instanceof AppError && error.code === ErrorCode.UNAUTHENTICATED ? CLOSE_UNAUTHENTICATED : CloseCode.InternalServerError;
    // A close reason is at most 123 bytes.
    extra.socket.close(code, message.slice(0, 120));
    return false;
  };

  useServer<Record<string, unknown> | undefined, ConnectionState>(
    {
      schema,
      async onConnect(ctx) {
        const fromParams = ctx.connectionParams?.['authorization'];
        const authorization = typeof fromParams === 'string' ? fromParams : ctx.extra.request.headers.authorization;
        try {
          ctx.extra.principal = await authenticator.authenticate(authorization);
        } catch (error) {
          return refuseSocket(ctx.extra, error);
        }
        ctx.extra.authorization = authorization;
        ctx.extra.caller = callerKey(ctx.extra.principal, ctx.extra.request.socket.remoteAddress);
        ctx.extra.accepted = new Set();
        return true;
      },
      onSubscribe(ctx, id, payload) {
        const { principal, caller } = ctx.extra;
        if (!principal || caller === undefined) return [new GraphQLError('Not connected')];
        const text = deps.trusted ? trustedText(deps.trusted, payload.extensions) : payload.query;
        if (text instanceof AppError) return [text];
        let document: DocumentNode;
        try {
          document = parse(text, { maxTokens: config.limits.maxTokens });
        } catch (error) {
          return [error instanceof GraphQLError ? withCode(error, ErrorCode.GRAPHQL_PARSE_FAILED) : new GraphQLError('Parse failed')];
        }
        const invalid = validate(schema, document, rules);
        if (invalid.length > 0) return invalid.map((e) => withCode(e, ErrorCode.GRAPHQL_VALIDATION_FAILED));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new AppError(ErrorCode.OPERATION_RESOLUTION_FAILURE, 'Name the operation to run (operationName)')];
        if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
          return [new AppError(ErrorCode.BAD_REQUEST, 'Only subscriptions run over WebSocket; send queries and mutations by HTTP POST')];
        }
        const refusal = refusalOf(access, schema, document, operation, principal);
        if (refusal) return [refusal];
        const mine = perCaller.get(caller) ?? 0;
        if (total >= limits.maxTotal || mine >= limits.maxPerCaller) {
          const which = mine >= limits.maxPerCaller ? 'this caller' : 'this server';
          return [new AppError(ErrorCode.OVERLOADED, `Too many subscriptions are open for ${which}; close one or retry later`)];
        }
        total += 1;
        perCaller.set(caller, mine + 1);
        ctx.extra.accepted?.add(id);
        const repo = new GraphRepository(graph);
        const contextValue: GraphQLContext = {
          requestId: `ws-${id}`,
          caller,
          repo,
          loaders: new Loaders(repo),
          log,
          principal,
          apiKeys: new ApiKeyService(graph, repo.counter),
          changeFeed,
        };
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
      },
      async onNext(ctx) {
        // Checked before each message: a revoked key stops receiving within the key cache's lifetime.
        try {
          await authenticator.authenticate(ctx.extra.authorization);
        } catch (error) {
          refuseSocket(ctx.extra, error);
          return;
        }
        if (ctx.extra.socket.bufferedAmount > limits.maxBufferedBytes) {
          ctx.extra.socket.close(CLOSE_SLOW_CONSUMER, 'Messages are read too slowly');
        }
      },
      onError(_ctx, _id, _payload, errors) {
        return errors.map((error) => {
          // `http` tells Apollo a status and headers; a WebSocket message has neither.
          const { http: _http, ...extensions } = error.extensions;
          return format({ ...error.toJSON(), extensions }, error);
        });
      },
      onComplete(ctx, id) {
        release(ctx.extra, id);
      },
      onClose(ctx) {
        for (const id of [...(ctx.extra.accepted ?? [])]) release(ctx.extra, id);
      },
    },
    wss,
  );

  return {
    get subscriptions() {
      return total;
    },
    async close() {
      changeFeed.stop();
      for (const client of wss.clients) client.close(1001, 'The server is shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/**
 * In trusted-documents mode, the manifest's text of the document a subscribe message names
 * (`extensions.documentId` as `sha256:<hex>`, or `extensions.persistedQuery.sha256Hash`), as over HTTP;
 * the message's own `query` is never run.
 */
function trustedText(trusted: TrustedDocuments, extensions: Record<string, unknown> | null | undefined): string | AppError {
  const persisted = extensions?.['persistedQuery'] as { sha256Hash?: unknown } | undefined;
  const id = extensions?.['documentId'] ?? persisted?.sha256Hash;
  if (typeof id !== 'string') {
    return new AppError(ErrorCode.FORBIDDEN, 'This server runs only trusted documents: name one by extensions.documentId', {
      trustedDocuments: 'on',
    });
  }
  const text = trusted.get(id.replace(/^sha256:/, '').toLowerCase());
  return text ?? new AppError(ErrorCode.PERSISTED_QUERY_NOT_FOUND, 'No trusted document has this id', { trustedDocuments: 'on' });
}

/** A graphql-js error with our code, as Apollo gives parse and validation errors. */
function withCode(error: GraphQLError, code: ErrorCode): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { code } });
}
