import { cypher } from './cypher-query.js';

/**
 * Measurement only (scripts/lib/search-quality.ts, docs/queries.md): the search as it was before the
 * stemmed index and the exact-name ranking, so its top hits can be compared with today's on the same
 * graph. The API never runs these.
 */

/** The index search used before: names and aliases, the default analyzer (no stemming, no stop words). */
export const CREATE_BASELINE_INDEX = cypher(
  'createSearchBaselineIndex',
  'CREATE FULLTEXT INDEX actor_names_baseline IF NOT EXISTS FOR (n:Actor) ON EACH [n.name, n.aliasText]',
);

/** Drops the baseline index after a measurement. */
export const DROP_BASELINE_INDEX = cypher('dropSearchBaselineIndex', 'DROP INDEX actor_names_baseline IF EXISTS');

/** Waits until the baseline index is online. */
export const AWAIT_BASELINE_INDEX = cypher('awaitSearchBaselineIndex', 'CALL db.awaitIndex("actor_names_baseline", 60)');

/** The search statement used before: ranked by the index's score alone. */
export const SEARCH_ACTORS_BASELINE = cypher(
  'searchActorsBaseline',
  `
CALL db.index.fulltext.queryNodes('actor_names_baseline', $query) YIELD node, score
RETURN node.id AS id, score
ORDER BY score DESC, node.id ASC
LIMIT $limit`,
);
