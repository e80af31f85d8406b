import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';

import { AppError, unreachable } from '../errors/app-error.js';
import { type ErrorCode, isErrorCode } from '../errors/error-code.js';
import { clientCodeOf, isShownToClient } from './format-error.js';

/**
 * How an error is logged: `client` (the caller's mistake: info, no stack), `operational` (the database
 * or the server's capacity refused: warn, no stack) or `fault` (a bug or an unknown failure: error, in full).
 */
export type ErrorSeverity = 'client' | 'operational' | 'fault';

/** The severity of each error code; a new code must be placed here (the switch is exhaustive). */
export function severityOf(code: ErrorCode): ErrorSeverity {
  switch (code) {
    case 'BAD_USER_INPUT':
    case 'NOT_FOUND':
    case 'FORBIDDEN':
    case 'UNAUTHENTICATED':
    case 'GRAPHQL_PARSE_FAILED':
    case 'GRAPHQL_VALIDATION_FAILED':
    case 'PERSISTED_QUERY_NOT_FOUND':
    case 'OPERATION_RESOLUTION_FAILURE':
    case 'BAD_REQUEST':
    case 'RATE_LIMITED':
    case 'COST_LIMIT_EXCEEDED':
    case 'RESPONSE_TOO_LARGE':
    case 'CONFLICT':
      return 'client';
    // MEMORY_LIMIT_EXCEEDED among them: Neo4j raises one code for a query over its own cap and for the
    // shared budget being spent, and the latter is a capacity problem an operator wants to see.
    case 'SERVICE_UNAVAILABLE':
    case 'TIMEOUT':
    case 'OVERLOADED':
    case 'MEMORY_LIMIT_EXCEEDED':
      return 'operational';
    case 'INTERNAL_SERVER_ERROR':
      return 'fault';
    default:
      return unreachable(code);
  }
}

/** Longest message kept in a log line: messages can quote the client's document. */
const MAX_MESSAGE_CHARS = 200;

/** Settings of {@link ErrorLog}. */
export interface ErrorLogOptions {
  /** Length of a window in which each distinct code and message is written once. */
  readonly windowMs: number;
  /** Distinct lines written per window at most; later ones are only counted. */
  readonly maxLinesPerWindow: number;
  /** The clock, for tests. */
  readonly now?: () => number;
}

/**
 * Logs the errors of GraphQL responses so that no client can flood the log. Faults (bugs, unknown
 * failures) are written every time with the full error and the request id. Client mistakes (info) and
 * operational refusals (warn) are written without a stack, once per distinct code and message per window
 * and at most `maxLinesPerWindow` lines per window; the rest are counted, and one line
 * `msg: "errors suppressed"` with the counts by code ends each window that had any.
 *
 * @example
 * const errorLog = new ErrorLog(log, { windowMs: 60_000, maxLinesPerWindow: 20 });
 * errorLog.record(errors, requestId);
 */
export class ErrorLog {
  private readonly now: () => number;
  private windowStart: number;
  private readonly seen = new Set<string>();
  private readonly suppressed = new Map<string, number>();
  private suppressedOperational = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: Logger,
    private readonly options: ErrorLogOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.windowStart = this.now();
  }

  /** Logs the errors of one response. */
  record(errors: readonly GraphQLError[], requestId: string): void {
    for (const error of errors) {
      const code = clientCodeOf(error);
      // What the client sees masked is a fault here too, whatever code it carried.
      const severity = isErrorCode(code) && isShownToClient(error, code) ? severityOf(code) : 'fault';
      if (severity === 'fault') {
        this.log.error({ err: unwrapResolverError(error), path: error.path, requestId }, 'unexpected error');
        continue;
      }
      this.limited(code as string, severity, error, requestId);
    }
  }

  /** Writes the counts of the current window, if anything was suppressed, and starts a new window. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.suppressed.size > 0) {
      const byCode = Object.fromEntries(this.suppressed);
      const total = [...this.suppressed.values()].reduce((sum, n) => sum + n, 0);
      const line = { suppressed: total, byCode, windowMs: this.options.windowMs };
      if (this.suppressedOperational) this.log.warn(line, 'errors suppressed');
      else this.log.info(line, 'errors suppressed');
    }
    this.seen.clear();
    this.suppressed.clear();
    this.suppressedOperational = false;
    this.windowStart = this.now();
  }

  private limited(code: string, severity: Exclude<ErrorSeverity, 'fault'>, error: GraphQLError, requestId: string): void {
    if (this.now() - this.windowStart >= this.options.windowMs) this.flush();
    const message = error.message.length > MAX_MESSAGE_CHARS ? `${error.message.slice(0, MAX_MESSAGE_CHARS)}...` : error.message;
    const key = `${code}\u0000${message}`;
    if (this.seen.has(key) || this.seen.size >= this.options.maxLinesPerWindow) {
      this.suppressed.set(code, (this.suppressed.get(code) ?? 0) + 1);
      if (severity === 'operational') this.suppressedOperational = true;
      // The counts are written when the window ends even if no later error comes to end it.
      this.timer ??= setTimeout(() => this.flush(), Math.max(0, this.windowStart + this.options.windowMs - this.now())).unref();
      return;
    }
    this.seen.add(key);
    const line = { requestId, code, message, ...(error.path ? { path: error.path } : {}), ...causeOf(error) };
    if (severity === 'operational') this.log.warn(line, 'operational error');
    else this.log.info(line, 'client error');
  }
}

/** The code of the database error behind an operational refusal (a Neo4j code), never its message. */
function causeOf(error: GraphQLError): { cause?: string } {
  const original = unwrapResolverError(error);
  const cause = original instanceof AppError ? original.originalError : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? { cause: code } : {};
}
