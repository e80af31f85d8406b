import { type Direction, RELATIONSHIP_TYPES } from '../model.js';
import { cypher, type CypherQuery } from './cypher-query.js';
import { sanctionProjection, statusAllowed, validAsOf } from './fragments.js';
import { NEIGHBOURHOOD_HOPS, PATH_HOPS } from './path-cypher.js';

/**
 * Reads of the graph's own history (issue 15): versions of a record, and the graph as it stood at an
 * instant (`recordedAsOf`). They are separate statements so that current reads, which see only the live
 * graph, stay exactly as they were. A record holds at `$recordedAsOf` when its recorded period covers it;
 * records written before the audit trail (no `recordedFrom`) count as recorded since the beginning.
 */

/**
 * The relationship types a historical read follows: the live types of the allow-list and `WAS` (retired
 * edges). A WAS edge's own type is its `type` property, always one of the allow-list (the writer copies
 * it from the live edge it retires); readers filter on `coalesce(r.type, type(r))`.
 */
export const HISTORY_TYPES = [...RELATIONSHIP_TYPES, 'WAS'].join('|');

// The allow-list as a list literal, for counts that take every type whatever a request asked for.
const ALL_TYPES_LITERAL = `[${RELATIONSHIP_TYPES.map((t) => `'${t}'`).join(', ')}]`;

/** True when record `x` (node or relationship) was held by the graph at `$recordedAsOf`. */
export const recordedAt = (x: string): string =>
  `(coalesce(${x}.recordedFrom, datetime('0001-01-01T00:00:00Z')) <= datetime($recordedAsOf) ` +
  `AND (${x}.recordedTo IS NULL OR ${x}.recordedTo > datetime($recordedAsOf)))`;

/** A relationship `r`, live or retired (WAS), projected with its original type and end ids. */
export const versionProjection = (r: string): string =>
  `${r} {.*, type: coalesce(${r}.type, type(${r})), fromId: startNode(${r}).id, toId: endNode(${r}).id}`;

/**
 * The actor properties an as-of read projects from node or version `p`, with the degree of `a` then: its
 * relationships of every allow-listed type held at `$recordedAsOf` (as `degree` counts every type now,
 * whatever types the request follows).
 */
export const actorAsOfProjection = (p: string, a: string): string =>
  `${p} {.id, .kind, .name, .aliases, .country, .description, .version, .recordedFrom, .recordedTo, .endReason, ` +
  `degree: COUNT { (${a})-[d:${HISTORY_TYPES}]-() WHERE coalesce(d.type, type(d)) IN ${ALL_TYPES_LITERAL} AND ${recordedAt('d')} }}`;

/** The ActorVersion of actor node `a` that the graph held at `$recordedAsOf`; null when the node itself was. */
export const versionAt = (a: string): string =>
  `head(COLLECT { MATCH (v:ActorVersion)-[:VERSION_OF]->(${a}) WHERE ${recordedAt('v')} RETURN v ORDER BY v.version LIMIT 1 })`;

/** True when actor node `a` (live, retracted or merged now) existed at `$recordedAsOf`, in some version. */
export const existedAt = (a: string): string =>
  `(${recordedAt(a)} OR EXISTS { MATCH (v:ActorVersion)-[:VERSION_OF]->(${a}) WHERE ${recordedAt('v')} })`;

/**
 * Binds `a` to the actor node of id `param`, whether it is live, retracted or merged now: three unique
 * lookups (each label has its id index), at most one of which finds it.
 */
export const anyActorById = (a: string, param: string): string => `CALL () {
  MATCH (${a}:Actor {id: ${param}}) RETURN ${a}
  UNION
  MATCH (${a}:RetractedActor {id: ${param}}) RETURN ${a}
  UNION
  MATCH (${a}:MergedActor {id: ${param}}) RETURN ${a}
}`;

/**
 * True when relationship `r` (live or WAS) is one a historical traversal follows: of an asked type, held
 * at `$recordedAsOf`, and passing the same world-time and status filters as the current traversals.
 */
export const followedAsOf = (r: string): string =>
  `coalesce(${r}.type, type(${r})) IN $types AND ${recordedAt(r)} AND ${validAsOf(r)} AND ${statusAllowed(r)}`;

/**
 * Projects the actor nodes of list `nodes` in order, each as the graph held it at `$recordedAsOf` (its
 * version then, else the node), under `alias`. A subquery body: one row with the list.
 */
