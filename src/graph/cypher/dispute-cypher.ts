import { RELATIONSHIP_TYPES } from '../model.js';
import { cypher, type CypherQuery } from './cypher-query.js';
import { relationshipProjection } from './fragments.js';

/**
 * Disputes between claims (issue 20). A relationship cannot point at a relationship, so a dispute is a
 * `(:Dispute)` node holding both claims by reference (`disputedId`, `disputedFromId`, `disputedToId`, and
 * the same for `disputing`) with its own evidence, and `(:Dispute)-[:DISPUTES {id, role, claimId}]->(:Actor)` edges to
 * the ends of both claims, so disputes are found from an actor. Neither is an Actor or an actor-to-actor
 * type, so no traversal, degree or relationship listing ever sees them (docs/model.md, "Disputes").
 */

/** Every actor-to-actor type, as a static union from the allow-list. */
const ALL_TYPES = RELATIONSHIP_TYPES.join('|');

/** One claim of dispute `d` (`disputed` or `disputing`), found between its two ends; null once it is gone. */
const claim = (d: string, side: 'disputed' | 'disputing'): string =>
  `head(COLLECT { MATCH (:Actor {id: ${d}.${side}FromId})-[r:${ALL_TYPES}]->(:Actor {id: ${d}.${side}ToId}) ` +
  `WHERE r.id = ${d}.${side}Id RETURN ${relationshipProjection('r')} })`;

/** Projects dispute `d` with both of its claims whole. */
const disputeProjection = (d: string): string => `${d} {.*, disputed: ${claim(d, 'disputed')}, disputing: ${claim(d, 'disputing')}}`;

/**
 * Writes disputes and their DISPUTES edges to the ends of both claims (one per end and role); MERGE on
 * the id makes a second run change nothing.
 */
export const MERGE_DISPUTES = cypher(
  'mergeDisputes',
  `
UNWIND $rows AS row
MERGE (d:Dispute {id: row.id})
SET d = row.props
WITH d, row
CALL (d, row) {
  UNWIND row.ends AS e
  MATCH (a:Actor {id: e.actorId})
  MERGE (d)-[x:DISPUTES {id: e.id}]->(a)
  SET x.role = e.role, x.claimId = e.claimId
}`,
);

function disputesOfRelationships(side: 'disputed' | 'disputing'): CypherQuery {
  return cypher(
    side === 'disputed' ? 'disputesOfDisputedRelationships' : 'disputesOfDisputingRelationships',
    `
UNWIND $ids AS id
RETURN id, COLLECT {
  MATCH (d:Dispute {${side}Id: id})
  WITH d ORDER BY d.id
  WITH ${disputeProjection('d')} AS dispute
  WHERE dispute.disputed IS NOT NULL AND dispute.disputing IS NOT NULL
  RETURN dispute LIMIT $limit
} AS disputes`,
  );
}

/**
 * The first `$limit` disputes of each relationship of a batch (by id), by dispute id: where it is the
 * disputed claim (`disputed`) or the disputing one (`disputing`). Seeks the `dispute_disputed` or
 * `dispute_disputing` index.
 */
export const DISPUTES_OF_RELATIONSHIPS: Readonly<Record<'disputed' | 'disputing', CypherQuery>> = {
  disputed: disputesOfRelationships('disputed'),
  disputing: disputesOfRelationships('disputing'),
};

const CONTESTED_TAIL = `
WITH ${disputeProjection('d')} AS dispute
WHERE dispute.disputed IS NOT NULL AND dispute.disputing IS NOT NULL
  AND ($type IS NULL OR dispute.disputed.type = $type OR dispute.disputing.type = $type)
RETURN dispute
ORDER BY dispute.id
LIMIT $limit`;

/**
 * The first `$limit` disputes (by id) over claims of one actor (`actor`: through its DISPUTES edges) or
 * anywhere (`all`), where either claim has type `$type` (any when null).
 */
export const CONTESTED: Readonly<Record<'actor' | 'all', CypherQuery>> = {
  actor: cypher(
    'contestedOfActor',
    `
MATCH (:Actor {id: $actor})<-[:DISPUTES]-(d:Dispute)
WITH DISTINCT d${CONTESTED_TAIL}`,
  ),
  all: cypher(
    'contested',
    `
MATCH (d:Dispute)${CONTESTED_TAIL}`,
  ),
};
