import { cypher } from './cypher-query.js';

/**
 * Reads of the audit trail: the `(:Change)` records every write appends (CONTRACT-15), paged by `seq`
 * (unique, so an index-ordered range). Writers take `seq` under the counter's lock, so seq order is commit
 * order and reading `seq > $after` never skips a change that commits later.
 */

/** The projection of a change record, the same in every read. */
const CHANGE = `c {.seq, .at, .principal, .role, .via, .mutation, .ids, .before, .after, .reason, .idempotencyKey} AS change`;

/**
 * The first `$limit` changes after `$after`, in seq order, optionally only those touching `$target`
 * (among their `ids`) or made by `$author` (a principal's name).
 */
export const CHANGES_AFTER = cypher(
  'changesAfter',
  `
MATCH (c:Change)
WHERE c.seq > $after
  AND ($author IS NULL OR c.principal = $author)
  AND ($target IS NULL OR $target IN c.ids)
RETURN ${CHANGE}
ORDER BY c.seq
LIMIT $limit`,
);

/** The first `$limit` changes recorded in [`$from`, `$to`) with seq above `$after`, in seq order. */
export const CHANGES_RECORDED_BETWEEN = cypher(
  'changesRecordedBetween',
  `
MATCH (c:Change)
WHERE c.at >= datetime($from) AND c.at < datetime($to) AND c.seq > $after
RETURN ${CHANGE}
ORDER BY c.seq
LIMIT $limit`,
);

/** How many changes of each mutation were recorded in [`$from`, `$to`). */
export const COUNT_CHANGES_RECORDED_BETWEEN = cypher(
  'countChangesRecordedBetween',
  `
MATCH (c:Change)
WHERE c.at >= datetime($from) AND c.at < datetime($to)
RETURN c.mutation AS mutation, count(*) AS count
ORDER BY mutation`,
);

/** The seq of the last committed change (0 before any): what the change feed polls. */
export const CHANGE_HEAD = cypher(
  'changeHead',
  `
OPTIONAL MATCH (counter:ChangeCounter {name: 'changes'})
RETURN coalesce(counter.value, 0) AS head`,
);
