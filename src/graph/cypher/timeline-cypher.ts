import { RELATIONSHIP_TYPES } from '../model.js';
import { cypher } from './cypher-query.js';
import { relationshipProjection, sanctionProjection } from './fragments.js';

/**
 * World-time events (issue 20): relationships happening, beginning, ending or only bounded, sanctions
 * imposed and ended (delistings), for `changesBetween` (a window over the whole graph) and `timeline`
 * (around one actor). docs/model.md, "World-time events", defines each event and the window rule.
 */

/**
 * Relationship types whose edges are events of their own: every actor-to-actor type but the derived
 * SANCTIONED, for which the Sanction node's events stand (one per sanction, not one per authority and
 * target). A static union from the allow-list, so the planner expands those types only.
 */
const EVENT_TYPES = RELATIONSHIP_TYPES.filter((t) => t !== 'SANCTIONED').join('|');

/** The last day of the period of date `d` at precision `p` (a MONTH date covers its month). */
const periodEnd = (d: string, p: string): string =>
  `CASE ${p} WHEN 'YEAR' THEN ${d} + duration({years: 1}) - duration({days: 1}) ` +
  `WHEN 'MONTH' THEN ${d} + duration({months: 1}) - duration({days: 1}) ELSE ${d} END`;

/** True when the period of `d` touches the window [$from, $to]; either end may be null (open). */
const inWindow = (d: string, p: string): string =>
  `(${d} IS NOT NULL AND ($to IS NULL OR ${d} <= date($to)) AND ($from IS NULL OR ${periodEnd(d, p)} >= date($from)))`;

/** Events of the same day, in this order: ends first (validTo is exclusive), then events, beginnings, bounds. */
const KIND_ORDER = `CASE kind WHEN 'ENDED' THEN 0 WHEN 'SANCTION_ENDED' THEN 1 WHEN 'HAPPENED' THEN 2 WHEN 'SANCTION_IMPOSED' THEN 3 WHEN 'BEGAN' THEN 4 ELSE 5 END`;

/** The dated fields of relationship `r` as events: [kind, field, date, precision, derivation]. */
const relationshipEvents = (r: string, withBounds: boolean): string =>
  `[['HAPPENED', 'date', ${r}.date, ${r}.datePrecision, ${r}.dateDerivation], ` +
  `['BEGAN', 'validFrom', ${r}.validFrom, ${r}.validFromPrecision, ${r}.validFromDerivation], ` +
  `['ENDED', 'validTo', ${r}.validTo, ${r}.validToPrecision, ${r}.validToDerivation]` +
  (withBounds ? `, ['KNOWN_BY', 'noLaterThan', ${r}.noLaterThan, ${r}.noLaterThanPrecision, ${r}.noLaterThanDerivation]` : '') +
  ']';

/** The dated fields of sanction `s` as events. */
const sanctionEvents = (s: string): string =>
  `[['SANCTION_IMPOSED', 'date', ${s}.date, ${s}.datePrecision, ${s}.dateDerivation], ` +
  `['SANCTION_ENDED', 'delisting', ${s}.delistedOn, ${s}.delistedOnPrecision, ${s}.delistedOnDerivation]]`;

/**
 * Every event of the window over the whole graph, as rows (kind, field, date, precision, derivation, id,
 * relationshipType, r, s). Sanctions are found through the `sanction_date` index: a sanction's date is at
 * most a year before the window for its period (a YEAR date) to touch it; delistings by a scan of sanctions.
 */
