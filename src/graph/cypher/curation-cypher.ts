import { ACTOR_KINDS, RELATIONSHIP_TYPES, type RelationshipType } from '../model.js';
import { relationshipPropertyMap } from '../relationship-properties.js';
import { cypher, type CypherQuery } from './cypher-query.js';
import { actorRecordProjection, relationshipProjection, sanctionPartyEdges, sanctionProjection } from './fragments.js';

/**
 * The statements of curated writes (issue 15, docs/curation.md). Every mutation is one write transaction
 * that begins with {@link BEGIN_CHANGE} (taking the change counter's write lock, so writers are ordered and
 * every later read of the transaction sees what committed before it) and ends with {@link WRITE_CHANGES}
 * (the audit records and the idempotency record). Rows carry the sequence number of their change, so a seed
 * batch writes one change per record in one transaction. Live records are only ever created or retired:
 * a retired relationship becomes a `WAS` edge, a retired sanction a `SanctionVersion` node, and an actor's
 * previous properties an `ActorVersion` node.
 */

const KIND_LABELS = Object.values(ACTOR_KINDS).join(':');
const LIVE_TYPES = RELATIONSHIP_TYPES.join('|');

/**
 * Takes the next sequence number from the change counter (see {@link CREATE_CHANGE_COUNTER}). The counter's write lock is held to the end of the transaction, so every
 * writer after this statement sees every change committed before it: version checks and idempotency
 * checks that follow cannot race, and sequence order is commit order. `at` is the time every record of
 * the transaction is recorded from, to the millisecond (what `DateTime` shows, so an instant read from an
 * answer finds the record it came from). {@link WRITE_CHANGES} takes the numbers of further changes.
 */
export const BEGIN_CHANGE = cypher(
  'beginChange',
  `
MATCH (c:ChangeCounter)
USING SCAN c:ChangeCounter
WHERE c.name = 'changes'
SET c.value = c.value + 1
RETURN c.value AS firstSeq, datetime({epochMillis: datetime.realtime().epochMillis}) AS at`,
);

/**
 * The idempotency record of `$key`, read after {@link BEGIN_CHANGE} took the counter's lock. A statement
 * of its own: in one statement with the counter the planner may seek it first, and its seek takes a shared
 * lock on the key's index entry (`NodeUniqueIndexSeek(Locking)`) before the counter's; two retries of one
 * key then each held what the other's commit needed, and deadlocked.
 */
export const FIND_IDEMPOTENCY_RECORD = cypher(
  'findIdempotencyRecord',
  `
MATCH (i:IdempotencyRecord {key: $key})
RETURN i {.*} AS prior`,
);

/**
 * Creates the change counter when it does not exist yet (the first write of a graph). {@link BEGIN_CHANGE}
 * neither merges it nor seeks it by its unique index: both take a shared lock first (the plan's
 * `NodeUniqueIndexSeek(Locking)`), and two writers upgrading their shared locks on the counter to the
 * exclusive one at once deadlock. Scanning its label (one node) and setting it takes the exclusive lock
 * directly, so writers queue on it instead.
 */
export const CREATE_CHANGE_COUNTER = cypher(
  'createChangeCounter',
  `
MERGE (c:ChangeCounter {name: 'changes'})
ON CREATE SET c.value = 0
RETURN c.value AS value`,
);

/**
 * What a write must check before it writes: which of `$actorIds` are live actors (with their kind), which
 * of them were retracted or merged (and into what), how many sentences each of `$sourceIds` has and what
 * kind of source it is, and which of the cited `$records` (`{source, record}`) are records of their source
 * (declared by `addSource`, or stored by an import as a SourceRecord of its series).
 */
