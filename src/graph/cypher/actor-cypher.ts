import type { ActorKind } from '../model.js';
import { cypher, type CypherQuery } from './cypher-query.js';
import { actorDegree, actorProjection, actorRecordProjection, statusAllowed, twoWayCounts, validAsOf } from './fragments.js';

/**
 * Actors by id, in one round trip for a whole batch. The id of an actor merged into another (mergeActors)
 * resolves to the one it was merged into.
 */
export const FIND_ACTORS_BY_IDS = cypher(
  'findActorsByIds',
  `
UNWIND $ids AS id
CALL (id) {
  MATCH (a:Actor {id: id}) RETURN a
  UNION
  MATCH (:MergedActor {id: id})-[:MERGED_INTO]->(a:Actor) RETURN a
}
RETURN id, ${actorRecordProjection('a')} AS actor`,
);

const ACTOR_FILTER = `
WHERE ($kinds IS NULL OR a.kind IN $kinds)
  AND ($country IS NULL OR a.country = $country)
  AND ($nameContains IS NULL OR toLower(a.name) CONTAINS $nameContains)
  AND ($nameStartsWith IS NULL OR toLower(a.name) STARTS WITH $nameStartsWith)
  AND ($imposedSanctions IS NULL OR EXISTS { (a)-[:IMPOSED]->(:Sanction) } = $imposedSanctions)
  AND ($receivedSanctions IS NULL OR EXISTS { (:Sanction)-[:TARGETS]->(a) } = $receivedSanctions)`;

/** Counts the actors matching a filter without fetching them. */
export const COUNT_ACTORS = cypher(
  'countActors',
  `
MATCH (a:Actor)
${ACTOR_FILTER}
RETURN count(a) AS total`,
);

/**
 * Counts of the actors matching a filter by kind and country, largest first, computed from the grouped
 * rows (kind x country) in the database.
 */
export const AGGREGATE_ACTORS = cypher(
  'aggregateActors',
  `
MATCH (a:Actor)
${ACTOR_FILTER}
WITH a.kind AS kind, a.country AS country, count(*) AS count
${twoWayCounts('kind', 'country', 'byKindAndCountry', 'byKind', 'byCountry')}`,
);

/** Sort keys of actor pages. */
export type ActorOrderKey = 'NAME' | 'DEGREE';

function listActors(field: ActorOrderKey, direction: 'ASC' | 'DESC'): CypherQuery {
  const name = `listActorsBy${field === 'NAME' ? 'Name' : 'Degree'}${direction === 'ASC' ? 'Asc' : 'Desc'}`;
  const after = direction === 'ASC' ? '>' : '<';
  if (field === 'NAME') {
    // Keyset pagination on (name, id). The range predicate on a.name lets the planner seek the actor_name
    // index and read it in order (no full sort); $fromName is the cursor's name, or the open end of the
    // range on the first page. The projection comes after LIMIT, so only the page is projected.
    return cypher(
      name,
      `
MATCH (a:Actor)
WHERE a.name ${after}= $fromName
  AND ($afterId IS NULL OR a.name <> $afterKey OR a.id > $afterId)
${ACTOR_FILTER.replace('WHERE', 'AND')}
WITH a ORDER BY a.name ${direction}, a.id ASC
LIMIT $limit
RETURN ${actorProjection('a')} AS actor, a.name AS key`,
    );
  }
  // Degree is computed (from Neo4j's per-type counts), not stored, so this order reads the degree of
  // every matching actor.
  return cypher(
    name,
    `
MATCH (a:Actor)
${ACTOR_FILTER}
WITH a, ${actorDegree('a')} AS key
WHERE $afterId IS NULL OR key ${after} $afterKey OR (key = $afterKey AND a.id > $afterId)
WITH a, key ORDER BY key ${direction}, a.id ASC
LIMIT $limit
RETURN ${actorProjection('a')} AS actor, key`,
  );
}