const actorsAsOfInOrder = (nodes: string, alias: string): string => `  UNWIND range(0, size(${nodes}) - 1) AS i
  WITH i, ${nodes}[i] AS n
  WITH i, n, ${versionAt('n')} AS v
  WITH i, n, coalesce(v, n) AS held ORDER BY i
  RETURN collect(${actorAsOfProjection('held', 'n')}) AS ${alias}`;

/** Every version of each relationship id of a batch (live and WAS), newest first. */
export const RELATIONSHIP_HISTORY = cypher(
  'relationshipHistory',
  `
UNWIND $ids AS id
CALL (id) {
${[...RELATIONSHIP_TYPES, 'WAS'].map((t) => `  MATCH ()-[r:${t} {id: id}]->() RETURN r`).join('\n  UNION ALL\n')}
}
WITH id, r ORDER BY r.version DESC
WITH id, collect(${versionProjection('r')}) AS versions
RETURN id, versions[0..$limit] AS versions`,
);

/** Every version of each sanction id of a batch (live and SanctionVersion), newest first. */
export const SANCTION_HISTORY = cypher(
  'sanctionHistory',
  `
UNWIND $ids AS id
CALL (id) {
  MATCH (s:Sanction {id: id}) RETURN s
  UNION ALL
  MATCH (s:SanctionVersion {id: id}) RETURN s
}
WITH id, s ORDER BY s.version DESC
WITH id, collect(s)[0..$limit] AS nodes
UNWIND nodes AS s
RETURN id, collect(${sanctionProjection('s')}) AS versions`,
);

/** Every version of each live actor of a batch: the live properties, then its ActorVersion nodes, newest first. */
export const ACTOR_HISTORY = cypher(
  'actorHistory',
  `
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN id, [a {.id, .kind, .name, .aliases, .country, .description, .version, .recordedFrom, .changeSeq}] + COLLECT {
  MATCH (v:ActorVersion)-[:VERSION_OF]->(a)
  RETURN v {.id, .kind, .name, .aliases, .country, .description, .version, .recordedFrom, .recordedTo, .endReason, .changeSeq}
  ORDER BY v.version DESC
  LIMIT $limit
} AS versions`,
);

/**
 * Actors by id as the graph held them at `$recordedAsOf`: the version covering the instant (the live node,
 * or an ActorVersion), whether the actor is live, retracted or merged now; none when it did not exist then.
 */
export const FIND_ACTORS_AS_OF = cypher(
  'findActorsAsOf',
  `
UNWIND $ids AS id
CALL (id) {
  MATCH (a:Actor {id: id}) RETURN a
  UNION
  MATCH (a:RetractedActor {id: id}) RETURN a
  UNION
  MATCH (a:MergedActor {id: id}) RETURN a
}
WITH id, a, head(COLLECT {
  MATCH (v:ActorVersion)-[:VERSION_OF]->(a)
  WHERE ${recordedAt('v')}
  RETURN v ORDER BY v.version LIMIT 1
}) AS v
WITH id, a, v WHERE v IS NOT NULL OR ${recordedAt('a')}
WITH id, a, coalesce(v, a) AS p
RETURN id, ${actorAsOfProjection('p', 'a')} AS actor`,
);

/** Sanctions by id as the graph held them at `$recordedAsOf` (the live node or a SanctionVersion). */
export const FIND_SANCTIONS_AS_OF = cypher(
  'findSanctionsAsOf',
  `
UNWIND $ids AS id
CALL (id) {
  MATCH (s:Sanction {id: id}) RETURN s
  UNION ALL
  MATCH (s:SanctionVersion {id: id}) RETURN s
}
WITH id, s WHERE ${recordedAt('s')}
RETURN id, ${sanctionProjection('s')} AS sanction`,
);

const PATTERNS: Record<Direction, string> = {
  OUTGOING: `(a)-[r:${HISTORY_TYPES}]->(b)`,
  INCOMING: `(a)<-[r:${HISTORY_TYPES}]-(b)`,
  BOTH: `(a)-[r:${HISTORY_TYPES}]-(b)`,
};

function relationshipsAsOf(direction: Direction): CypherQuery {
  const filter = `coalesce(r.type, type(r)) IN $types AND ${recordedAt('r')} AND ${validAsOf('r')} AND ${statusAllowed('r')}`;
  return cypher(
    `relationshipsOfActorAsOf${direction.charAt(0)}${direction.slice(1).toLowerCase()}`,
    `
CALL () {
  MATCH (a:Actor {id: $id}) RETURN a
  UNION
  MATCH (a:RetractedActor {id: $id}) RETURN a
  UNION
  MATCH (a:MergedActor {id: $id}) RETURN a
}
CALL (a) {
  MATCH ${PATTERNS[direction]}
  WHERE ${filter}
  RETURN count(r) AS total
}
CALL (a) {
  MATCH ${PATTERNS[direction]}
  WHERE ${filter} AND ($after IS NULL OR r.id > $after)
  WITH r, b ORDER BY r.id
  LIMIT $limit
  WITH r, b, head(COLLECT {
    MATCH (v:ActorVersion)-[:VERSION_OF]->(b)
    WHERE ${recordedAt('v')}
    RETURN v ORDER BY v.version LIMIT 1
  }) AS v
  WITH r, b, coalesce(v, b) AS p
  RETURN collect({relationship: ${versionProjection('r')}, other: ${actorAsOfProjection('p', 'b')}}) AS page
}
RETURN total, page`,
  );
}