export const WRITE_CONTEXT = cypher(
  'writeContext',
  `
RETURN COLLECT { UNWIND $actorIds AS id MATCH (a:Actor {id: id}) RETURN a {.id, .kind} } AS actors,
       COLLECT { UNWIND $actorIds AS id MATCH (a:RetractedActor {id: id}) RETURN a.id } AS retracted,
       COLLECT { UNWIND $actorIds AS id MATCH (a:MergedActor {id: id}) RETURN {id: a.id, into: a.mergedInto} } AS merged,
       COLLECT { UNWIND $sourceIds AS id MATCH (s:Source {id: id}) RETURN {id: s.id, sentences: size(s.sentences), kind: coalesce(s.kind, 'ARTICLE')} } AS sources,
       COLLECT {
         UNWIND $records AS c
         MATCH (s:Source {id: c.source})
         WHERE c.record IN coalesce(s.recordIds, [])
            OR EXISTS { MATCH (r:SourceRecord {seriesId: s.seriesId, recordId: c.record}) }
         RETURN c
       } AS records`,
);

/** A source by id or by content hash (the same text twice is the same source). */
export const FIND_SOURCE_FOR_WRITE = cypher(
  'findSourceForWrite',
  `
OPTIONAL MATCH (byHash:Source {contentHash: $contentHash})
OPTIONAL MATCH (byId:Source {id: $id})
RETURN byHash {.*} AS byHash, byId {.*} AS byId`,
);

/** Writes sources (new, or with changed metadata), each recorded by the change of its row. */
export const WRITE_SOURCES = cypher(
  'writeSources',
  `
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
SET s = row.props,
    s.publishedOn = date(row.publishedOn),
    s.version = row.version, s.recordedFrom = $at, s.changeSeq = row.seq
RETURN s {.*} AS source`,
);

/** Actors by id for a write: the live node's properties and version. */
export const FIND_ACTORS_FOR_WRITE = cypher(
  'findActorsForWrite',
  `
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN ${actorRecordProjection('a')} AS actor, a.seeded = true AS seeded,
       COLLECT { MATCH (a)-[m:MENTIONED_IN]->(s:Source) RETURN {sourceId: s.id, sentences: m.sentences} } AS mentions`,
);

/**
 * Keeps the current properties of each actor of `$rows` as an `ActorVersion` before they change: the
 * period in which the graph held them ends now.
 */
export const SNAPSHOT_ACTORS = cypher(
  'snapshotActors',
  `
UNWIND $rows AS row
MATCH (a:Actor {id: row.id})
CREATE (v:ActorVersion)-[:VERSION_OF]->(a)
SET v.id = a.id, v.version = coalesce(a.version, 1), v.recordedFrom = a.recordedFrom, v.recordedTo = $at,
    v.changeSeq = a.changeSeq, v.endedBy = row.seq, v.endReason = row.reason,
    v.kind = a.kind, v.name = a.name, v.aliases = a.aliases, v.country = a.country, v.description = a.description
RETURN count(v) AS snapshots`,
);

/**
 * Writes actors of one kind (created or replaced): the common Actor label plus exactly one kind label,
 * the properties of `row.props` (a null removes one), and the version with its change.
 */
export const WRITE_ACTORS = Object.fromEntries(
  Object.entries(ACTOR_KINDS).map(([kind, label]) => [
    kind,
    cypher(
      `writeActors${label}`,
      `
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
REMOVE a:${KIND_LABELS}
SET a += row.props, a:${label}, a.version = row.version, a.recordedFrom = $at, a.changeSeq = row.seq, a.seeded = row.seeded
RETURN count(a) AS written`,
    ),
  ]),
) as Record<keyof typeof ACTOR_KINDS, CypherQuery>;

/**
 * Links actors to a source they are mentioned by: `row.sentences` replace the mentions when `row.replace`
 * (the seed states them whole) and are added to them otherwise (a claim citing new sentences).
 */
export const MENTION_ACTORS = cypher(
  'mentionActors',
  `
UNWIND $rows AS row
MATCH (a:Actor {id: row.actorId})
MATCH (s:Source {id: row.sourceId})
MERGE (a)-[m:MENTIONED_IN]->(s)
SET m.sentences = CASE WHEN row.replace THEN row.sentences
    ELSE COLLECT { UNWIND coalesce(m.sentences, []) + row.sentences AS n WITH DISTINCT n RETURN n ORDER BY n } END
RETURN count(m) AS mentions`,
);

