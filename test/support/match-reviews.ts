import { createHash } from 'node:crypto';

import neo4j from 'neo4j-driver';

import { cypher } from '../../src/graph/cypher/cypher-query.js';
import type { GraphClient } from '../../src/graph/graph-client.js';
import type { ActorKind } from '../../src/graph/model.js';

/**
 * TEST ONLY: writes match reviews in the storage of CONTRACT-16R, as the import write step does (helper
 * "import" owns the real writer in src/services/import/): a `MatchReview` node merged on its id,
 * `-[:REVIEWS]->` the imported actor and `-[:CANDIDATE {score, rule, rank}]->` each candidate, rank 1 first.
 * It writes no Change record: `createdSeq` is what the test says, so queue order is the test's to choose.
 */
const WRITE_TEST_MATCH_REVIEWS = cypher(
  'testWriteMatchReviews',
  `
UNWIND $rows AS row
MATCH (imported:Actor {id: row.importedActorId})
MERGE (r:MatchReview {id: row.id})
SET r.status = row.status, r.seriesId = row.seriesId, r.recordId = row.recordId, r.sourceId = row.sourceId,
    r.name = row.name, r.kind = row.kind, r.country = row.country,
    r.createdSeq = row.createdSeq, r.createdAt = datetime(row.createdAt), r.version = row.version,
    r.resolvedSeq = row.resolvedSeq, r.resolvedAt = datetime(row.resolvedAt), r.resolvedBy = row.resolvedBy,
    r.reason = row.reason, r.chosen = row.chosen
MERGE (r)-[:REVIEWS]->(imported)
WITH r, row
CALL (r, row) {
  UNWIND range(0, size(row.candidates) - 1) AS i
  WITH r, i, row.candidates[i] AS c
  MATCH (a:Actor {id: c.actorId})
  MERGE (r)-[e:CANDIDATE]->(a)
  SET e.score = c.score, e.rule = c.rule, e.rank = i + 1
}
RETURN count(r) AS written`,
);

const DELETE_TEST_MATCH_REVIEWS = cypher(
  'testDeleteMatchReviews',
  `
MATCH (r:MatchReview) WHERE r.id IN $ids
DETACH DELETE r`,
);

/** A review as a test describes it. Candidates are in rank order. */
export interface TestReview {
  readonly seriesId: string;
  readonly recordId: string;
  readonly sourceId: string;
  readonly name: string;
  readonly kind: ActorKind;
  readonly country?: string | null;
  /** The actor the import created for the record. */
  readonly importedActorId: string;
  readonly candidates: readonly { readonly actorId: string; readonly score: number; readonly rule: string }[];
  readonly createdSeq: number;
  readonly createdAt?: string;
  /** A review resolved already (version 2). */
  readonly resolved?: {
    readonly status: 'SAME_AS' | 'DISTINCT';
    readonly seq: number;
    readonly at: string;
    readonly by: string;
    readonly reason: string;
    readonly chosen?: string | null;
  };
}

/**
 * The id CONTRACT-16R gives a review: `review:` and the first 16 hex digits of the SHA-256 of the series,
 * record and imported actor ids, NUL-separated.
 *
 * @example
 * reviewId('ofac-sdn', '36216', 'ofac-sdn-36216'); // 'review:' + 16 hex digits
 */
export function reviewId(seriesId: string, recordId: string, importedActorId: string): string {
  return `review:${createHash('sha256').update(`${seriesId}\u0000${recordId}\u0000${importedActorId}`).digest('hex').slice(0, 16)}`;
}

/**
 * Writes `reviews` (merged on their ids, so writing one twice leaves one) and answers their ids, in order.
 *
 * @example
 * const [id] = await writeTestReviews(graph, [{ seriesId: 'fx', recordId: '1', ... }]);
 */
export async function writeTestReviews(graph: GraphClient, reviews: readonly TestReview[]): Promise<string[]> {
  const rows = reviews.map((r) => ({
    id: reviewId(r.seriesId, r.recordId, r.importedActorId),
    status: r.resolved?.status ?? 'PENDING',
    seriesId: r.seriesId,
    recordId: r.recordId,
    sourceId: r.sourceId,
    name: r.name,
    kind: r.kind,
    country: r.country ?? null,
    importedActorId: r.importedActorId,
    createdSeq: neo4j.int(r.createdSeq),
    createdAt: r.createdAt ?? '2026-12-01T12:00:00.000Z',
    version: neo4j.int(r.resolved ? 2 : 1),
    resolvedSeq: r.resolved ? neo4j.int(r.resolved.seq) : null,
    resolvedAt: r.resolved?.at ?? null,
    resolvedBy: r.resolved?.by ?? null,
    reason: r.resolved?.reason ?? null,
    chosen: r.resolved?.chosen ?? null,
    candidates: r.candidates,
  }));
  const [row] = await graph.write<{ written: number }>(WRITE_TEST_MATCH_REVIEWS, { rows });
  if (row?.written !== rows.length) throw new Error(`wrote ${row?.written ?? 0} of ${rows.length} reviews: an actor is missing`);
  return rows.map((r) => r.id);
}

/** Deletes reviews by id, with their edges. */
export async function deleteTestReviews(graph: GraphClient, ids: readonly string[]): Promise<void> {
  await graph.write(DELETE_TEST_MATCH_REVIEWS, { ids });
}
