import { cypher } from './cypher-query.js';
import { actorRecordProjection } from './fragments.js';

/**
 * The match review queue (issue 16, CONTRACT-16R): `(:MatchReview)` nodes the import write step stores for
 * records whose entity may be an existing actor, `-[:REVIEWS]->` the actor the import created for the record
 * and `-[:CANDIDATE {score, rule, rank}]->` each candidate actor. The importer writes them; these statements
 * read and resolve them. A merge moves the REVIEWS and CANDIDATE edges of the actor merged away
 * (MERGE_ACTOR_INTO in curation-cypher.ts), so they always end at a live actor or a retracted one.
 */

/**
 * A review `r` as every read projects it: the imported entity's properties, the id of the actor it
 * reviews (`reviewedId`: the live or retracted node its REVIEWS edge ends at) and that actor's record when
 * it is live, and at most `$candidates` candidates in rank order (then by id), each with its actor's record
 * when live. Bounded: one node, one REVIEWS edge and `$candidates` CANDIDATE edges.
 */
const reviewProjection = (r: string): string => `${r} {
  .id, .status, .seriesId, .recordId, .sourceId, .name, .kind, .country, .createdSeq, .createdAt, .version,
  .resolvedSeq, .resolvedAt, .resolvedBy, .reason, .chosen, .mergedId,
  reviewedId: head(COLLECT { MATCH (${r})-[:REVIEWS]->(a) RETURN a.id AS reviewed ORDER BY reviewed LIMIT 1 }),
  reviewed: head(COLLECT { MATCH (${r})-[:REVIEWS]->(a:Actor) RETURN ${actorRecordProjection('a')} AS actor ORDER BY actor.id LIMIT 1 }),
  candidates: COLLECT {
    MATCH (${r})-[c:CANDIDATE]->(a)
    WITH c, a ORDER BY c.rank, a.id LIMIT $candidates
    RETURN {rank: c.rank, score: c.score, rule: c.rule, actorId: a.id,
            actor: CASE WHEN a:Actor THEN ${actorRecordProjection('a')} END} AS candidate
  }
}`;

/**
 * One page of the queue: reviews of `$statuses` (and of source `$source` when given), in the order of the
 * change that created them, then id, after the position (`$afterSeq`, `$afterId`) of the previous page's
 * last review; `$limit` of them (one more than the page, to tell whether more follow), and how many match in
 * all. One row always, so an empty page still answers its total. The status index narrows the scan.
 */
export const MATCH_REVIEW_PAGE = cypher(
  'matchReviewPage',
  `
RETURN COUNT {
         MATCH (r:MatchReview) WHERE r.status IN $statuses AND ($source IS NULL OR r.sourceId = $source)
       } AS total,
       COLLECT {
         MATCH (r:MatchReview)
         WHERE r.status IN $statuses AND ($source IS NULL OR r.sourceId = $source)
           AND ($afterSeq IS NULL OR r.createdSeq > $afterSeq OR (r.createdSeq = $afterSeq AND r.id > $afterId))
         WITH r ORDER BY r.createdSeq, r.id LIMIT $limit
         RETURN ${reviewProjection('r')} AS review
       } AS reviews`,
);

/** Reviews by id inside a write (`resolveMatch`), projected as the queue shows them. */
export const FIND_MATCH_REVIEWS_FOR_WRITE = cypher(
  'findMatchReviewsForWrite',
  `
UNWIND $ids AS id
MATCH (r:MatchReview {id: id})
RETURN ${reviewProjection('r')} AS review`,
);

/**
 * Records the decision on pending reviews: status, the next version, the change that resolved each and
 * who, why, and the chosen candidate. Only a pending review at version `row.version` changes; the caller
 * checked both under the change counter's lock, so `resolved` is the number of rows.
 */
export const RESOLVE_MATCH_REVIEWS = cypher(
  'resolveMatchReviews',
  `
UNWIND $rows AS row
MATCH (r:MatchReview {id: row.id})
WHERE r.status = 'PENDING' AND r.version = row.version
SET r.status = row.status, r.version = r.version + 1, r.resolvedSeq = row.seq, r.resolvedAt = $at,
    r.resolvedBy = row.by, r.reason = row.reason, r.chosen = row.chosen
RETURN count(r) AS resolved`,
);
