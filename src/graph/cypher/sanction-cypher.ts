import { cypher, type CypherQuery } from './cypher-query.js';
import { sanctionKnownBy, sanctionProjection } from './fragments.js';

/** Sanctions by id. */
export const FIND_SANCTIONS_BY_IDS = cypher(
  'findSanctionsByIds',
  `
UNWIND $ids AS id
MATCH (s:Sanction {id: id})
RETURN ${sanctionProjection('s')} AS sanction`,
);

// Per-parent lists are COLLECT subqueries with their own LIMIT, so Neo4j stops at `$limit` items per
// parent instead of collecting everything and cutting afterwards.

/** The first `$limit` sanctions per actor of a batch, newest first, reached by `pattern` from `(a)` to `(s)`. */
function sanctionsOfActors(name: string, pattern: string): CypherQuery {
  return cypher(
    name,
    `
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN id, COLLECT {
  MATCH ${pattern}
  WHERE ${sanctionKnownBy('s')}
  WITH s ORDER BY s.date DESC, s.id LIMIT $limit
  RETURN ${sanctionProjection('s')}
} AS sanctions`,
  );
}

/** The first `$limit` sanctions each actor of a batch imposed, newest first. */
export const SANCTIONS_IMPOSED_BY_ACTORS = sanctionsOfActors('sanctionsImposedByActors', '(a)-[:IMPOSED]->(s:Sanction)');

/** The first `$limit` sanctions that target each actor of a batch, newest first. */
export const SANCTIONS_RECEIVED_BY_ACTORS = sanctionsOfActors('sanctionsReceivedByActors', '(s:Sanction)-[:TARGETS]->(a)');

const SANCTION_FILTER = `
WHERE ($measure IS NULL OR s.measure = $measure)
  AND ($program IS NULL OR s.program = $program)
  AND ($from IS NULL OR s.date >= date($from))
  AND ($to IS NULL OR s.date <= date($to))
  AND ($joint IS NULL OR s.joint = $joint)
  AND ($authority IS NULL OR EXISTS { (:Actor {id: $authority})-[:IMPOSED]->(s) })
  AND ($target IS NULL OR EXISTS { (s)-[:TARGETS]->(:Actor {id: $target}) })
  AND ($targetCountry IS NULL OR EXISTS { (s)-[:TARGETS]->(t:Actor) WHERE t.country = $targetCountry })`;

/**
 * A keyset page of sanctions matching a filter, newest first, then by id: after the sanction dated
 * `$afterDate` with id `$afterId` (both null on a first page). The projection comes after LIMIT, so only
 * the page is projected.
 */
export const LIST_SANCTIONS = cypher(
  'listSanctions',
  `
MATCH (s:Sanction)${SANCTION_FILTER}
  AND ($afterDate IS NULL OR s.date < date($afterDate) OR (s.date = date($afterDate) AND s.id > $afterId))
WITH s ORDER BY s.date DESC, s.id
LIMIT $limit
RETURN ${sanctionProjection('s')} AS sanction`,
);

/** How many sanctions match a filter, without fetching them. */
export const COUNT_SANCTIONS = cypher(
  'countSanctions',
  `
MATCH (s:Sanction)${SANCTION_FILTER}
RETURN count(s) AS total`,
);

/**
 * Counts of the sanctions matching a filter by measure, direct authority (with the status of its part),
 * target country and month, largest first. Only node references are collected, never projected.
 */
export const AGGREGATE_SANCTIONS = cypher(
  'aggregateSanctions',
  `
MATCH (s:Sanction)${SANCTION_FILTER}
WITH collect(s) AS matched
RETURN size(matched) AS count,
       COLLECT {
         UNWIND matched AS s WITH s.measure AS measure, count(*) AS count
         RETURN {measure: measure, count: count} ORDER BY count DESC, measure
       } AS byMeasure,
       COLLECT {
         UNWIND matched AS s MATCH (a:Actor)-[p:IMPOSED]->(s)
         WITH a.id AS authorityId, coalesce(p.status, 'ASSERTED') AS status, count(DISTINCT s) AS count
         RETURN {authorityId: authorityId, status: status, count: count} ORDER BY count DESC, authorityId, status
       } AS byAuthority,
       COLLECT {
         UNWIND matched AS s MATCH (s)-[:TARGETS]->(t:Actor) WHERE t.country IS NOT NULL
         WITH t.country AS country, count(DISTINCT s) AS count
         RETURN {country: country, count: count} ORDER BY count DESC, country
       } AS byTargetCountry,
       COLLECT {
         UNWIND matched AS s WITH left(toString(s.date), 7) AS month, count(*) AS count
         RETURN {month: month, count: count} ORDER BY count DESC, month DESC
       } AS byMonth`,
);

/** The first `$limit` sanctions each source of a batch supports, newest first. */
export const SANCTIONS_OF_SOURCES = cypher(
  'sanctionsOfSources',
  `
UNWIND $ids AS id
RETURN id, COLLECT {
  MATCH (s:Sanction {sourceId: id})
  WITH s ORDER BY s.date DESC, s.id LIMIT $limit
  RETURN ${sanctionProjection('s')}
} AS sanctions`,
);