/** Retracts actors: the node stays (with its id) but leaves every reader's `Actor` label. */
export const RETRACT_ACTORS = cypher(
  'retractActors',
  `
UNWIND $rows AS row
MATCH (a:Actor {id: row.id})
REMOVE a:Actor:${KIND_LABELS}
SET a:RetractedActor, a.recordedTo = $at, a.endedBy = row.seq, a.endReason = 'RETRACTED'
RETURN count(a) AS retracted`,
);

/**
 * Merges actor `$merge` into `$keep`: copies its sanction parts, list entries and mentions to `keep`,
 * points earlier merges at `keep`, then takes `merge` out of the live graph as a `MergedActor` that
 * lookups resolve to `keep`. Its actor-to-actor relationships are moved beforehand (retired and created).
 * Match reviews (review-cypher.ts) follow the merge: a review of `merge` reviews `keep` (remembering the
 * merged id as `mergedId`), and a candidate `merge` becomes `keep`, so no review ends at a MergedActor.
 */
export const MERGE_ACTOR_INTO = cypher(
  'mergeActorInto',
  `
MATCH (m:Actor {id: $merge})
MATCH (k:Actor {id: $keep})
CALL (m, k) {
  MATCH (m)-[p:IMPOSED]->(s:Sanction)
  MERGE (k)-[q:IMPOSED]->(s)
  SET q = properties(p)
}
CALL (m, k) {
  MATCH (s:Sanction)-[p:TARGETS]->(m)
  MERGE (s)-[q:TARGETS]->(k)
  SET q = properties(p)
}
CALL (m, k) {
  MATCH (s:Sanction)-[:ON_LIST]->(m)
  MERGE (s)-[:ON_LIST]->(k)
}
CALL (m, k) {
  MATCH (m)-[p:MENTIONED_IN]->(s:Source)
  MERGE (k)-[q:MENTIONED_IN]->(s)
  SET q.sentences = COLLECT { UNWIND coalesce(q.sentences, []) + p.sentences AS n WITH DISTINCT n RETURN n ORDER BY n }
}
CALL (m, k) {
  MATCH (earlier:MergedActor)-[e:MERGED_INTO]->(m)
  DELETE e
  CREATE (earlier)-[:MERGED_INTO]->(k)
  SET earlier.mergedInto = k.id
}
CALL (m, k) {
  MATCH (review:MatchReview)-[e:REVIEWS]->(m)
  DELETE e
  MERGE (review)-[:REVIEWS]->(k)
  SET review.mergedId = coalesce(review.mergedId, m.id)
}
CALL (m, k) {
  MATCH (review:MatchReview)-[c:CANDIDATE]->(m)
  MERGE (review)-[d:CANDIDATE]->(k)
  ON CREATE SET d = properties(c)
  DELETE c
}
REMOVE m:Actor:${KIND_LABELS}
SET m:MergedActor, m.mergedInto = k.id, m.recordedTo = $at, m.endedBy = $seq, m.endReason = 'MERGED',
    k.mergedIds = COLLECT { UNWIND coalesce(k.mergedIds, []) + coalesce(m.mergedIds, []) + [m.id] AS x WITH DISTINCT x RETURN x ORDER BY x }
CREATE (m)-[:MERGED_INTO]->(k)
RETURN k.id AS keep`,
);

/**
 * Live relationships by id, whatever their type: one seek of each type's id index (a relationship
 * property index is per type), so the cost does not grow with the graph.
 */
export const FIND_LIVE_RELATIONSHIPS = cypher(
  'findLiveRelationships',
  `
UNWIND $ids AS id
CALL (id) {
${RELATIONSHIP_TYPES.map((t) => `  MATCH ()-[r:${t} {id: id}]->() RETURN r`).join('\n  UNION ALL\n')}
}
RETURN ${relationshipProjection('r')} AS relationship`,
);

