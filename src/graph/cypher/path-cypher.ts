import { cypher, type CypherQuery } from './cypher-query.js';
import { actorProjectionAsAsked, relationshipProjectionAsAsked, statusAllowed, validAsOf } from './fragments.js';

/** Bounds of `paths(maxHops)`. */
export const PATH_HOPS = { min: 1, max: 6 } as const;
/** Bounds of `neighbourhood(hops)`. */
export const NEIGHBOURHOOD_HOPS = { min: 1, max: 3 } as const;

function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** An actor by id, or the actor a merged id was merged into; null when neither exists. */
const actorOrMerged = (variable: string, param: string): string => `OPTIONAL MATCH (${variable}_own:Actor {id: $${param}})
OPTIONAL MATCH (:MergedActor {id: $${param}})-[:MERGED_INTO]->(${variable}_kept:Actor)`;

function shortestPaths(maxHops: number): CypherQuery {
  // Quantifier bounds must be literals, so there is one static statement per allowed maxHops. One row
  // always: whether each end exists (so an empty answer needs no second statement to tell NOT_FOUND from
  // "no path"), and the paths, which the subquery finds only when both ends do.
  return cypher(
    `shortestPaths${maxHops}`,
    `
${actorOrMerged('a', 'from')}
${actorOrMerged('b', 'to')}
WITH coalesce(a_own, a_kept) AS a, coalesce(b_own, b_kept) AS b
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
  MATCH p = ALL SHORTEST (a)-[r WHERE type(r) IN $types AND ${validAsOf('r')} AND ${statusAllowed('r')}]-{1,${maxHops}}(b)
  WITH p LIMIT $limit
  RETURN collect({actors: [n IN nodes(p) | ${actorProjectionAsAsked('n')}],
                  relationships: [x IN relationships(p) | ${relationshipProjectionAsAsked('x')}]}) AS paths
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths`,
  );
}

/** Shortest paths between two actors, by maxHops (1..6). */
export const SHORTEST_PATHS: ReadonlyMap<number, CypherQuery> = new Map(
  range(PATH_HOPS.min, PATH_HOPS.max).map((hops) => [hops, shortestPaths(hops)]),
);

function neighbourhood(hops: number): CypherQuery {
  // Breadth-first, one level per step with DISTINCT, so the work grows with the actors reached rather
  // than with the number of paths to them. Each level keeps at most $limit + 1 new actors.
  const level = `
CALL (seen, frontier) {
  UNWIND frontier AS f
  MATCH (f)-[r]-(n:Actor)
  WHERE type(r) IN $types AND ${validAsOf('r')} AND ${statusAllowed('r')} AND NOT n IN seen
  WITH DISTINCT n LIMIT $limit + 1
  RETURN collect(n) AS next
}
WITH centre, seen + next AS seen, next AS frontier`;
  return cypher(
    `neighbourhood${hops}`,
    `
MATCH (centre:Actor {id: $id})
WITH centre, [centre] AS seen, [centre] AS frontier
${range(1, hops)
  .map(() => level)
  .join('\n')}
WITH seen[..$limit] AS kept, size(seen) > $limit AS truncatedNodes
CALL (kept) {
  UNWIND kept AS x
  MATCH (x)-[r]->(y:Actor)
  WHERE type(r) IN $types AND ${validAsOf('r')} AND ${statusAllowed('r')} AND y IN kept
  WITH r LIMIT $edgeLimit + 1
  RETURN collect(${relationshipProjectionAsAsked('r')}) AS edges
}
RETURN [n IN kept | ${actorProjectionAsAsked('n')}] AS nodes, edges[..$edgeLimit] AS edges,
       truncatedNodes OR size(edges) > $edgeLimit AS truncated`,
  );
}

/** The neighbourhood of an actor, by hops (1..3). */
export const NEIGHBOURHOOD: ReadonlyMap<number, CypherQuery> = new Map(
  range(NEIGHBOURHOOD_HOPS.min, NEIGHBOURHOOD_HOPS.max).map((hops) => [hops, neighbourhood(hops)]),
);
