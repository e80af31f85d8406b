import type { QueryMatchCandidatesArgs } from '../../__generated__/schema-types.js';
import { AppError } from '../../errors/app-error.js';
import { ErrorCode } from '../../errors/error-code.js';
import type { GraphRepository, MatchReviewModel, MatchReviewPosition, ReviewStatus } from '../../graph/graph-repository.js';
import type { ChangeTransaction, CurationRepository } from '../../graph/repositories/curation-repository.js';
import type { MatchReviewConnectionModel } from '../../graph/repositories/match-review-repository.js';
import { pageOf } from '../connection.js';
import { mergeActorsIn, mutate, type WriteOptions, type WriteResult } from '../curation/curation-service.js';
import { checkText, invalid, unknownRecord } from '../curation/curation-validation.js';
import { type CursorScope, decodeCursor, encodeCursor } from '../cursor.js';
import { inRange, LIMITS } from '../validation.js';

/**
 * The match review queue (issue 16, CONTRACT-16R): reading it, and resolving a review as one curated,
 * audited change. The import write step creates the reviews (src/services/import/); docs/import-export.md
 * ("Review queue") says what a decision does.
 */

/** Every status, in the schema's order (a filter is normalised to this order). */
const STATUSES: readonly ReviewStatus[] = ['PENDING', 'SAME_AS', 'DISTINCT'];

/** `resolveMatch` input. */
export interface ResolveMatchInput {
  readonly review: string;
  readonly decision: 'SAME_AS' | 'DISTINCT';
  readonly candidate?: string | null;
  readonly expectedVersion: number;
  readonly reason: string;
  readonly idempotencyKey?: string | null;
}

/** A review as `mutate` takes a record: reviews have a version of their own, no recorded period. */
type ReviewRecord = MatchReviewModel & { readonly recorded?: undefined };

const isPosition = (value: unknown): value is [number, string] =>
  Array.isArray(value) && value.length === 2 && Number.isInteger(value[0]) && typeof value[1] === 'string';

/**
 * One page of the review queue as a connection, oldest first (by the change that created each review,
 * then id), with the total of the filter: one statement, whatever the page holds.
 *
 * @throws AppError BAD_USER_INPUT for a page size out of range, an empty status list or a cursor of another page.
 * @example
 * const page = await matchReviewPage(repo, { status: ['PENDING'], first: 20 });
 */
export async function matchReviewPage(repo: GraphRepository, args: QueryMatchCandidatesArgs): Promise<MatchReviewConnectionModel> {
  const first = inRange('first', args.first ?? 20, LIMITS.pageSize);
  const asked: readonly ReviewStatus[] = args.status ?? ['PENDING'];
  if (asked.length === 0) throw invalid('status', 'at least one status (omit it for PENDING)');
  const statuses = STATUSES.filter((s) => asked.includes(s));
  const sourceId = args.source ?? null;
  const scope: CursorScope = { query: 'Query.matchCandidates', order: 'CREATED_SEQ ASC, ID ASC', filter: { statuses, sourceId } };
  let after: MatchReviewPosition | null = null;
  if (args.after) {
    const [createdSeq, id] = decodeCursor('after', args.after, scope, isPosition);
    after = { createdSeq, id };
  }
  const { total, reviews } = await repo.reviews.page({
    statuses,
    sourceId,
    after,
    limit: first + 1,
    candidates: LIMITS.reviewCandidates.max,
  });
  return {
    ...pageOf(reviews, first, after !== null, (r) => ({ cursor: encodeCursor(scope, [r.createdSeq, r.id]), node: r })),
    totalCount: total,
  };
}

/** CONFLICT with the review's current version: it changed since the caller read it. */
function conflict(review: MatchReviewModel, message: string): AppError {
  return new AppError(ErrorCode.CONFLICT, message, { field: 'input.expectedVersion', currentVersion: review.version });
}

/** The pending review a decision is about, checked against the caller's version. */
async function pendingReview(tx: ChangeTransaction, input: ResolveMatchInput): Promise<MatchReviewModel> {
  const review = (await tx.findMatchReviews([input.review], LIMITS.reviewCandidates.max)).get(input.review);
  if (!review) throw unknownRecord('input.review', input.review, 'match review');
  if (review.status !== 'PENDING') {
    throw conflict(review, `review '${review.id}' was resolved already (${review.status}, version ${review.version}); read it again`);
  }
  if (review.version !== input.expectedVersion) {
    throw conflict(review, `expectedVersion ${input.expectedVersion} is not the current version ${review.version}; read the review again`);
  }
  return review;
}

