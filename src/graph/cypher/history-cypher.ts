import { type Direction, RELATIONSHIP_TYPES } from '../model.js';
import { cypher, type CypherQuery } from './cypher-query.js';
import { sanctionProjection, statusAllowed, validAsOf } from './fragments.js';

/**
 * Reads of the graph's own history (issue 15): versions of a record, and the graph as it stood at an
 * instant (`recordedAsOf`). They are separate statements so that current reads, which see only the live
 * graph, stay exactly as they were. A record holds at `$recordedAsOf` when its recorded period covers it;
 * records written before the audit trail (no `recordedFrom`) count as recorded since the beginning.
 */

const HISTORY_TYPES = [...RELATIONSHIP_TYPES, 'WAS'].join('|');

/** True when record `x` (node or relationship) was held by the graph at `$recordedAsOf`. */
export const recordedAt = (x: string): string =>
  `(coalesce(${x}.recordedFrom, datetime('0001-01-01T00:00:00Z')) <= datetime($recordedAsOf) ` +
  `AND (${x}.recordedTo IS NULL OR ${x}.recordedTo > datetime($recordedAsOf)))`;

/** A relationship `r`, live or retired (WAS), projected with its original type and end ids. */
const versionProjection = (r: string): string =>
  `${r} {.*, type: coalesce(${r}.type, type(${r})), fromId: startNode(${r}).id, toId: endNode(${r}).id}`;

/** The actor properties an as-of read projects from node or version `p`, with the degree of `a` then. */
const actorAsOfProjection = (p: string, a: string): string =>
  `${p} {.id, .kind, .name, .aliases, .country, .description, .version, .recordedFrom, .recordedTo, .endReason, ` +
  `degree: COUNT { (${a})-[d:${HISTORY_TYPES}]-() WHERE coalesce(d.type, type(d)) IN $types AND ${recordedAt('d')} }}`;

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