/** The highest version each relationship id ever had, live or retired (0 for a new id). */
export const LAST_RELATIONSHIP_VERSIONS = cypher(
  'lastRelationshipVersions',
  `
UNWIND $ids AS id
CALL (id) {
${[...RELATIONSHIP_TYPES, 'WAS'].map((t) => `  OPTIONAL MATCH ()-[r:${t} {id: id}]->() RETURN max(r.version) AS v`).join('\n  UNION ALL\n')}
}
WITH id, max(v) AS version
RETURN id, coalesce(version, 0) AS version`,
);

/** The live relationships of actors, every type, both directions (what a retraction or merge moves). */
export const LIVE_RELATIONSHIPS_OF_ACTORS = cypher(
  'liveRelationshipsOfActors',
  `
UNWIND $ids AS id
MATCH (a:Actor {id: id})-[r:${LIVE_TYPES}]-(:Actor)
WITH DISTINCT r
RETURN ${relationshipProjection('r')} AS relationship`,
);

/**
 * Creates relationships of one type between live actors, one static statement per allow-listed type.
 * `row.p` holds the values of `relationshipValues`; each row carries its version and its change.
 */
export const CREATE_RELATIONSHIPS = Object.fromEntries(
  RELATIONSHIP_TYPES.map((type) => [
    type,
    cypher(
      `createRelationships${type}`,
      `
UNWIND $rows AS row
MATCH (a:Actor {id: row.fromId})
MATCH (b:Actor {id: row.toId})
CREATE (a)-[r:${type}]->(b)
SET r = ${relationshipPropertyMap('row.p', 0)}
SET r.version = row.version, r.recordedFrom = $at, r.changeSeq = row.seq, r.seeded = row.seeded
RETURN count(r) AS created`,
    ),
  ]),
) as Record<RelationshipType, CypherQuery>;

/**
 * Stores the record ids a relationship cites (evidence from a LIST or DATASET source) beside the fixed
 * property list of {@link CREATE_RELATIONSHIPS} (shared with the bulk loaders, which write none), one static
 * statement per allow-listed type.
 */
export const SET_RELATIONSHIP_RECORDS = Object.fromEntries(
  RELATIONSHIP_TYPES.map((type) => [
    type,
    cypher(
      `setRelationshipRecords${type}`,
      `
UNWIND $rows AS row
MATCH (:Actor {id: row.fromId})-[r:${type} {id: row.id}]->(:Actor {id: row.toId})
SET r.records = row.records
RETURN count(r) AS marked`,
    ),
  ]),
) as Record<RelationshipType, CypherQuery>;

/**
 * Retires live relationships: each becomes a `WAS` edge between the same two nodes with every property,
 * its type, and the end of its recorded period (`recordedTo`, `endedBy`, `endReason`). `WAS` is no type
 * of RELATIONSHIP_TYPES, so no traversal and no degree sees it.
 */
export const RETIRE_RELATIONSHIPS = cypher(
  'retireRelationships',
  `
UNWIND $rows AS row
MATCH (a:Actor {id: row.fromId})-[r:${LIVE_TYPES}]->(b:Actor {id: row.toId})
WHERE r.id = row.id
CREATE (a)-[w:WAS]->(b)
SET w = properties(r)
SET w.type = type(r), w.recordedTo = $at, w.endedBy = row.seq, w.endReason = row.reason
DELETE r
RETURN count(w) AS retired`,
);

/** Live sanctions by id for a write, projected as readers see them (with version and parties). */
export const FIND_SANCTIONS_FOR_WRITE = cypher(
  'findSanctionsForWrite',
  `
UNWIND $ids AS id
MATCH (s:Sanction {id: id})
RETURN ${sanctionProjection('s')} AS sanction`,
);

