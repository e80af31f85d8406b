import { AppError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/error-code.js';

/**
 * The caller must authenticate: no credentials where a field needs them, or credentials that do not verify
 * (unknown, revoked, expired, badly signed). HTTP 401 (the
 * server adds the `WWW-Authenticate: Bearer` challenge).
 *
 * @example
 * throw unauthenticated('This API key is not valid (unknown or revoked)');
 */
export function unauthenticated(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(ErrorCode.UNAUTHENTICATED, message, { ...details, http: { status: 401 } });
}

/**
 * The caller is known but its role is too low for a field; `extensions.requiredRole` names the role needed.
 *
 * @example
 * throw forbidden('Mutation.createApiKey needs the ADMIN role', 'ADMIN');
 */
export function forbidden(message: string, requiredRole: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(ErrorCode.FORBIDDEN, message, { ...details, requiredRole, http: { status: 403 } });
}
