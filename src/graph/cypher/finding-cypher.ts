import { ACTS_FOR_TYPES, type FindingDistinct, TARGET_CHAIN_TYPES } from '../model.js';
import { cypher, type CypherQuery } from './cypher-query.js';
import {
  actorProjectionAsAsked,
  relationshipProjectionAsAsked,
  sanctionKnownBy,
  sanctionProjection,
  statusAllowed,
  validAsOf,
} from './fragments.js';

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
// (`$relationshipLevel` 'none') only their lengths: those come back empty. Pages are positions in this
// order (`$skip`): the order's keys are computed per finding, so a keyset filter would cost the same.
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
SKIP $skip
LIMIT $limit`;

// One finding per authority and sanction: the first of its findings with ASSERTED parts before INFERRED
// ones, then the shortest chains, then by ids (rows reach collect() in the order of the WITH before it).
const FOLD = `
WITH s, authority, imp, tgt, imposedBy, target, targeted, ar, tr
ORDER BY CASE WHEN 'INFERRED' IN [imp.status, tgt.status] THEN 1 ELSE 0 END, size(ar) + size(tr), imposedBy.id, targeted.id, target.id
WITH s, authority, head(collect({imp: imp, tgt: tgt, imposedBy: imposedBy, target: target, targeted: targeted, ar: ar, tr: tr})) AS f
WITH s, authority, f.imp AS imp, f.tgt AS tgt, f.imposedBy AS imposedBy, f.target AS target, f.targeted AS targeted, f.ar AS ar, f.tr AS tr`;

const COUNT: Record<FindingDistinct, string> = {
  ALL: 'RETURN count(*) AS total',
  AUTHORITY_AND_SANCTION: 'RETURN count(DISTINCT [authority.id, s.id]) AS total',
};

/** The statements of one finding question: a page and a count, per `distinct`. */
export type FindingStatements = Record<FindingDistinct, { readonly page: CypherQuery; readonly count: CypherQuery }>;

function findingStatements(name: string, match: string): FindingStatements {
  return {
    ALL: { page: cypher(name, `${match}${FINDING}`), count: cypher(`${name}Count`, `${match}\n${COUNT.ALL}`) },
    AUTHORITY_AND_SANCTION: {
      page: cypher(`${name}ByAuthority`, `${match}${FOLD}${FINDING}`),
      count: cypher(`${name}ByAuthorityCount`, `${match}\n${COUNT.AUTHORITY_AND_SANCTION}`),
    },
  };
}

/**
 * Who sanctioned `$id`: sanctions on it or, indirectly, on actors that act for or belong to it, or that
 * are located in or nationals of it, credited to their authorities and to the actors those authorities
 * act for.
 */
export const WHO_SANCTIONED: Record<'direct' | 'indirect', FindingStatements> = {
  direct: findingStatements(
    'whoSanctionedDirect',
    `
MATCH ${PAIR}(target:Actor {id: $id})
WHERE ${PAIR_ALLOWED}
WITH s, imp, tgt, imposedBy, imposedBy AS authority, target, target AS targeted, [] AS ar, [] AS tr`,
  ),
  indirect: findingStatements(
    'whoSanctionedIndirect',
    `
MATCH (targeted:Actor)-[tr:${TARGET_CHAIN} WHERE ${chainStep('tr')}]->{0,${MAX_ACTS_FOR_HOPS}}(target:Actor {id: $id})
MATCH ${PAIR}(targeted)
WHERE ${PAIR_ALLOWED}
MATCH (imposedBy)-[ar:${ACTS_FOR} WHERE ${chainStep('ar')}]->{0,${MAX_ACTS_FOR_HOPS}}(authority:Actor)`,
  ),
};

/**
 * Whom `$id` sanctioned: sanctions it imposed or, indirectly, that actors acting for it imposed, credited
 * to their targets and to the actors those targets belong to, are located in or are nationals of.
 */
export const SANCTIONED_BY: Record<'direct' | 'indirect', FindingStatements> = {
  direct: findingStatements(
    'sanctionedByDirect',
    `
MATCH (imposedBy:Actor {id: $id})-[imp:IMPOSED]->(s:Sanction)-[tgt:TARGETS]->(targeted:Actor)
WHERE ${PAIR_ALLOWED}
WITH s, imp, tgt, imposedBy, imposedBy AS authority, targeted, targeted AS target, [] AS ar, [] AS tr`,
  ),
  indirect: findingStatements(
    'sanctionedByIndirect',
    `
MATCH (imposedBy:Actor)-[ar:${ACTS_FOR} WHERE ${chainStep('ar')}]->{0,${MAX_ACTS_FOR_HOPS}}(authority:Actor {id: $id})
MATCH ${PAIR}(targeted:Actor)
WHERE ${PAIR_ALLOWED}
MATCH (targeted)-[tr:${TARGET_CHAIN} WHERE ${chainStep('tr')}]->{0,${MAX_ACTS_FOR_HOPS}}(target:Actor)`,
  ),
};
