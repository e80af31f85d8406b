import type { ApolloServerPlugin } from '@apollo/server';

import { OperationTrace } from '../graph/operation-trace.js';
import type { GraphQLContext } from '../resolvers/context.js';
import type { ErrorLog } from './error-log.js';
import { clientCodeOf } from './format-error.js';
import type { ApiMetrics } from './metrics.js';

/**
 * Logs each operation once (request id, name, duration, round trips, error codes) and hands its errors to
 * the rate-limited {@link ErrorLog} (unexpected ones are logged in full with the request id); feeds the
 * metrics when given; optionally reports the round trips in `extensions.roundTrips`.
 */
export function operationPlugin(options: {
  exposeRoundTrips: boolean;
  metrics?: ApiMetrics;
  errorLog: ErrorLog;
}): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      const ended = options.metrics?.startOperation();
      return {
        async didEncounterErrors({ errors, contextValue: ctx }) {
          options.errorLog.record(errors, ctx.requestId);
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
            errorCodes: errors?.map((e) => codeOf(clientCodeOf(e))) ?? [],
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
