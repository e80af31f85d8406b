import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

import { ErrorCode } from '../errors/error-code.js';
import { responseTooLarge } from '../graph/byte-budget.js';
import type { GraphQLContext } from '../resolvers/context.js';

/**
 * Ends answers that must not be sent as they are. An operation whose records passed the byte budget
 * (LIMIT_MAX_RESPONSE_BYTES, counted at the graph client as they arrive) answers one RESPONSE_TOO_LARGE
 * error and no data: the partial data of its other fields would be as arbitrary as it is incomplete. An
 * operation turned away by admission control (OVERLOADED) answers 503 with Retry-After and that one
 * error, so that clients and balancers see "busy, retry" and not a partial result or an outage.
 *
 * @example
 * new ApolloServer({ plugins: [responseGuardPlugin()] });
 */
export function responseGuardPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const only = (error: GraphQLFormattedError): void => {
            response.body = { kind: 'single', singleResult: { errors: [error], extensions: result.extensions } };
          };
          if (contextValue.repo.counter.bytes?.exceeded) {
            const error = responseTooLarge();
            only({ message: error.message, extensions: { code: ErrorCode.RESPONSE_TOO_LARGE } });
            return;
          }
          const overloaded = result.errors?.filter((e) => e.extensions?.['code'] === ErrorCode.OVERLOADED) ?? [];
          if (overloaded.length === 0) return;
          const retryAfterSeconds = Math.max(1, ...overloaded.map((e) => Number(e.extensions?.['retryAfterSeconds'] ?? 1)));
          response.http.status = 503;
          response.http.headers.set('retry-after', String(retryAfterSeconds));
          only({ message: overloaded[0]?.message ?? 'The server is busy.', extensions: { code: ErrorCode.OVERLOADED, retryAfterSeconds } });
        },
      };
    },
  };
}
