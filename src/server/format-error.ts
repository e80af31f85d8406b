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
 * The AppError a scalar threw while the document or its variables were checked. Apollo relabels it: a
 * bad Date literal arrives as GRAPHQL_VALIDATION_FAILED, the same value in a variable as BAD_USER_INPUT.
 * Such errors have no path (nothing had run yet); resolver errors, which do, are unwrapped by Apollo.
 */
export function scalarAppError(error: unknown): AppError | undefined {
  return error instanceof GraphQLError && !(error instanceof AppError) && !error.path && error.originalError instanceof AppError
    ? error.originalError
    : undefined;
}

/**
 * The code the client sees for an error, before masking: an AppError's own (also behind Apollo's
 * relabelling, see {@link scalarAppError}), else the code in `extensions`.
 */
export function clientCodeOf(error: GraphQLError): unknown {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) return original.code;
  return scalarAppError(error)?.code ?? error.extensions['code'];
}

/**
 * True when the client sees an error's own message and `code`: our AppErrors, and the request errors of
 * Apollo and graphql-js. Anything else is masked (and logged in full).
 */
export function isShownToClient(error: unknown, code: unknown): boolean {
  const original = unwrapResolverError(error);
  return original instanceof AppError || (original instanceof GraphQLError && typeof code === 'string' && REQUEST_ERROR_CODES.has(code));
}

/**
 * Decides what the client sees of an error. Our AppErrors and Apollo's request errors keep their
 * message and code; anything else (a bug, a database message, a configuration detail) becomes a generic
 * INTERNAL_SERVER_ERROR. The full error is logged elsewhere (the logging plugin), with the request id.
 * Stack traces never leave the server unless `exposeDetails` (development only).
 */
export function formatError(exposeDetails: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    // A literal the scalar refused gets the scalar's code, as the same value in a variable does.
    const code = scalarAppError(error)?.code ?? formatted.extensions?.['code'];
    if (isShownToClient(error, code) && isErrorCode(code)) {
      // The parser's token-limit message prints the limit; limits are not disclosed.
      const message =
        code === ErrorCode.GRAPHQL_PARSE_FAILED && formatted.message.startsWith(TOKEN_LIMIT_PREFIX)
          ? TOKEN_LIMIT_MESSAGE
          : formatted.message;
      if (exposeDetails) return { ...formatted, message, extensions: { ...formatted.extensions, code } };
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message, extensions: { ...extensions, code } };
    }
    return {
      message: exposeDetails && original instanceof Error ? original.message : MASKED_MESSAGE,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
