import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify, type JWTVerifyGetKey } from 'jose';

import type { JwtSettings } from '../config/config.js';
import { AppError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/error-code.js';
import { unauthenticated } from './access-errors.js';
import { type Principal, type Role, ROLES } from './principal.js';

/** Asymmetric algorithms accepted from a key set; `none` and HMAC never (a JWKS holds public keys). */
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Verifies a bearer JWT; resolves to its principal or rejects with UNAUTHENTICATED. */
export type JwtVerifier = (token: string) => Promise<Principal>;

/**
 * A verifier of an identity provider's tokens (jose): signature by the provider's JWKS (fetched and cached
 * by jose, refetched when a token names an unknown `kid`) or by an HS256 shared secret; `iss` and `aud`
 * must match; `exp` and `nbf` are checked with the configured clock tolerance. The principal is the
 * token's `sub`, its role the highest role named by the configured claim (a string or a list, any case);
 * a token whose claim names no role is authenticated with no role (FORBIDDEN wherever a role is needed).
 *
 * @example
 * const verify = jwtVerifier(config.access.jwt!);
 * const principal = await verify(token);
 */
export function jwtVerifier(settings: JwtSettings, now: () => number = Date.now): JwtVerifier {
  const options = {
    issuer: settings.issuer,
    audience: settings.audience,
    clockTolerance: settings.clockToleranceSeconds,
    algorithms: settings.jwksUrl !== null ? ASYMMETRIC : ['HS256'],
    // jose reads the clock for exp/nbf; tests step it without sleeping.
    currentDate: undefined as Date | undefined,
  };
  const key: Uint8Array | JWTVerifyGetKey =
    settings.jwksUrl !== null
      ? createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: 2000, cooldownDuration: 30_000, cacheMaxAge: 600_000 })
      : new TextEncoder().encode(settings.secret ?? '');
  return async (token) => {
    let payload: JWTPayload;
    try {
      const verifyOptions = { ...options, currentDate: new Date(now()) };
      ({ payload } = typeof key === 'function' ? await jwtVerify(token, key, verifyOptions) : await jwtVerify(token, key, verifyOptions));
    } catch (error) {
      // The provider's key set could not be fetched: the token may be fine, the client should retry.
      if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
        throw new AppError(
          ErrorCode.SERVICE_UNAVAILABLE,
          "The identity provider's key set could not be fetched; try again shortly.",
          {},
          { cause: error },
        );
      }
      throw unauthenticated(reasonOf(error));
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') throw unauthenticated('The token has no subject (sub)');
    return { name: payload.sub, role: roleOf(payload[settings.roleClaim]), via: 'jwt' };
  };
}

/** The highest role a claim names (a string or a list of strings, any case); null when it names none. */
export function roleOf(claim: unknown): Role | null {
  const names = (Array.isArray(claim) ? claim : [claim]).filter((v): v is string => typeof v === 'string').map((v) => v.toUpperCase());
  const held = ROLES.filter((role) => names.includes(role));
  return held.at(-1) ?? null;
}

/** What a client may learn of why its token was refused: the kind of failure, never key material. */
function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `The token's ${error.claim} claim is not accepted here`;
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed) {
    return 'The token is not signed by a key this server trusts';
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return "The token's signing algorithm is not accepted here";
  return 'The token is not a valid JWT';
}
