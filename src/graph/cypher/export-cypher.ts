import { RELATIONSHIP_TYPES } from '../model.js';
import { cypher } from './cypher-query.js';
import { actorProjection, relationshipProjection } from './fragments.js';

/**
 * Statements of the whole-graph export (src/services/export/): the live graph read in keyset pages, each
 * statement bounded by `$limit` rows, so an export of any size holds one page at a time. Only the live
 * actor-to-actor types are read (never history edges such as `WAS`).
 */

/** A keyset page of actors by id, after `$after` (the empty string for the first page). */
export const EXPORT_ACTORS_PAGE = cypher(
  'exportActorsPage',
  `
MATCH (a:Actor) WHERE a.id > $after
WITH a ORDER BY a.id
LIMIT $limit
RETURN ${actorProjection('a')} AS actor`,
);

// Keyset on (start actor id, relationship id). A window of at most `$limit` actors is sought in id
// order through the unique index, and their outgoing relationships are ordered by id, at most `$limit`
// of them. A start actor with more relationships than a page continues on the next page from
// `$afterRelationship`; a null `$afterRelationship` means that `$afterActor` is done. The window's size
// and last id tell the caller whether actors follow even when the window had no relationship at all.
// The kinds of both ends come along: FtM exports pick a link schema whose ranges fit them.
/** A keyset page of relationships between actors, by (start actor id, relationship id). */
export const EXPORT_RELATIONSHIPS_PAGE = cypher(
  'exportRelationshipsPage',
  `
MATCH (a:Actor) WHERE a.id >= $afterActor
WITH a ORDER BY a.id
LIMIT $limit
WITH collect(a) AS window
CALL (window) {
  UNWIND window AS a
  MATCH (a)-[r:${RELATIONSHIP_TYPES.join('|')}]->(b:Actor)
  WHERE a.id > $afterActor OR r.id > $afterRelationship
  WITH a, r, b ORDER BY a.id, r.id
  LIMIT $limit
  RETURN collect({startId: a.id, fromKind: a.kind, toKind: b.kind, relationship: ${relationshipProjection('r')}}) AS rows
}
RETURN size(window) AS actors, last(window).id AS lastActor, rows`,
);

/** How many actors and actor-to-actor relationships the live graph holds (from Neo4j's count store). */
export const EXPORT_COUNTS = cypher(
  'exportCounts',
  `
CALL { MATCH (a:Actor) RETURN count(a) AS actors }
CALL { MATCH (:Actor)-[r:${RELATIONSHIP_TYPES.join('|')}]->() RETURN count(r) AS relationships }
RETURN actors, relationships`,
);
