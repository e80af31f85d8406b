import { ACTS_FOR_TYPES, TARGET_CHAIN_TYPES } from '../model.js';
import { cypher, type CypherQuery } from './cypher-query.js';
import {
  actorProjectionAsAsked,
  relationshipProjectionAsAsked,
  sanctionKnownBy,
  sanctionProjection,
  statusAllowed,
  validAsOf,
} from './fragments.js';

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

/** Sanctions matching a filter, newest first. */
export const LIST_SANCTIONS = cypher(
  'listSanctions',
  `
MATCH (s:Sanction)
WHERE ($measure IS NULL OR s.measure = $measure)
  AND ($program IS NULL OR s.program = $program)
  AND ($from IS NULL OR s.date >= date($from))
  AND ($to IS NULL OR s.date <= date($to))
  AND ($authority IS NULL OR EXISTS { (:Actor {id: $authority})-[:IMPOSED]->(s) })
  AND ($target IS NULL OR EXISTS { (s)-[:TARGETS]->(:Actor {id: $target}) })
  AND ($targetCountry IS NULL OR EXISTS { (s)-[:TARGETS]->(t:Actor) WHERE t.country = $targetCountry })
RETURN ${sanctionProjection('s')} AS sanction
ORDER BY s.date DESC, s.id
LIMIT $limit`,
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

const ACTS_FOR = ACTS_FOR_TYPES.join('|');
const TARGET_CHAIN = TARGET_CHAIN_TYPES.join('|');
/** Longest acting-for chain followed on each side of an indirect sanction. */
export const MAX_ACTS_FOR_HOPS = 4;

// A finding pairs an authority's part (`imp`) with a target's part (`tgt`) of one sanction: INFERRED when
// either part is, and then left out unless asked for.
const PAIR = `(imposedBy:Actor)-[imp:IMPOSED]->(s:Sanction)-[tgt:TARGETS]->`;
const PAIR_ALLOWED = `${sanctionKnownBy('s')} AND ${statusAllowed('imp')} AND ${statusAllowed('tgt')}`;
const chainStep = (r: string): string => `${validAsOf(r)} AND ${statusAllowed(r)}`;

// The sanction and the four actors come back projected at the levels asked, so resolving them needs no
// further round trip. At `ref` they would only repeat the id columns, and chains nobody selected
// (`$relationshipLevel` 'none') only their lengths: those come back empty.
const FINDING = `
RETURN CASE $sanctionLevel WHEN 'full' THEN ${sanctionProjection('s')} END AS sanction,
       CASE $actorLevel WHEN 'ref' THEN [] ELSE [${['authority', 'imposedBy', 'target', 'targeted'].map(actorProjectionAsAsked).join(', ')}] END AS actors,
       s.id AS sanctionId, authority.id AS authorityId, imposedBy.id AS imposedById,
       target.id AS targetId, targeted.id AS targetedId, size(ar) + size(tr) > 0 AS indirect,
       CASE WHEN 'INFERRED' IN [imp.status, tgt.status] THEN 'INFERRED' ELSE 'ASSERTED' END AS status,
       coalesce(imp.inferredFrom, tgt.inferredFrom) AS inferredFrom,
       CASE $relationshipLevel WHEN 'none' THEN [] ELSE [x IN ar | ${relationshipProjectionAsAsked('x')}] END AS authorityChain,
       CASE $relationshipLevel WHEN 'none' THEN [] ELSE [x IN tr | ${relationshipProjectionAsAsked('x')}] END AS targetChain
ORDER BY s.date DESC, s.id, size(ar) + size(tr), authorityId, targetedId, targetId
LIMIT $limit`;

/**
 * Who sanctioned `$id`: sanctions on it or, indirectly, on actors that act for or belong to it, or that
 * are located in or nationals of it, credited to their authorities and to the actors those authorities
 * act for.
 */
export const WHO_SANCTIONED = {
  direct: cypher(
    'whoSanctionedDirect',
    `
MATCH ${PAIR}(target:Actor {id: $id})
WHERE ${PAIR_ALLOWED}
WITH s, imp, tgt, imposedBy, imposedBy AS authority, target, target AS targeted, [] AS ar, [] AS tr
${FINDING}`,
  ),
  indirect: cypher(
    'whoSanctionedIndirect',
    `
MATCH (targeted:Actor)-[tr:${TARGET_CHAIN} WHERE ${chainStep('tr')}]->{0,${MAX_ACTS_FOR_HOPS}}(target:Actor {id: $id})
MATCH ${PAIR}(targeted)
WHERE ${PAIR_ALLOWED}
MATCH (imposedBy)-[ar:${ACTS_FOR} WHERE ${chainStep('ar')}]->{0,${MAX_ACTS_FOR_HOPS}}(authority:Actor)
${FINDING}`,
  ),
} as const;

/**
 * Whom `$id` sanctioned: sanctions it imposed or, indirectly, that actors acting for it imposed, credited
 * to their targets and to the actors those targets belong to, are located in or are nationals of.
 */
export const SANCTIONED_BY = {
  direct: cypher(
    'sanctionedByDirect',
    `
MATCH (imposedBy:Actor {id: $id})-[imp:IMPOSED]->(s:Sanction)-[tgt:TARGETS]->(targeted:Actor)
WHERE ${PAIR_ALLOWED}
WITH s, imp, tgt, imposedBy, imposedBy AS authority, targeted, targeted AS target, [] AS ar, [] AS tr
${FINDING}`,
  ),
  indirect: cypher(
    'sanctionedByIndirect',
    `
MATCH (imposedBy:Actor)-[ar:${ACTS_FOR} WHERE ${chainStep('ar')}]->{0,${MAX_ACTS_FOR_HOPS}}(authority:Actor {id: $id})
MATCH ${PAIR}(targeted:Actor)
WHERE ${PAIR_ALLOWED}
MATCH (targeted)-[tr:${TARGET_CHAIN} WHERE ${chainStep('tr')}]->{0,${MAX_ACTS_FOR_HOPS}}(target:Actor)
${FINDING}`,
  ),
} as const;
