import type { ServerResponse } from 'node:http';

import type { ErrorCode } from '../../errors/error-code.js';

/** The body of every error answered outside GraphQL execution: shaped like a GraphQL error response. */
export interface HttpErrorBody {
  readonly errors: readonly [{ readonly message: string; readonly extensions: { readonly code: ErrorCode } & Record<string, unknown> }];
}

/**
 * An error body with a stable code, for answers given before GraphQL runs (405, 413, 404, ...), so that
 * clients read `errors[0].extensions.code` the same way whatever refused them.
 *
 * @example
 * sendJson(res, 413, errorBody('BAD_REQUEST', 'Request body too large'));
 */
export function errorBody(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): HttpErrorBody {
  return { errors: [{ message, extensions: { ...extensions, code } }] };
}

/** Answers JSON with a status. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/**
 * Answers an error outside GraphQL execution with its stable code.
 *
 * @example
 * return sendError(res, 405, 'BAD_REQUEST', 'Use GET or POST', { allow: 'GET, POST' });
 */
export function sendError(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
  extensions: Record<string, unknown> = {},
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, status, errorBody(code, message, extensions));
}
