import { createHash, randomBytes } from 'node:crypto';

import { badUserInput, notFound } from '../errors/app-error.js';
import type { GraphClient, RoundTripCounter } from '../graph/graph-client.js';
import { type ApiKeyRecord, ApiKeyRepository, type ChangeStamp, ensureAccessSchema } from '../graph/repositories/api-key-repository.js';
import { type Principal, type Role, ROLES } from './principal.js';

export type { ApiKeyRecord, ChangeStamp } from '../graph/repositories/api-key-repository.js';

/** Every token this server issues starts so: a leaked one is recognisable (secret scanners key on it). */
export const TOKEN_PREFIX = 'sgk_';

/** A well-formed token: the prefix and 32 random bytes in base64url (43 characters, no padding). */
const TOKEN_SHAPE = /^sgk_[A-Za-z0-9_-]{43}$/;

/** A key's name: short, printable, safe in logs and command lines. */
const NAME_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** How many keys `list` returns at most. */
export const MAX_LISTED_KEYS = 1000;

/**
 * A new token: 256 bits from the system's CSPRNG, base64url-encoded after {@link TOKEN_PREFIX}.
 *
 * @example
 * const token = generateToken(); // 'sgk_Qm9…' (47 characters)
 */
export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** True when `token` has the shape of a token this server issues (checked before any database read). */
export function isWellFormedToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/**
 * The stored form of a token: `sha256:<hex>`.
 *
 * SHA-256, not a password hash (bcrypt, scrypt, Argon2): those are slow on purpose because passwords are
 * guessable, and their salt makes each hash unique, so a key could only be found by trying every stored
 * one. A token is 256 random bits: no dictionary helps, and inverting SHA-256 on such an input is out of
 * reach, so a fast unsalted hash loses nothing, and being deterministic it is looked up by an index seek
 * on every request instead of being compared with every key.
 *
 * @example
 * hashToken('sgk_abc'); // 'sha256:5d2f…'
 */
export function hashToken(token: string): string {
  return `sha256:${createHash('sha256').update(token, 'utf8').digest('hex')}`;
}

/** A role named in any case (`editor`, `EDITOR`); undefined when it is none of {@link ROLES}. */
export function parseRole(value: string): Role | undefined {
  const upper = value.toUpperCase();
  return (ROLES as readonly string[]).includes(upper) ? (upper as Role) : undefined;
}

/** Why a key was created or revoked, and the request's idempotency key, for the change record. */
export interface KeyChangeContext {
  readonly reason?: string | null;
  readonly idempotencyKey?: string | null;
}

/** A key just created: its record, the change that recorded it, and the token, shown this once only. */
export interface CreatedApiKey {
  readonly key: ApiKeyRecord;
  readonly token: string;
  readonly change: ChangeStamp;
}

/**
 * Creating, listing and revoking API keys, for `npm run keys` and the admin mutations. Every write is
 * recorded in the audit trail (a `Change`, CONTRACT-15) in the same transaction, with the principal who
 * made it; the token is returned once and never stored, logged or recorded.
 *
 * @example
 * const keys = new ApiKeyService(graph);
 * const { token } = await keys.create('curator', 'EDITOR', SYSTEM, { reason: 'new curator' });
 */
export class ApiKeyService {
  private readonly repo: ApiKeyRepository;

  constructor(
    private readonly graph: GraphClient,
    counter?: RoundTripCounter,
    private readonly hooks: KeyHooks = {},
  ) {
    this.repo = new ApiKeyRepository(graph, counter);
  }

  /** Creates a key; BAD_USER_INPUT naming `name` when the name is malformed or taken. */
  async create(name: string, role: Role, by: Principal, context: KeyChangeContext = {}): Promise<CreatedApiKey> {
    checkName(name);
    await this.ensureSchema();
    const token = generateToken();
    const result = await this.repo.create({ name, role, hash: hashToken(token) }, authorOf(by, context));
    if (result === 'exists') throw badUserInput(`An API key called "${name}" exists already; choose another name`, { argument: 'name' });
    this.hooks.changed?.(result.change.seq);
    return { ...result, token };
  }

  /** Revokes a key; NOT_FOUND naming `name` when there is none. Revoking a revoked key changes nothing. */
  async revoke(name: string, by: Principal, context: KeyChangeContext = {}): Promise<{ key: ApiKeyRecord; change: ChangeStamp | null }> {
    checkName(name);
    const result = await this.repo.revoke(name, authorOf(by, context));
    if (result === 'missing') throw notFound('name', name, 'API key');
    this.hooks.revoked?.(name);
    if (result.change) this.hooks.changed?.(result.change.seq);
    return result;
  }

  /** The keys, by name (at most {@link MAX_LISTED_KEYS}). */
  list(): Promise<ApiKeyRecord[]> {
    return this.repo.list(MAX_LISTED_KEYS);
  }

  /** Constraints first (once per client): the unique name and hash are what keep keys apart. */
  private ensureSchema(): Promise<void> {
    let ready = schemaReady.get(this.graph);
    if (!ready) {
      ready = ensureAccessSchema(this.graph).catch((error: unknown) => {
        schemaReady.delete(this.graph);
        throw error;
      });
      schemaReady.set(this.graph, ready);
    }
    return ready;
  }
}

/** Whether the access schema was ensured through a client (once per process and database). */
const schemaReady = new WeakMap<GraphClient, Promise<void>>();

/** What else must happen when a key write commits (in the server: cache and feed). */
export interface KeyHooks {
  /** A change record committed with this seq (wakes this process's change feed). */
  readonly changed?: (seq: number) => void;
  /** A key was revoked (drops it from this process's verified-key cache at once). */
  readonly revoked?: (name: string) => void;
}

function checkName(name: string): void {
  if (!NAME_SHAPE.test(name)) {
    throw badUserInput('name must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit', {
      argument: 'name',
    });
  }
}

function authorOf(
  by: Principal,
  context: KeyChangeContext,
): {
  principal: string;
  role: string | null;
  via: string;
  reason: string | null;
  idempotencyKey: string | null;
} {
  return { principal: by.name, role: by.role, via: by.via, reason: context.reason ?? null, idempotencyKey: context.idempotencyKey ?? null };
}
