import type { ServerResponse } from 'node:http';

import type { Authenticator } from '../../auth/authenticator.js';
import type { Principal } from '../../auth/principal.js';
import { AppError } from '../../errors/app-error.js';
import { sendError } from './respond.js';

/**
 * The caller of an HTTP request (/graphql, /export), or undefined once a refusal was sent: 401 UNAUTHENTICATED (with a Bearer
 * challenge) for credentials that do not verify, 503 when they cannot be checked now.
 */
export async function authenticateRequest(
  authenticator: Authenticator,
  authorization: string | undefined,
  res: ServerResponse,
): Promise<Principal | undefined> {
  try {
    return await authenticator.authenticate(authorization);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'UNAUTHENTICATED') {
      sendError(res, 401, error.code, error.message, { 'www-authenticate': 'Bearer realm="sanctions-graph", error="invalid_token"' });
    } else if (error.code === 'SERVICE_UNAVAILABLE' || error.code === 'TIMEOUT' || error.code === 'OVERLOADED') {
      sendError(res, 503, error.code, error.message, { 'retry-after': '1' });
    } else {
      throw error;
    }
    return undefined;
  }
}
