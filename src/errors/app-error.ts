import { GraphQLError } from 'graphql';

import { ErrorCode } from './error-code.js';

/** An error meant for the client: its message is safe to show and it always carries `extensions.code`. */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, { extensions: { ...details, code }, originalError: options.cause instanceof Error ? options.cause : undefined });
  }
}

/**
 * Gives an error a one-line stack before anything reads it. For the refusals a flood produces by the
 * thousand (OVERLOADED, RATE_LIMITED, RESPONSE_TOO_LARGE): graphql-js copies the stack of every resolver
 * error, and formatting a captured stack through source maps costs more than the whole refusal.
 *
 * @example
 * throw withoutStack(new AppError(ErrorCode.OVERLOADED, 'busy'));
 */
export function withoutStack<E extends Error>(error: E): E {
  error.stack = `${error.name}: ${error.message}`;
  return error;
}

/**
 * A user mistake, with what was expected.
 *
 * @example
 * throw badUserInput('maxHops must be between 1 and 6', { argument: 'maxHops', min: 1, max: 6 });
 */
export function badUserInput(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, message, details);
}

/**
 * An argument names something the graph does not hold; `extensions.argument` names the argument.
 *
 * @example
 * throw notFound('actorId', 'nobody', 'actor');
 */
export function notFound(argument: string, id: string, what: string): AppError {
  return new AppError(ErrorCode.NOT_FOUND, `No ${what} has the id given in ${argument} (ids match exactly)`, { argument, id });
}

/** The database cannot be reached (down, no route, no connection in time); the client may retry. */
export function databaseUnavailable(cause?: unknown): AppError {
  return new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The graph database is unavailable; try again shortly.', {}, { cause });
}

/** A query ran past its transaction timeout (Neo4j's or the client-side deadline) and was stopped. */
export function queryTimedOut(cause?: unknown): AppError {
  return new AppError(ErrorCode.TIMEOUT, 'The query took too long and was stopped.', {}, { cause });
}

/** Fails when a state the code rules out happens anyway; the message is for the log, never the client. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant failed: ${message}`);
}

/** Ends an exhaustive switch: the compiler proves it is never reached. */
export function unreachable(value: never): never {
  throw new Error(`Unreachable case: ${JSON.stringify(value)}`);
}
