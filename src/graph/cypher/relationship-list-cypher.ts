import { cypher, type CypherQuery } from './cypher-query.js';
import { relationshipProjection, statusAllowed, twoWayCounts, validAsOf } from './fragments.js';
import { actorAsOfProjection, anyActorById, HISTORY_TYPES, recordedAt, versionAt, versionProjection } from './history-cypher.js';

/**
 * Where a graph-wide relationship query starts, chosen by the service from the filter (never from a
 * user string): at one actor (a unique-index seek, then its own relationships), at one source (the
 * actors it mentions: every actor of a sourced relationship is mentioned by its source, which the seed
 * loader checks), or at every relationship between actors.
 */
export type RelationshipScanShape = 'actor' | 'source' | 'all';

const MATCHES: Record<RelationshipScanShape, string> = {
  // Undirected from one actor: each relationship once, a self-loop twice (hence DISTINCT below).
  actor: 'MATCH (:Actor {id: $actor})-[r]-(:Actor)',
  source: 'MATCH (:Source {id: $source})<-[:MENTIONED_IN]-(:Actor)-[r]->(:Actor)',
  all: 'MATCH (:Actor)-[r]->(:Actor)',
};

/**
 * The same shapes over the graph as recorded at `$recordedAsOf` (issue 15): live and WAS edges, from an
 * actor live, retracted or merged now; a WAS edge's type is its `type` property.
 */
const MATCHES_AS_OF: Record<RelationshipScanShape, string> = {
  actor: `${anyActorById('x', '$actor')}
MATCH (x)-[r:${HISTORY_TYPES}]-()`,
  source: `MATCH (:Source {id: $source})<-[:MENTIONED_IN]-()-[r:${HISTORY_TYPES}]->()`,
  all: `MATCH ()-[r:${HISTORY_TYPES}]->()`,
};

/** The graph a statement reads: the current one, or the one recorded at `$recordedAsOf`. */
type Variant = 'current' | 'recorded';

// The joint test reads the sanction a SANCTIONED edge stands for by its unique id. Inside CASE the
// EXISTS is evaluated per row and only when `$joint` is given (PROFILE: no seek at all without it); as
// `$joint IS NULL OR EXISTS {...}` the planner hoisted it into a semi-apply that seeked for every edge.
// As recorded, the sanction is the version held then (live or SanctionVersion).
const filter = (variant: Variant): string => {
  const type = variant === 'current' ? 'type(r)' : 'coalesce(r.type, type(r))';
  const recorded = variant === 'current' ? '' : `\n  AND ${recordedAt('r')}`;
  const jointSanction =
    variant === 'current'
      ? 'EXISTS { MATCH (j:Sanction {id: r.sanctionId}) WHERE j.joint = true }'
      : `EXISTS { MATCH (j:Sanction {id: r.sanctionId}) WHERE j.joint = true AND ${recordedAt('j')} } ` +
        `OR EXISTS { MATCH (j:SanctionVersion {id: r.sanctionId}) WHERE j.joint = true AND ${recordedAt('j')} }`;
  return `
WHERE ${type} IN $types${recorded}
  AND ($statuses IS NULL OR coalesce(r.status, 'ASSERTED') IN $statuses)
  AND ${statusAllowed('r')}
  AND ($minConfidence IS NULL OR r.confidence >= $minConfidence)
  AND ($from IS NULL OR r.knownFrom >= date($from))
  AND ($to IS NULL OR r.knownFrom <= date($to))
  AND ${validAsOf('r')}
  AND ($timeBases IS NULL OR ${timeBasis('r')} IN $timeBases)
  AND ($source IS NULL OR r.sourceId = $source)
  AND ($sentence IS NULL OR $sentence IN r.sentences)
  AND ($actor IS NULL OR startNode(r).id = $actor OR endNode(r).id = $actor)
  AND CASE WHEN $joint IS NULL THEN true
      ELSE $joint = (${type} = 'ACTED_JOINTLY_WITH' OR ${jointSanction}) END`;
};
const FILTER = filter('current');
const FILTER_AS_OF = filter('recorded');

/** The time basis of relationship `r`, as `timeBasisOf` in model.ts computes it from the same properties. */
function timeBasis(r: string): string {
  return `CASE WHEN ${r}.date IS NOT NULL OR ${r}.validFrom IS NOT NULL THEN 'DATED' WHEN ${r}.noLaterThan IS NOT NULL THEN 'BOUNDED' ELSE 'UNDATED' END`;
}

const CAPITAL = { actor: 'ByActor', source: 'BySource', all: 'All' } as const;