/** The highest version each sanction id ever had, live or retired (0 for a new id). */
export const LAST_SANCTION_VERSIONS = cypher(
  'lastSanctionVersions',
  `
UNWIND $ids AS id
CALL (id) {
  OPTIONAL MATCH (s:Sanction {id: id}) RETURN s.version AS v
  UNION ALL
  OPTIONAL MATCH (s:SanctionVersion {id: id}) RETURN max(s.version) AS v
}
WITH id, max(v) AS version
RETURN id, coalesce(version, 0) AS version`,
);

/**
 * Creates sanctions with their authorities and targets (each with the evidence for its part) and list.
 * Their SANCTIONED edges are created beside them by {@link CREATE_RELATIONSHIPS}.
 */
export const CREATE_SANCTIONS = cypher(
  'createSanctions',
  `
UNWIND $rows AS row
CREATE (s:Sanction)
SET s = row.props, s.date = date(row.date), s.knownFrom = date(row.knownFrom), s.delistedOn = date(row.delistedOn),
    s.version = row.version, s.recordedFrom = $at, s.changeSeq = row.seq, s.seeded = row.seeded
WITH s, row
${sanctionPartyEdges('CREATE')}
RETURN count(s) AS created`,
);

/**
 * Retires sanctions: each node leaves the `Sanction` label for `SanctionVersion`, keeping its IMPOSED,
 * TARGETS and ON_LIST edges, with the end of its recorded period. Its SANCTIONED edges are retired
 * beside it by {@link RETIRE_RELATIONSHIPS}.
 */
export const RETIRE_SANCTIONS = cypher(
  'retireSanctions',
  `
UNWIND $rows AS row
MATCH (s:Sanction {id: row.id})
REMOVE s:Sanction
SET s:SanctionVersion, s.recordedTo = $at, s.endedBy = row.seq, s.endReason = row.reason
RETURN count(s) AS retired`,
);

/**
 * The audit records of the transaction's changes (numbered from the one {@link BEGIN_CHANGE} took, the
 * counter advanced past the last) and, for a mutation sent with a key, its idempotency record, written
 * last in the same transaction as the changes they describe.
 */
export const WRITE_CHANGES = cypher(
  'writeChanges',
  `
MATCH (counter:ChangeCounter)
USING SCAN counter:ChangeCounter
WHERE counter.name = 'changes'
SET counter.value = counter.value + size($changes) - 1
WITH counter
UNWIND $changes AS change
CREATE (c:Change)
SET c = change, c.at = $at
WITH count(c) AS written
FOREACH (record IN CASE WHEN $idempotency IS NULL THEN [] ELSE [$idempotency] END |
  CREATE (i:IdempotencyRecord)
  SET i = record, i.at = $at)
RETURN written`,
);

/**
 * The live records the seed wrote (marked `seeded`; a curated correction of one is no longer the seed's):
 * what a re-seed retracts when the seed no longer declares it.
 */
export const SEEDED_RECORDS = cypher(
  'seededRecords',
  `
RETURN COLLECT { MATCH (a:Actor) WHERE a.seeded = true RETURN a.id } AS actors,
       COLLECT { MATCH (:Actor)-[r:${LIVE_TYPES}]->(:Actor) WHERE r.seeded = true AND r.sanctionId IS NULL RETURN r.id } AS relationships,
       COLLECT { MATCH (s:Sanction) WHERE s.seeded = true RETURN s.id } AS sanctions`,
);

/** Counts of the audit trail, for tests and the write load check. */
export const COUNT_CHANGES = cypher(
  'countChanges',
  `
MATCH (c:Change)
RETURN count(c) AS changes, max(c.seq) AS lastSeq, min(c.seq) AS firstSeq`,
);

/** The changes of a mutation by idempotency key, for the write load check (duplicates). */
export const CHANGES_BY_KEYS = cypher(
  'changesByKeys',
  `
UNWIND $keys AS key
RETURN key, COUNT { MATCH (c:Change {idempotencyKey: key}) } AS changes`,
);
