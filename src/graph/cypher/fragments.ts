import { RELATIONSHIP_TYPES, type TraversalDetail } from '../model.js';

/**
 * Fragments shared by several statements. They are code constants interpolated into static statement
 * texts at module load; no fragment ever takes a value from a request.
 */

/**
 * An actor's degree: its relationships with other actors, both directions. Counting by the actor-to-actor
 * relationship types (rather than by the label of the other end) lets Neo4j read the counts it keeps per
 * node and type (GetDegree) instead of expanding every relationship: about 22 db hits per actor against
 * 121 for the label form on the 100k-actor bench graph.
 */
export const actorDegree = (a: string): string => `COUNT { (${a})-[:${RELATIONSHIP_TYPES.join('|')}]-() }`;

/** Projects an actor node `a` to the properties of the Actor type, with its degree. */
export const actorProjection = (a: string): string =>
  `${a} {.id, .kind, .name, .aliases, .country, .description, degree: ${actorDegree(a)}}`;

/**
 * Projects an actor node `a` as {@link actorProjection} does, with its recorded version and merged ids
 * (issue 15). Lookups by id use it; traversals leave these out, and a field that needs them loads the
 * actor by id.
 */
export const actorRecordProjection = (a: string): string =>
  `${a} {.id, .kind, .name, .aliases, .country, .description, .version, .recordedFrom, .changeSeq, .mergedIds, degree: ${actorDegree(a)}}`;

/**
 * Projects an actor node `a` at the statement's `$actorLevel` (see TraversalDetail): `full` as
 * {@link actorProjection}, `summary` with id, kind, name and country, `ref` with the id alone. `CASE` is
 * evaluated lazily, so an unasked degree costs no db hits and unasked strings are not shipped.
 */
export const actorProjectionAsAsked = (a: string): string =>
  `CASE $actorLevel WHEN 'full' THEN ${actorProjection(a)} WHEN 'summary' THEN ${a} {.id, .kind, .name, .country} ELSE ${a} {.id} END`;

/** Projects a relationship `r` between actors to a map with its type and end ids. */
export const relationshipProjection = (r: string): string =>
  `${r} {.*, type: type(${r}), fromId: startNode(${r}).id, toId: endNode(${r}).id}`;

/**
 * Projects a relationship `r` at the statement's `$relationshipLevel`: `full`, every property; `ref`,
 * only id, type and end ids.
 */
export const relationshipProjectionAsAsked = (r: string): string =>
  `CASE $relationshipLevel WHEN 'full' THEN ${relationshipProjection(r)} ` +
  `ELSE {id: ${r}.id, type: type(${r}), fromId: startNode(${r}).id, toId: endNode(${r}).id} END`;

/**
 * True when relationship `r` is known to hold on `$asOf` (always when `$asOf` is null): from `knownFrom`,
 * the first day it is known to hold (the end of the period of its validFrom or date, else its bound
 * noLaterThan, stored by the writer: see relationship-properties.ts), until its `validTo` (exclusive). A
 * relationship with no date and no bound holds only when `$includeUndated` is true, and then until its
 * `validTo`. A stored day keeps the predicate, repeated on every hop of a traversal, cheap to plan and run.
 */
export const validAsOf = (r: string): string =>
  `($asOf IS NULL OR (coalesce(${r}.knownFrom <= date($asOf), $includeUndated) ` +
  `AND coalesce(${r}.validTo, date('9999-12-31')) > date($asOf)))`;

/** True unless relationship `r` is an INFERRED claim and `$includeInferred` is false. */
export const statusAllowed = (r: string): string => `($includeInferred OR coalesce(${r}.status, 'ASSERTED') <> 'INFERRED')`;

/**
 * True when sanction `s` is known to have been imposed by `$asOf` (always when `$asOf` is null): from its
 * stored `knownFrom` (the end of its date's period; a BOUNDED sanction's date is already the latest day),
 * or its date where a writer stored none.
 */
