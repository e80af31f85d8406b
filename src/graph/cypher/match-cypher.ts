/**
 * Read-only statements of the importers (issue 16): candidate actors for a batch of imported ones, and
 * the stored state of a source series that an edition is planned against. Writes are the curation
 * service's (issue 15).
 */
import { cypher } from './cypher-query.js';

/**
 * Candidates for a batch of imported actors: each query's best `$candidates` hits in the `actor_search`
 * index (names, aliases, descriptions), live actors only. One round trip per batch, at most
 * `size($queries) * $candidates` rows of five short properties.
 */
export const MATCH_CANDIDATES = cypher(
  'matchCandidates',
  `
UNWIND $queries AS q
CALL (q) {
  CALL db.index.fulltext.queryNodes('actor_search', q.query, {limit: $candidates}) YIELD node, score
  WITH node, score ORDER BY score DESC, node.id
  RETURN collect(node {.id, .kind, .name, aliases: coalesce(node.aliases, []), .country}) AS candidates
}
RETURN q.key AS key, candidates`,
);

/**
 * The latest stored edition of a series (by publication date, then edition label): what a new edition
 * is planned against. No row when the series was never imported.
 */
export const LATEST_EDITION = cypher(
  'latestEdition',
  `
MATCH (s:Source {seriesId: $seriesId})
RETURN s.id AS id, s.edition AS edition, toString(s.publishedOn) AS publishedOn, s.contentHash AS fileHash
ORDER BY s.publishedOn DESC, s.edition DESC
LIMIT 1`,
);

/**
 * One page of the live records of a series (not ended by an earlier edition), by record id after
 * `$after`: the planner reads them in pages of `$limit`, so no answer is unbounded.
 */
export const SERIES_RECORDS = cypher(
  'seriesRecords',
  `
MATCH (r:SourceRecord {seriesId: $seriesId})
WHERE r.recordId > $after AND r.endedIn IS NULL
RETURN r.recordId AS recordId, r.hash AS hash
ORDER BY r.recordId
LIMIT $limit`,
);
