import { isDateTime } from 'neo4j-driver';

import { invariant } from '../../errors/app-error.js';
import {
  ACCESS_SCHEMA,
  CREATE_API_KEY,
  FIND_API_KEY_BY_HASH,
  FIND_API_KEY_BY_NAME,
  LIST_API_KEYS,
  NEXT_CHANGE_SEQ,
  REVOKE_API_KEY,
} from '../cypher/access-cypher.js';
import type { GraphClient, RoundTripCounter, RunInTransaction } from '../graph-client.js';
import { int } from './shared.js';

/** A stored API key as the API shows it: never its hash. */
export interface ApiKeyRecord {
  readonly name: string;
  /** `VIEWER`, `EDITOR` or `ADMIN`. */
  readonly role: string;
  /** ISO 8601, millisecond precision. */
  readonly createdAt: string;
  /** When it was revoked (ISO 8601), null while it is valid. */
  readonly revokedAt: string | null;
}

/** Who made a change and why, as the change record stores it (CONTRACT-15). */
export interface ChangeAuthor {
  readonly principal: string;
  readonly role: string | null;
  readonly via: string;
  readonly reason: string | null;
  readonly idempotencyKey: string | null;
}

/** The number and time a write transaction took for its change record. */
export interface ChangeStamp {
  readonly seq: number;
  /** ISO 8601, millisecond precision. */
  readonly at: string;
}

/** Turns a Neo4j DateTime (or null) into an ISO 8601 string in UTC with milliseconds (or null). */
export function toIsoDateTime(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  invariant(isDateTime(value), `expected a Neo4j DateTime, got ${typeof value}`);
  return value.toStandardDate().toISOString();
}

function toApiKey(row: Record<string, unknown>): ApiKeyRecord {
  return {
    name: row['name'] as string,
    role: row['role'] as string,
    createdAt: toIsoDateTime(row['createdAt']) as string,
    revokedAt: toIsoDateTime(row['revokedAt']),
  };
}

/** Takes the next change number inside a write transaction (holding the counter's lock until commit). */
async function nextChange(run: RunInTransaction): Promise<ChangeStamp> {
  const { records } = await run<{ seq: number; at: unknown }>(NEXT_CHANGE_SEQ);
  const row = records[0]?.toObject();
  invariant(row !== undefined, 'nextChangeSeq returned no row');
  return { seq: row.seq, at: toIsoDateTime(row.at) as string };
}

/**
 * API keys in the graph. Reads are one round trip; each write is one transaction of three statements
 * (take the change number, look the key up, write it with its change record), so that the key and its
 * audit record commit together or not at all. Taking the number first serialises key writes behind the
 * counter's lock, so two creations of one name cannot both pass the look-up.
 */
export class ApiKeyRepository {
  constructor(
    private readonly graph: GraphClient,
    private readonly counter?: RoundTripCounter,
  ) {}

  /**
   * The key whose token hashes to `hash`, revoked or not; undefined when none.
   *
   * @example
   * const key = await repo.findByHash(hashToken(token));
   */
  async findByHash(hash: string): Promise<(ApiKeyRecord & { readonly hash: string }) | undefined> {
    const [row] = await this.graph.read(FIND_API_KEY_BY_HASH, { hash }, this.counter);
    return row ? { ...toApiKey(row), hash } : undefined;
  }

  /** The key called `name`; undefined when none. */
  async findByName(name: string): Promise<ApiKeyRecord | undefined> {
    const [row] = await this.graph.read(FIND_API_KEY_BY_NAME, { name }, this.counter);
    return row ? toApiKey(row) : undefined;
  }

  /** The first `limit` keys by name. */
  async list(limit: number): Promise<ApiKeyRecord[]> {
    return (await this.graph.read(LIST_API_KEYS, { limit: int(limit) }, this.counter)).map(toApiKey);
  }

  /**
   * Creates a key and its change record; `exists` (and nothing written) when the name is taken.
   *
   * @example
   * const result = await repo.create({ name: 'curator', role: 'EDITOR', hash }, author);
   */
  async create(
    key: { readonly name: string; readonly role: string; readonly hash: string },
    author: ChangeAuthor,
  ): Promise<{ readonly key: ApiKeyRecord; readonly change: ChangeStamp } | 'exists'> {
    return this.graph
      .writeTransaction(async (run) => {
        const change = await nextChange(run);
        const found = await run(FIND_API_KEY_BY_NAME, { name: key.name });
        // Throwing rolls the counter back: a refused creation leaves no trace.
        if (found.records.length > 0) throw new KeyExists();
        const record: ApiKeyRecord = { name: key.name, role: key.role, createdAt: change.at, revokedAt: null };
        await run(CREATE_API_KEY, {
          ...changeParams(change, author, [keyId(key.name)], null, JSON.stringify(record)),
          name: key.name,
          role: key.role,
          hash: key.hash,
        });
        return { key: record, change };
      }, this.counter)
      .catch((error: unknown) => {
        if (error instanceof KeyExists) return 'exists' as const;
        throw error;
      });
  }

  /**
   * Revokes the key called `name` and records it; `missing` when there is none, and the key unchanged
   * (no change recorded) when it was already revoked.
   */
  async revoke(
    name: string,
    author: ChangeAuthor,
  ): Promise<{ readonly key: ApiKeyRecord; readonly change: ChangeStamp | null } | 'missing'> {
    const result = await this.graph
      .writeTransaction(async (run) => {
        const change = await nextChange(run);
        const [row] = (await run(FIND_API_KEY_BY_NAME, { name })).records.map((r) => r.toObject());
        if (row === undefined) throw new KeyMissing();
        const before = toApiKey(row);
        if (before.revokedAt !== null) throw new KeyRevoked(before);
        const after: ApiKeyRecord = { ...before, revokedAt: change.at };
        await run(REVOKE_API_KEY, { ...changeParams(change, author, [keyId(name)], JSON.stringify(before), JSON.stringify(after)), name });
        return { key: after, change };
      }, this.counter)
      .catch((error: unknown) => {
        if (error instanceof KeyMissing) return 'missing' as const;
        if (error instanceof KeyRevoked) return { key: error.key, change: null };
        throw error;
      });
    return result;
  }
}

/** The id a key has in change records' `ids` (keys are named, not numbered). */
export function keyId(name: string): string {
  return `api-key:${name}`;
}

function changeParams(
  change: ChangeStamp,
  author: ChangeAuthor,
  ids: string[],
  before: string | null,
  after: string,
): Record<string, unknown> {
  return {
    seq: int(change.seq),
    at: change.at,
    principal: author.principal,
    principalRole: author.role,
    via: author.via,
    ids,
    before,
    after,
    reason: author.reason,
    idempotencyKey: author.idempotencyKey,
  };
}

/** Control flow out of a transaction that must roll back; never leaves this module. */
class KeyExists extends Error {}
class KeyMissing extends Error {}
class KeyRevoked extends Error {
  constructor(readonly key: ApiKeyRecord) {
    super('already revoked');
  }
}

/**
 * Creates the constraints and indexes of keys and the change log if they are missing (each statement
 * `IF NOT EXISTS`, so running it again, or after the seed made equivalent ones, changes nothing).
 *
 * @example
 * await ensureAccessSchema(graph);
 */
export async function ensureAccessSchema(graph: GraphClient): Promise<void> {
  for (const statement of ACCESS_SCHEMA) await graph.schema(statement);
}