export const sanctionKnownBy = (s: string): string => `($asOf IS NULL OR coalesce(${s}.knownFrom, ${s}.date) <= date($asOf))`;

const party = (p: string, role: string): string =>
  `{actorId: x.id, role: '${role}', sentences: ${p}.sentences, status: ${p}.status, confidence: ${p}.confidence, inferredFrom: ${p}.inferredFrom}`;

/** Projects a sanction node `s` with its authorities, targets (each also as a party with its evidence) and list. */
export const sanctionProjection = (s: string): string =>
  `${s} {.*, authorityIds: [(x:Actor)-[:IMPOSED]->(${s}) | x.id], ` +
  `targetIds: [(${s})-[:TARGETS]->(x:Actor) | x.id], listId: head([(${s})-[:ON_LIST]->(x:Actor) | x.id]), ` +
  `parties: [(x:Actor)-[p:IMPOSED]->(${s}) | ${party('p', 'AUTHORITY')}] + [(${s})-[p:TARGETS]->(x:Actor) | ${party('p', 'TARGET')}]}`;

/** The parameters the `...AsAsked` projections read, for a TraversalDetail. */
export function detailParams(detail: TraversalDetail): { actorLevel: string; relationshipLevel: string; sanctionLevel: string } {
  return { actorLevel: detail.actors, relationshipLevel: detail.relationships, sanctionLevel: detail.sanctions };
}

/**
 * The tail of a two-way count: rows `(x, y, count)` already grouped become the total, the groups by both,
 * and the groups by each one, ordered by count (largest first) then by value. One grouping pass feeds all.
 *
 * @example
 * `WITH a.kind AS kind, a.country AS country, count(*) AS count\n${twoWayCounts('kind', 'country', 'byKindAndCountry', 'byKind', 'byCountry')}`
 */
export function twoWayCounts(x: string, y: string, both: string, byX: string, byY: string): string {
  const byOne = (v: string, name: string): string =>
    `COLLECT { UNWIND groups AS g WITH g.${v} AS ${v}, sum(g.count) AS count RETURN {${v}: ${v}, count: count} ORDER BY count DESC, ${v} } AS ${name}`;
  return `ORDER BY count DESC, ${x}, ${y}
WITH collect({${x}: ${x}, ${y}: ${y}, count: count}) AS groups
RETURN reduce(n = 0, g IN groups | n + g.count) AS count,
       groups AS ${both},
       ${byOne(x, byX)},
       ${byOne(y, byY)}`;
}

/**
 * The party edges of sanction `s` from `row` (its `authorities` and `targets`, each with the evidence for its
 * part, and its `listId`): created for a new sanction, merged by the seed's writer. One text for both, so a
 * part's stored properties cannot drift between the two ways a sanction is written.
 */
export const sanctionPartyEdges = (verb: 'CREATE' | 'MERGE'): string => `CALL (s, row) {
  UNWIND row.authorities AS p
  MATCH (a:Actor {id: p.actorId})
  ${verb} (a)-[r:IMPOSED]->(s)
  SET r.sourceId = row.props.sourceId, r.sentences = p.sentences, r.status = p.status, r.confidence = p.confidence,
      r.inferredFrom = p.inferredFrom
}
CALL (s, row) {
  UNWIND row.targets AS p
  MATCH (t:Actor {id: p.actorId})
  ${verb} (s)-[r:TARGETS]->(t)
  SET r.sourceId = row.props.sourceId, r.sentences = p.sentences, r.status = p.status, r.confidence = p.confidence,
      r.inferredFrom = p.inferredFrom
}
CALL (s, row) {
  OPTIONAL MATCH (l:List {id: row.listId})
  FOREACH (_ IN CASE WHEN l IS NULL THEN [] ELSE [1] END | ${verb} (s)-[:ON_LIST]->(l))
}`;