const WINDOW_EVENTS = `
CALL () {
  MATCH ()-[r:${EVENT_TYPES}]->()
  UNWIND ${relationshipEvents('r', false)} AS e
  WITH r, e WHERE ${inWindow('e[2]', 'e[3]')}
  RETURN e, r.id AS id, type(r) AS relationshipType, r, null AS s
  UNION ALL
  MATCH (s:Sanction)
  WHERE s.date >= date($from) - duration({years: 1}) AND s.date <= date($to)
  UNWIND ${sanctionEvents('s')}[0..1] AS e
  WITH s, e WHERE ${inWindow('e[2]', 'e[3]')}
  RETURN e, s.id AS id, null AS relationshipType, null AS r, s
  UNION ALL
  MATCH (s:Sanction)
  WHERE s.delistedOn IS NOT NULL
  UNWIND ${sanctionEvents('s')}[1..2] AS e
  WITH s, e WHERE ${inWindow('e[2]', 'e[3]')}
  RETURN e, s.id AS id, null AS relationshipType, null AS r, s
}
WITH e[0] AS kind, e[1] AS dateField, e[2] AS date, e[3] AS precision, e[4] AS derivation, id, relationshipType, r, s`;

/**
 * A page of the world-time events between `$from` and `$to` (both included), in date order (then the
 * kind order of {@link KIND_ORDER}, then id), `$skip` events in. Only the page is projected.
 */
export const CHANGES_BETWEEN = cypher(
  'changesBetween',
  `${WINDOW_EVENTS}
ORDER BY date, ${KIND_ORDER}, id, dateField
SKIP $skip LIMIT $limit
RETURN kind, dateField, date, precision, derivation,
       CASE WHEN r IS NULL THEN null ELSE ${relationshipProjection('r')} END AS relationship,
       CASE WHEN s IS NULL THEN null ELSE ${sanctionProjection('s')} END AS sanction`,
);

/** How many events the window holds, by kind and relationship type, largest first; no event is projected. */
export const COUNT_CHANGES_BETWEEN = cypher(
  'countChangesBetween',
  `${WINDOW_EVENTS}
WITH kind, relationshipType, count(*) AS count
ORDER BY count DESC, kind, relationshipType
RETURN collect({kind: kind, relationshipType: relationshipType, count: count}) AS groups`,
);

/**
 * The first `$limit` events around one actor, in date order (then kind order, then id): relationships it
 * is an end of (with bounds, as KNOWN_BY), sanctions it imposed (AUTHORITY) or received (TARGET), with
 * the window [$from, $to] (either end open when null).
 */
export const TIMELINE = cypher(
  'timeline',
  `
MATCH (x:Actor {id: $actorId})
CALL (x) {
  MATCH (x)-[r:${EVENT_TYPES}]-(o:Actor)
  UNWIND ${relationshipEvents('r', true)} AS e
  WITH x, r, o, e WHERE ${inWindow('e[2]', 'e[3]')}
  RETURN e, r.id AS id, CASE WHEN startNode(r) = x THEN 'FROM' ELSE 'TO' END AS role, o, r, null AS s
  UNION ALL
  MATCH (x)-[:IMPOSED]->(s:Sanction)
  UNWIND ${sanctionEvents('s')} AS e
  WITH s, e WHERE ${inWindow('e[2]', 'e[3]')}
  RETURN e, s.id AS id, 'AUTHORITY' AS role, null AS o, null AS r, s
  UNION ALL
  MATCH (s:Sanction)-[:TARGETS]->(x)
  UNWIND ${sanctionEvents('s')} AS e
  WITH s, e WHERE ${inWindow('e[2]', 'e[3]')}
  RETURN e, s.id AS id, 'TARGET' AS role, null AS o, null AS r, s
}
WITH e[0] AS kind, e[1] AS dateField, e[2] AS date, e[3] AS precision, e[4] AS derivation, id, role, o, r, s
ORDER BY date, ${KIND_ORDER}, id, dateField, role
LIMIT $limit
RETURN kind, dateField, date, precision, derivation, role,
       CASE WHEN o IS NULL THEN null ELSE o.id END AS otherId,
       CASE WHEN r IS NULL THEN null ELSE ${relationshipProjection('r')} END AS relationship,
       CASE WHEN s IS NULL THEN null ELSE ${sanctionProjection('s')} END AS sanction`,
);
