/**
 * The statements of the import write step (issue 16, docs/import-export.md "The write step"). They run
 * inside the curation service's change transactions (curation-repository.ts `ChangeTransaction`), beside
 * its own actor, relationship and sanction writes, so every import write is an audited Change. What they
 * store is the provenance of imported records: one `Source` node per edition of a list or data set, one
 * `SourceRecord` per record id of a series with `DESCRIBES` edges to the actors it describes (and the
 * score and rule of a link), and the pending `MatchReview` of an ambiguous match (CONTRACT-16R).
 */
import { cypher } from './cypher-query.js';

/**
 * Creates or updates the `Source` node of one edition of a list or data set: no text and no sentences;
 * records are cited by id. `contentHash` is the file's hash, so an edition is the exact file it came from.
 */
export const WRITE_IMPORT_SOURCE = cypher(
  'writeImportSource',
  `
MERGE (s:Source {id: $id})
SET s.kind = $kind, s.title = $title, s.publisher = $publisher, s.seriesId = $seriesId, s.edition = $edition,
    s.publishedOn = date($publishedOn), s.publishedOnPrecision = CASE WHEN $publishedOn IS NULL THEN null ELSE 'DAY' END,
    s.contentHash = $fileHash, s.format = $format, s.declaredRecords = $declaredRecords, s.sentences = [],
    s.version = $version, s.recordedFrom = $at, s.changeSeq = $seq
RETURN s.id AS id`,
);

/** The stored `Source` node of an edition (null when never imported). */
export const FIND_IMPORT_SOURCE = cypher(
  'findImportSource',
  `
OPTIONAL MATCH (s:Source {id: $id})
RETURN s {.id, .kind, .seriesId, .edition, .contentHash, .version} AS source`,
);

/**
 * What is stored of some records of a series: each record's hash and editions, the actors it describes
 * (a merged actor read as the actor it was merged into), and the sanctions and relations written from it.
 * No row for a record never stored.
 */
export const RECORDS_FOR_WRITE = cypher(
  'recordsForWrite',
  `
UNWIND $recordIds AS id
MATCH (r:SourceRecord {seriesId: $seriesId, recordId: id})
RETURN r.recordId AS recordId, r.hash AS hash, r.lastEdition AS lastEdition, r.endedIn AS endedIn,
       coalesce(r.sanctionIds, []) AS sanctionIds, coalesce(r.relationIds, []) AS relationIds,
       [(r)-[d:DESCRIBES]->(a) WHERE a:Actor OR a:MergedActor |
         {actorRecordId: d.actorRecordId, actorId: CASE WHEN a:MergedActor THEN a.mergedInto ELSE a.id END, matched: d.matched}] AS actors`,
);

/**
 * Writes the records of one batch: each `SourceRecord` (created on its first edition) with its hash,
 * editions and the ids written from it, and its `DESCRIBES` edges to the actors it describes, each with
 * the score and rule of the match (`matched` false for an actor the import created).
 */
export const WRITE_SOURCE_RECORDS = cypher(
  'writeSourceRecords',
  `
UNWIND $rows AS row
MERGE (r:SourceRecord {seriesId: row.seriesId, recordId: row.recordId})
ON CREATE SET r.firstEdition = row.edition, r.firstSeq = row.seq
SET r.hash = row.hash, r.lastEdition = row.edition, r.endedIn = null, r.sourceId = row.sourceId,
    r.sanctionIds = row.sanctionIds, r.relationIds = row.relationIds, r.changeSeq = row.seq, r.recordedFrom = $at
WITH r, row
CALL (r, row) {
  UNWIND row.describes AS d
  MATCH (a:Actor {id: d.actorId})
  MERGE (r)-[e:DESCRIBES {actorRecordId: d.actorRecordId}]->(a)
  SET e.score = d.score, e.rule = d.rule, e.matched = d.matched
}
RETURN count(r) AS written`,
);

/** Marks records of a series as read again, unchanged, in a later edition. */
export const CONFIRM_SOURCE_RECORDS = cypher(
  'confirmSourceRecords',
  `
UNWIND $recordIds AS id
MATCH (r:SourceRecord {seriesId: $seriesId, recordId: id})
SET r.lastEdition = $edition
RETURN count(r) AS confirmed`,
);

/** Ends records of a series that a later edition no longer holds (kept, never deleted). */
export const END_SOURCE_RECORDS = cypher(
  'endSourceRecords',
  `
UNWIND $rows AS row
MATCH (r:SourceRecord {seriesId: $seriesId, recordId: row.recordId})
SET r.endedIn = $edition, r.endedOn = date($endedOn), r.endedBy = row.seq
RETURN count(r) AS ended`,
);

/**
 * Stores pending reviews of ambiguous matches (CONTRACT-16R): one `MatchReview` per (series, record,
 * imported actor), merged on its id so a re-import that still decides REVIEW adds none, pointing at the
 * actor the import created (`REVIEWS`) and at each candidate (`CANDIDATE`, rank 1 the best).
 */
export const STORE_MATCH_REVIEWS = cypher(
  'storeMatchReviews',
  `
UNWIND $rows AS row
MATCH (a:Actor {id: row.actorId})
MERGE (m:MatchReview {id: row.id})
ON CREATE SET m.status = 'PENDING', m.seriesId = row.seriesId, m.recordId = row.recordId, m.sourceId = row.sourceId,
    m.name = row.name, m.kind = row.kind, m.country = row.country, m.createdSeq = row.seq, m.createdAt = $at,
    m.version = 1, m.resolvedSeq = null, m.resolvedAt = null, m.resolvedBy = null, m.reason = null, m.chosen = null
MERGE (m)-[:REVIEWS]->(a)
WITH m, row
CALL (m, row) {
  UNWIND row.candidates AS c
  MATCH (x:Actor {id: c.actorId})
  MERGE (m)-[e:CANDIDATE]->(x)
  ON CREATE SET e.score = c.score, e.rule = c.rule, e.rank = c.rank
}
RETURN count(DISTINCT m) AS reviews`,
);

/** Which of some reviews exist already (a re-import stores no second one). */
export const EXISTING_MATCH_REVIEWS = cypher(
  'existingMatchReviews',
  `
UNWIND $ids AS id
MATCH (m:MatchReview {id: id})
RETURN m.id AS id`,
);
