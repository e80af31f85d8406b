import { type Direction, RELATIONSHIP_TYPES } from '../model.js';
import { cypher, type CypherQuery } from './cypher-query.js';
import { actorProjectionAsAsked, relationshipProjection, relationshipProjectionAsAsked, statusAllowed, validAsOf } from './fragments.js';

const PATTERNS: Record<Direction, string> = {
  OUTGOING: '(a)-[r]->(b:Actor)',
  INCOMING: '(a)<-[r]-(b:Actor)',
  BOTH: '(a)-[r]-(b:Actor)',
};

function relationshipsOfActors(direction: Direction, withTotal: boolean): CypherQuery {
  const pattern = PATTERNS[direction];
  const filter = `type(r) IN $types AND ${validAsOf('r')} AND ${statusAllowed('r')}`;
  // Counting walks the whole adjacency of a hub, so the statement that counts runs only when asked.
  const total = withTotal
    ? `
CALL (a) {
  MATCH ${pattern}
  WHERE ${filter}
  RETURN count(r) AS total
}`
    : `
WITH id, a, null AS total`;
  return cypher(
    `relationshipsOfActors${direction.charAt(0)}${direction.slice(1).toLowerCase()}${withTotal ? 'Counted' : ''}`,
    `
UNWIND $ids AS id
MATCH (a:Actor {id: id})${total}
CALL (a) {
  MATCH ${pattern}
  WHERE ${filter} AND ($after IS NULL OR r.id > $after)
  WITH r, b ORDER BY r.id
  LIMIT $limit
  RETURN collect({relationship: ${relationshipProjectionAsAsked('r')}, other: ${actorProjectionAsAsked('b')}}) AS page
}
RETURN id, total, page`,
  );
}

/**
 * A page of relationships per actor of a batch, with the actor at the other end; one statement per
 * direction, with and without the total count.
 */
export const RELATIONSHIPS_OF_ACTORS: Record<Direction, Record<'counted' | 'uncounted', CypherQuery>> = {
  OUTGOING: { counted: relationshipsOfActors('OUTGOING', true), uncounted: relationshipsOfActors('OUTGOING', false) },
  INCOMING: { counted: relationshipsOfActors('INCOMING', true), uncounted: relationshipsOfActors('INCOMING', false) },
  BOTH: { counted: relationshipsOfActors('BOTH', true), uncounted: relationshipsOfActors('BOTH', false) },
};

/**
 * The relationships each source of a batch supports. Goes through the actors the source mentions
 * (every actor of a sourced relationship is mentioned by its source, which the loader checks) instead of
 * scanning every relationship.
 */
export const RELATIONSHIPS_OF_SOURCES = cypher(
  'relationshipsOfSources',
  `
UNWIND $ids AS id
MATCH (source:Source {id: id})
RETURN id, COLLECT {
  MATCH (source)<-[:MENTIONED_IN]-(a:Actor)-[r]->(:Actor)
  WHERE r.sourceId = id AND type(r) IN $types
  WITH r ORDER BY r.id LIMIT $limit
  RETURN ${relationshipProjection('r')}
} AS relationships`,
);

/**
 * Relationships by reference (id and end ids): loads what a lean traversal left out. Each is found
 * between its two ends: relationship properties carry no index, but the ends are unique-index seeks and
 * Neo4j expands from the end with fewer relationships (the hints keep it so on small graphs, where the
 * planner would otherwise scan the index).
 */
export const FIND_RELATIONSHIPS_BY_REFS = cypher(
  'findRelationshipsByRefs',
  `
UNWIND $refs AS ref
MATCH (a:Actor {id: ref.fromId})-[r]->(b:Actor {id: ref.toId})
USING INDEX a:Actor(id)
USING INDEX b:Actor(id)
WHERE r.id = ref.id
RETURN ${relationshipProjection('r')} AS relationship`,
);

/**
 * Relationships by id alone, as a federation gateway refers to them (`_entities`, docs/federation.md).
 * The pattern names every type of the allow-list, so Neo4j seeks the per-type id indexes of
 * seed/schema.cypher as a union; an id matches at most one relationship.
 */
export const FIND_RELATIONSHIPS_BY_IDS = cypher(
  'findRelationshipsByIds',
  `
UNWIND $ids AS id
MATCH (:Actor)-[r:${RELATIONSHIP_TYPES.join('|')}]->(:Actor)
WHERE r.id = id
RETURN ${relationshipProjection('r')} AS relationship`,
);