/**
 * A page of one actor's relationships as the graph held them at `$recordedAsOf` (live and WAS edges whose
 * recorded period covers it), with the actor at the other end as it then stood; one statement per direction.
 */
export const RELATIONSHIPS_OF_ACTOR_AS_OF: Record<Direction, CypherQuery> = {
  OUTGOING: relationshipsAsOf('OUTGOING'),
  INCOMING: relationshipsAsOf('INCOMING'),
  BOTH: relationshipsAsOf('BOTH'),
};

function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

function shortestPathsAsOf(maxHops: number): CypherQuery {
  // As shortestPaths (one static statement per maxHops), over live and WAS edges held at $recordedAsOf,
  // from and to actors that existed then (retracted or merged since, or not). Records are projected
  // whole: a lean WAS edge could not be completed later by the current lookups.
  return cypher(
    `shortestPathsAsOf${maxHops}`,
    `
${anyActorById('a', '$from')}
WITH a WHERE ${existedAt('a')}
${anyActorById('b', '$to')}
WITH a, b WHERE ${existedAt('b')}
MATCH p = ALL SHORTEST (a)-[r:${HISTORY_TYPES} WHERE ${followedAsOf('r')}]-{1,${maxHops}}(b)
WITH p LIMIT $limit
CALL (p) {
${actorsAsOfInOrder('nodes(p)', 'actors')}
}
RETURN actors, [x IN relationships(p) | ${versionProjection('x')}] AS relationships`,
  );
}

/**
 * Shortest paths between two actors as the graph held them at `$recordedAsOf`, by maxHops (1..6): chosen
 * instead of SHORTEST_PATHS when `recordedAsOf` is given, so the current statements stay as they were.
 */
export const SHORTEST_PATHS_AS_OF: ReadonlyMap<number, CypherQuery> = new Map(
  range(PATH_HOPS.min, PATH_HOPS.max).map((hops) => [hops, shortestPathsAsOf(hops)]),
);

function neighbourhoodAsOf(hops: number): CypherQuery {
  // The breadth-first walk of neighbourhood(hops), over live and WAS edges held at $recordedAsOf.
  const level = `
CALL (seen, frontier) {
  UNWIND frontier AS f
  MATCH (f)-[r:${HISTORY_TYPES}]-(n)
  WHERE ${followedAsOf('r')} AND NOT n IN seen
  WITH DISTINCT n LIMIT $limit + 1
  RETURN collect(n) AS next
}
WITH centre, seen + next AS seen, next AS frontier`;
  return cypher(
    `neighbourhoodAsOf${hops}`,
    `
${anyActorById('centre', '$id')}
WITH centre WHERE ${existedAt('centre')}
WITH centre, [centre] AS seen, [centre] AS frontier
${range(1, hops)
  .map(() => level)
  .join('\n')}
WITH seen[..$limit] AS kept, size(seen) > $limit AS truncatedNodes
CALL (kept) {
  UNWIND kept AS x
  MATCH (x)-[r:${HISTORY_TYPES}]->(y)
  WHERE ${followedAsOf('r')} AND y IN kept
  WITH r LIMIT $edgeLimit + 1
  RETURN collect(${versionProjection('r')}) AS edges
}
CALL (kept) {
${actorsAsOfInOrder('kept', 'nodes')}
}
RETURN nodes, edges[..$edgeLimit] AS edges, truncatedNodes OR size(edges) > $edgeLimit AS truncated`,
  );
}

/**
 * The neighbourhood of an actor as the graph held it at `$recordedAsOf`, by hops (1..3): chosen instead of
 * NEIGHBOURHOOD when `recordedAsOf` is given.
 */
export const NEIGHBOURHOOD_AS_OF: ReadonlyMap<number, CypherQuery> = new Map(
  range(NEIGHBOURHOOD_HOPS.min, NEIGHBOURHOOD_HOPS.max).map((hops) => [hops, neighbourhoodAsOf(hops)]),
);
