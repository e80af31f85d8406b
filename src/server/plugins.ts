import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';

import { AppError } from '../errors/app-error.js';
import { OperationTrace } from '../graph/operation-trace.js';
import type { GraphQLContext } from '../resolvers/context.js';
import type { ApiMetrics } from './metrics.js';

/**
 * Logs each operation once (request id, name, duration, round trips, error codes) and every unexpected
 * error in full with the request id; feeds the metrics when given; optionally reports the round trips in
 * `extensions.roundTrips`.
 */
export function operationPlugin(options: { exposeRoundTrips: boolean; metrics?: ApiMetrics }): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      const ended = options.metrics?.startOperation();
      return {
        async didEncounterErrors({ errors, contextValue: ctx }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (original instanceof AppError || (error.extensions['code'] && !error.originalError)) continue;
            ctx.log.error({ err: original, path: error.path, requestId: ctx.requestId }, 'unexpected error');
          }
        },
        async willSendResponse({ response, operationName, errors }) {
          const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
          if (options.exposeRoundTrips && response.body.kind === 'single') {
            const { counter } = contextValue.repo;
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              roundTrips: counter.count,
              // Names in order of dispatch, so a changed count says which statement ran once more.
              ...(counter instanceof OperationTrace ? { statements: [...counter.statements] } : {}),
            };
          }
          const line = {
            requestId: contextValue.requestId,
            operationName: operationName ?? null,
            durationMs: Math.round(durationMs * 10) / 10,
            roundTrips: contextValue.repo.counter.count,
            errorCodes: errors?.map((e) => codeOf(e.extensions['code'])) ?? [],
          };
          contextValue.log.info(line, 'operation');
          ended?.();
          options.metrics?.observeOperation(line);
        },
      };
    },
  };
}

/** The code a client sees for an error: its own when it has a string one, else the masked default. */
function codeOf(code: unknown): string {
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}
