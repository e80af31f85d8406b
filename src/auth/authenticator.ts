import type { AccessSettings } from '../config/config.js';
import type { GraphClient } from '../graph/graph-client.js';
import { ApiKeyRepository } from '../graph/repositories/api-key-repository.js';
import { unauthenticated } from './access-errors.js';
import { hashToken, isWellFormedToken, parseRole, TOKEN_PREFIX } from './api-keys.js';
import { type JwtVerifier, jwtVerifier } from './jwt.js';
import { ANONYMOUS, type Principal } from './principal.js';

/** Verified keys remembered at once; past it the oldest entry is dropped (it is verified again). */
const CACHE_ENTRIES = 10_000;

interface CachedKey {
  /** The key's principal, or null for a hash that matches no valid key. */
  readonly principal: Principal | null;
  readonly name: string | null;
  readonly expiresAtMs: number;
}

/**
 * Says who a request comes from, from its `Authorization` header: nothing is the anonymous caller; a
 * `Bearer` API key (`sgk_…`) is looked up by the SHA-256 of its token; with JWT settings, any other
 * bearer token is verified as a JWT. A header that does not verify is UNAUTHENTICATED, never anonymous:
 * a client whose key was revoked must hear so, not silently read as nobody.
 *
 * Verified keys, and tokens that match no valid key, are remembered for `keyCacheMs`
 * (API_KEY_CACHE_MS): a revoked key stops working on this process at once (revocation through it clears
 * the entry) and on every other replica within `keyCacheMs`. The clock is injectable, so tests step it.
 *
 * @example
 * const auth = new Authenticator(graph, config.access);
 * const principal = await auth.authenticate(req.headers.authorization);
 */
export class Authenticator {
  private readonly keys: ApiKeyRepository;
  private readonly jwt: JwtVerifier | undefined;
  /** By token hash; Map order is insertion order, the oldest first. */
  private readonly cache = new Map<string, CachedKey>();

  constructor(
    graph: GraphClient,
    private readonly settings: AccessSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.keys = new ApiKeyRepository(graph);
    this.jwt = settings.jwt ? jwtVerifier(settings.jwt, now) : undefined;
  }

  /** Whether reads need a verified caller (READ_ACCESS=key). */
  get readsNeedKey(): boolean {
    return this.settings.readAccess === 'key';
  }

  /**
   * The principal of an `Authorization` header; rejects with UNAUTHENTICATED when it does not verify.
   *
   * @example
   * await auth.authenticate('Bearer sgk_…'); // { name: 'curator', role: 'EDITOR', via: 'api-key' }
   */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    if (authorization === undefined || authorization === '') return ANONYMOUS;
    const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    if (!bearer?.[1]) throw unauthenticated('Send credentials as "Authorization: Bearer <token>"');
    const token = bearer[1];
    if (token.startsWith(TOKEN_PREFIX)) return this.verifyKey(token);
    if (this.jwt) return this.jwt(token);
    throw unauthenticated('This API key is not valid (unknown, revoked or mistyped)');
  }

  /** Drops what the cache holds for a key, so its revocation takes effect on this process at once. */
  forget(name: string): void {
    for (const [hash, entry] of this.cache) if (entry.name === name) this.cache.delete(hash);
  }

  private async verifyKey(token: string): Promise<Principal> {
    // A token of the wrong shape costs no database read.
    if (!isWellFormedToken(token)) throw unauthenticated('This API key is not valid (unknown, revoked or mistyped)');
    const hash = hashToken(token);
    const now = this.now();
    let entry = this.cache.get(hash);
    if (entry === undefined || entry.expiresAtMs <= now) {
      const key = await this.keys.findByHash(hash);
      const role = key && key.revokedAt === null ? parseRole(key.role) : undefined;
      entry = {
        principal: key && role ? { name: key.name, role, via: 'api-key' } : null,
        name: key?.name ?? null,
        expiresAtMs: now + this.settings.keyCacheMs,
      };
      this.cache.delete(hash);
      if (this.settings.keyCacheMs > 0) this.cache.set(hash, entry);
      while (this.cache.size > CACHE_ENTRIES) {
        const oldest = this.cache.keys().next();
        if (oldest.done === true) break;
        this.cache.delete(oldest.value);
      }
    }
    if (entry.principal === null) throw unauthenticated('This API key is not valid (unknown, revoked or mistyped)');
    return entry.principal;
  }
}