function listRelationships(shape: RelationshipScanShape): CypherQuery {
  // Keyset on the relationship id; the projection comes after LIMIT, so only the page is projected.
  return cypher(
    `listRelationships${CAPITAL[shape]}`,
    `
${MATCHES[shape]}${FILTER}
  AND ($after IS NULL OR r.id > $after)
WITH DISTINCT r ORDER BY r.id
LIMIT $limit
RETURN ${relationshipProjection('r')} AS relationship`,
  );
}

function countRelationships(shape: RelationshipScanShape): CypherQuery {
  return cypher(
    `countRelationships${CAPITAL[shape]}`,
    `
${MATCHES[shape]}${FILTER}
RETURN count(DISTINCT r) AS total`,
  );
}

// Groups by type and status in the database; the coarser groups are sums of those few rows, summed by
// Neo4j too (COLLECT over the grouped rows), so no relationship ever leaves the database.
function aggregateRelationships(shape: RelationshipScanShape): CypherQuery {
  return cypher(
    `aggregateRelationships${CAPITAL[shape]}`,
    `
${MATCHES[shape]}${FILTER}
WITH DISTINCT r
WITH type(r) AS type, coalesce(r.status, 'ASSERTED') AS status, count(*) AS count
${twoWayCounts('type', 'status', 'byTypeAndStatus', 'byType', 'byStatus')}`,
  );
}

function listRelationshipsAsOf(shape: RelationshipScanShape): CypherQuery {
  // As listRelationships, with each relationship's ends as the graph then held them (a retracted or
  // merged actor is no longer found by the current lookups that would otherwise resolve them).
  return cypher(
    `listRelationshipsAsOf${CAPITAL[shape]}`,
    `
${MATCHES_AS_OF[shape]}${FILTER_AS_OF}
  AND ($after IS NULL OR r.id > $after)
WITH DISTINCT r ORDER BY r.id
LIMIT $limit
WITH r, startNode(r) AS a, endNode(r) AS b
WITH r, a, b, ${versionAt('a')} AS va, ${versionAt('b')} AS vb
WITH r, a, b, coalesce(va, a) AS heldA, coalesce(vb, b) AS heldB
RETURN ${versionProjection('r')} AS relationship, ${actorAsOfProjection('heldA', 'a')} AS fromActor,
       ${actorAsOfProjection('heldB', 'b')} AS toActor`,
  );
}

function countRelationshipsAsOf(shape: RelationshipScanShape): CypherQuery {
  return cypher(
    `countRelationshipsAsOf${CAPITAL[shape]}`,
    `
${MATCHES_AS_OF[shape]}${FILTER_AS_OF}
RETURN count(DISTINCT r) AS total`,
  );
}

function aggregateRelationshipsAsOf(shape: RelationshipScanShape): CypherQuery {
  return cypher(
    `aggregateRelationshipsAsOf${CAPITAL[shape]}`,
    `
${MATCHES_AS_OF[shape]}${FILTER_AS_OF}
WITH DISTINCT r
WITH coalesce(r.type, type(r)) AS type, coalesce(r.status, 'ASSERTED') AS status, count(*) AS count
${twoWayCounts('type', 'status', 'byTypeAndStatus', 'byType', 'byStatus')}`,
  );
}

const SHAPES = ['actor', 'source', 'all'] as const;
const byShape = (make: (shape: RelationshipScanShape) => CypherQuery): Record<RelationshipScanShape, CypherQuery> =>
  Object.fromEntries(SHAPES.map((shape) => [shape, make(shape)])) as Record<RelationshipScanShape, CypherQuery>;

/** A keyset page of relationships anywhere in the graph, by id; one statement per scan shape. */
export const LIST_RELATIONSHIPS = byShape(listRelationships);

/** How many relationships a graph-wide filter matches; one statement per scan shape. */
export const COUNT_RELATIONSHIPS = byShape(countRelationships);

/** Counts by type and status of what a graph-wide filter matches; one statement per scan shape. */
export const AGGREGATE_RELATIONSHIPS = byShape(aggregateRelationships);

/**
 * A keyset page of relationships as the graph recorded them at `$recordedAsOf` (live and WAS edges), with
 * their ends as they then stood; chosen instead of LIST_RELATIONSHIPS when `recordedAsOf` is given.
 */
export const LIST_RELATIONSHIPS_AS_OF = byShape(listRelationshipsAsOf);

/** How many relationships a graph-wide filter matches as recorded at `$recordedAsOf`. */
export const COUNT_RELATIONSHIPS_AS_OF = byShape(countRelationshipsAsOf);

/** Counts by type and status of what a graph-wide filter matches as recorded at `$recordedAsOf`. */
export const AGGREGATE_RELATIONSHIPS_AS_OF = byShape(aggregateRelationshipsAsOf);