/**
 * Checks a SAME_AS candidate against the review: one of its candidates, and live. An id that names no
 * actor at all is NOT_FOUND; a real actor that is not among the candidates is BAD_USER_INPUT.
 */
async function checkCandidate(tx: ChangeTransaction, review: MatchReviewModel, candidate: string): Promise<void> {
  const listed = review.candidates.find((c) => c.actorId === candidate);
  if (!listed) {
    const context = await tx.context([candidate], []);
    const known = context.actors.has(candidate) || context.merged.has(candidate) || context.retracted.has(candidate);
    if (!known) throw unknownRecord('input.candidate', candidate, 'actor');
    const ids = review.candidates.map((c) => `'${c.actorId}'`).join(', ');
    throw invalid('input.candidate', `one of the review's candidates (${ids}); '${candidate}' is not among them`);
  }
  if (listed.actor === null) throw invalid('input.candidate', `a live actor; candidate '${candidate}' was retracted`);
}

/**
 * Resolves a pending match review in one transaction and one audited change (mutation `resolveMatch`):
 * SAME_AS merges the imported actor into the chosen candidate through the merge of `mergeActors` (its
 * relationships and sanction parts move, its id keeps resolving, the review follows it), even though
 * `mergeActors` itself needs ADMIN: the decision an editor may take is this one, on this review's
 * candidates only. DISTINCT records the decision and keeps both. Writers are ordered on the change counter,
 * so of two concurrent resolutions one wins and the other finds the review resolved (CONFLICT).
 *
 * @throws AppError NOT_FOUND naming `input.review` or `input.candidate`; BAD_USER_INPUT naming
 * `input.candidate` (missing for SAME_AS, given for DISTINCT, not among the review's) or `input.reason`;
 * CONFLICT with `currentVersion` for a stale `expectedVersion` or a review resolved already.
 * @example
 * await resolveMatch(repo.curation, { principal, idempotencyKey: null }, { review: 'review:0123456789abcdef', decision: 'DISTINCT', expectedVersion: 1, reason: 'another company' });
 */
export async function resolveMatch(
  repo: CurationRepository,
  options: WriteOptions,
  input: ResolveMatchInput,
): Promise<WriteResult<MatchReviewModel>> {
  checkText('input.reason', input.reason, 2000);
  const candidate = input.candidate ?? null;
  if (input.decision === 'SAME_AS' && candidate === null)
    throw invalid('input.candidate', 'the candidate the imported actor is, with SAME_AS');
  if (input.decision === 'DISTINCT' && candidate !== null)
    throw invalid('input.candidate', 'no candidate with DISTINCT (the imported actor is none of them)');
  const { idempotencyKey: _key, ...args } = input;
  return mutate<ReviewRecord>(repo, options, 'resolveMatch', args, async (tx) => {
    const review = await pendingReview(tx, input);
    const imported = review.importedActor;
    let merge: Awaited<ReturnType<typeof mergeActorsIn>> | null = null;
    if (candidate !== null) {
      await checkCandidate(tx, review, candidate);
      if (imported === null)
        throw conflict(review, `the imported actor '${review.importedActorId}' was retracted; it can only be DISTINCT`);
    } else if (imported !== null && review.candidates.some((c) => c.actorId === imported.id)) {
      throw invalid('input.decision', `SAME_AS: the imported actor was merged into candidate '${imported.id}' already`);
    }
    const seq = tx.nextSeq();
    // The decision is recorded first: the merge then moves the review's REVIEWS edge to the actor kept.
    await tx.resolveMatchReviews([
      {
        id: review.id,
        version: review.version,
        status: input.decision,
        seq,
        by: options.principal.name,
        reason: input.reason,
        chosen: candidate,
      },
    ]);
    // An admin's merge may have made the imported actor the candidate already: then nothing is left to move.
    if (candidate !== null && imported !== null && imported.id !== candidate) {
      merge = await mergeActorsIn(tx, { keep: candidate, merge: imported.id }, seq, { keep: 'input.candidate', merge: 'input.review' });
    }
    const after = (await tx.findMatchReviews([review.id], LIMITS.reviewCandidates.max)).get(review.id);
    if (!after) throw new Error(`review ${review.id} vanished while it was resolved`);
    return {
      record: after,
      change: {
        ids: [review.id, ...new Set([review.importedActorId, ...(candidate === null ? [] : [candidate]), ...(merge?.change.ids ?? [])])],
        before: { review, ...(merge ? { merge: merge.change.before } : {}) },
        after: { review: after, ...(merge ? { merge: merge.change.after } : {}) },
        reason: input.reason,
      },
    };
  });
}
