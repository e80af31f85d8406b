import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

import { AppError } from '../errors/app-error.js';
import { ErrorCode, isErrorCode } from '../errors/error-code.js';
import { TOKEN_LIMIT_MESSAGE, TOKEN_LIMIT_PREFIX } from './operation-limits.js';

/** Codes Apollo Server and graphql-js assign to request mistakes; their messages are safe to show. */
const REQUEST_ERROR_CODES = new Set<string>([
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ErrorCode.OPERATION_RESOLUTION_FAILURE,
  ErrorCode.BAD_REQUEST,
]);

/** The message every unexpected error is masked with. */
export const MASKED_MESSAGE = 'Internal server error';

/**
 * Decides what the client sees of an error. Our AppErrors and Apollo's request errors keep their
 * message and code; anything else (a bug, a database message, a configuration detail) becomes a generic
 * INTERNAL_SERVER_ERROR. The full error is logged elsewhere (the logging plugin), with the request id.
 * Stack traces never leave the server unless `exposeDetails` (development only).
 */
export function formatError(exposeDetails: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.['code'];
    const safe =
      original instanceof AppError || (original instanceof GraphQLError && typeof code === 'string' && REQUEST_ERROR_CODES.has(code));
    if (safe && isErrorCode(code)) {
      // The parser's token-limit message prints the limit; limits are not disclosed.
      const message =
        code === ErrorCode.GRAPHQL_PARSE_FAILED && formatted.message.startsWith(TOKEN_LIMIT_PREFIX)
          ? TOKEN_LIMIT_MESSAGE
          : formatted.message;
      if (exposeDetails) return { ...formatted, message };
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message, extensions };
    }
    return {
      message: exposeDetails && original instanceof Error ? original.message : MASKED_MESSAGE,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
