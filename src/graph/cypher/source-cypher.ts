import { cypher } from './cypher-query.js';

/** Sources by id. */
export const FIND_SOURCES_BY_IDS = cypher(
  'findSourcesByIds',
  `
UNWIND $ids AS id
MATCH (s:Source {id: id})
RETURN s {.*} AS source`,
);

/** The first `$limit` sources, by id. */
export const LIST_SOURCES = cypher(
  'listSources',
  `
MATCH (s:Source)
RETURN s {.*} AS source
ORDER BY s.id
LIMIT $limit`,
);