/** One page of actors per sort order; one static statement each. */
export const LIST_ACTORS: Record<ActorOrderKey, Record<'ASC' | 'DESC', CypherQuery>> = {
  NAME: { ASC: listActors('NAME', 'ASC'), DESC: listActors('NAME', 'DESC') },
  DEGREE: { ASC: listActors('DEGREE', 'ASC'), DESC: listActors('DEGREE', 'DESC') },
};

/**
 * The order of kinds when two search hits match equally well: states first (a search for "Myanmar" means
 * the country before its military), groups and lists last.
 */
export const SEARCH_KIND_ORDER: Record<ActorKind, number> = {
  STATE: 0,
  GOVERNMENT_BODY: 1,
  ARMED_FORCES: 2,
  PERSON: 3,
  POLITICAL_PARTY: 4,
  COMPANY: 5,
  DIPLOMATIC_MISSION: 6,
  ETHNIC_GROUP: 7,
  MOVEMENT: 8,
  ELECTION: 9,
  ENTITY_GROUP: 10,
  LIST: 11,
};

const KIND_RANK = `CASE node.kind ${Object.entries(SEARCH_KIND_ORDER)
  .map(([kind, rank]) => `WHEN '${kind}' THEN ${rank}`)
  .join(' ')} ELSE ${Object.keys(SEARCH_KIND_ORDER).length} END`;

/**
 * Full-text search over names, aliases and descriptions; the parameters come from searchTerms. The
 * index's best `$candidates` hits are ranked: a name or alias equal to the whole text first, then by how
 * many of the words (`$stems`) the names and description contain, then how many the names alone
 * contain, then the index's score, then the kind (SEARCH_KIND_ORDER), then the id. Pages are positions
 * in that order (`$skip`): the keys are computed per hit from a bounded candidate list.
 */
export const SEARCH_ACTORS = cypher(
  'searchActors',
  `
CALL db.index.fulltext.queryNodes('actor_search', $query, {limit: $candidates}) YIELD node, score
WHERE $kinds IS NULL OR node.kind IN $kinds
WITH node, score,
     toLower(node.name) = $exact OR any(a IN coalesce(node.aliases, []) WHERE toLower(a) = $exact) AS exact,
     toLower(node.name + ' | ' + coalesce(node.aliasText, '')) AS names
WITH node, score, exact, names, names + ' | ' + toLower(coalesce(node.description, '')) AS text
WITH node, score, exact,
     size([w IN $stems WHERE text CONTAINS w]) AS inText,
     size([w IN $stems WHERE names CONTAINS w]) AS inNames
ORDER BY exact DESC, inText DESC, inNames DESC, score DESC, ${KIND_RANK}, node.id ASC
SKIP $skip
LIMIT $limit
RETURN ${actorProjection('node')} AS actor, score`,
);

/**
 * How many actors a search matches among the index's best `$candidates` hits (what SEARCH_ACTORS ranks
 * and pages through), without ranking or projecting them.
 */
export const COUNT_SEARCH = cypher(
  'countSearch',
  `
CALL db.index.fulltext.queryNodes('actor_search', $query, {limit: $candidates}) YIELD node
WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN count(node) AS total`,
);

/** Sentences of each source that name each actor of a batch: the first `$limit` sources by id. */
export const MENTIONS_OF_ACTORS = cypher(
  'mentionsOfActors',
  `
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN id, COLLECT {
  MATCH (a)-[m:MENTIONED_IN]->(s:Source)
  WITH s, m ORDER BY s.id LIMIT $limit
  RETURN {sourceId: s.id, sentences: m.sentences}
} AS mentions`,
);

/** The first `$limit` actors on each list of a batch by name, as of a date. */
export const ENTRIES_OF_LISTS = cypher(
  'entriesOfLists',
  `
UNWIND $ids AS id
MATCH (l:List {id: id})
RETURN id, COLLECT {
  MATCH (l)<-[r:LISTED_ON]-(x:Actor)
  WHERE ${validAsOf('r')} AND ${statusAllowed('r')}
  WITH x ORDER BY x.name, x.id LIMIT $limit
  RETURN ${actorProjection('x')}
} AS entries`,
);
