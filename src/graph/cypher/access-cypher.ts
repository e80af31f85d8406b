import { cypher } from './cypher-query.js';

/**
 * API keys (src/auth/api-keys.ts) and the change records of their management. A key is stored as
 * `(:ApiKey {name, role, hash, createdAt, revokedAt})`: the SHA-256 of its token, never the token.
 */

/**
 * Constraints and indexes keys and the change log need, each `IF NOT EXISTS` (an equivalent one made by
 * the seed's schema counts). Run once per process before the first key write (src/auth/api-keys.ts).
 */
export const ACCESS_SCHEMA = Object.freeze([
  cypher('apiKeyNameUnique', 'CREATE CONSTRAINT api_key_name_unique IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.name IS UNIQUE'),
  cypher('apiKeyHashUnique', 'CREATE CONSTRAINT api_key_hash_unique IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.hash IS UNIQUE'),
  cypher('changeSeqUnique', 'CREATE CONSTRAINT change_seq_unique IF NOT EXISTS FOR (c:Change) REQUIRE c.seq IS UNIQUE'),
  cypher(
    'changeCounterNameUnique',
    'CREATE CONSTRAINT change_counter_name_unique IF NOT EXISTS FOR (c:ChangeCounter) REQUIRE c.name IS UNIQUE',
  ),
  cypher('changeAtIndex', 'CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at)'),
  cypher('changePrincipalIndex', 'CREATE INDEX change_principal IF NOT EXISTS FOR (c:Change) ON (c.principal)'),
]);

/** The key whose token hashes to `$hash` (one index seek on the unique hash). */
export const FIND_API_KEY_BY_HASH = cypher(
  'findApiKeyByHash',
  `
MATCH (k:ApiKey {hash: $hash})
RETURN k.name AS name, k.role AS role, k.createdAt AS createdAt, k.revokedAt AS revokedAt`,
);

/** The key called `$name`. */
export const FIND_API_KEY_BY_NAME = cypher(
  'findApiKeyByName',
  `
MATCH (k:ApiKey {name: $name})
RETURN k.name AS name, k.role AS role, k.createdAt AS createdAt, k.revokedAt AS revokedAt`,
);

/** The first `$limit` keys by name, revoked ones included (never their hashes). */
export const LIST_API_KEYS = cypher(
  'listApiKeys',
  `
MATCH (k:ApiKey)
RETURN k.name AS name, k.role AS role, k.createdAt AS createdAt, k.revokedAt AS revokedAt
ORDER BY k.name
LIMIT $limit`,
);

/**
 * Takes the next change number (CONTRACT-15: `(:ChangeCounter {name: 'changes'})`, incremented in the
 * writing transaction): the counter's write lock, held to commit, orders writers, so seq order is commit
 * order. `at` is read after the lock is taken, so it grows with `seq`.
 */
export const NEXT_CHANGE_SEQ = cypher(
  'nextChangeSeq',
  `
MERGE (counter:ChangeCounter {name: 'changes'})
ON CREATE SET counter.value = 0
SET counter.value = counter.value + 1
RETURN counter.value AS seq, datetime.truncate('millisecond', datetime.realtime()) AS at`,
);

/** Creates a key and the change record that says so, in the transaction that took `$seq`. */
export const CREATE_API_KEY = cypher(
  'createApiKey',
  `
CREATE (k:ApiKey {name: $name, role: $role, hash: $hash, createdAt: datetime($at)})
CREATE (c:Change {
  seq: $seq, at: datetime($at), principal: $principal, role: $principalRole, via: $via,
  mutation: 'createApiKey', ids: $ids, before: $before, after: $after, reason: $reason,
  idempotencyKey: $idempotencyKey
})
RETURN k.name AS name`,
);

/** Revokes a key and records the change, in the transaction that took `$seq`. */
export const REVOKE_API_KEY = cypher(
  'revokeApiKey',
  `
MATCH (k:ApiKey {name: $name})
WHERE k.revokedAt IS NULL
SET k.revokedAt = datetime($at)
CREATE (c:Change {
  seq: $seq, at: datetime($at), principal: $principal, role: $principalRole, via: $via,
  mutation: 'revokeApiKey', ids: $ids, before: $before, after: $after, reason: $reason,
  idempotencyKey: $idempotencyKey
})
RETURN k.name AS name`,
);
