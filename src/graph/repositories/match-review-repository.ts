import type { EdgeModel } from '../connection-model.js';
import { MATCH_REVIEW_PAGE } from '../cypher/review-cypher.js';
import type { GraphClient, RoundTripCounter } from '../graph-client.js';
import { type Row, toActor } from '../mappers.js';
import type { ActorKind, ActorModel, PageInfoModel, WritePayloadModel } from '../model.js';
import { toIsoDateTime } from './api-key-repository.js';
import { int } from './shared.js';

/** Where a match review stands (CONTRACT-16R `status`). */
export type ReviewStatus = 'PENDING' | 'SAME_AS' | 'DISTINCT';

/** The entity of an imported record as the importer read it. */
export interface ImportedEntityModel {
  readonly name: string;
  readonly kind: ActorKind;
  readonly country: string | null;
  readonly seriesId: string;
  readonly recordId: string;
  readonly sourceId: string;
}

/** A candidate of a review: its rank, score and rule, and its actor (null when no longer live). */
export interface MatchCandidateModel {
  readonly rank: number;
  readonly score: number;
  readonly rule: string;
  readonly actorId: string;
  readonly actor: ActorModel | null;
}

/** A match review (CONTRACT-16R) as the API shows it; the codegen mapper of `MatchReview`. */
export interface MatchReviewModel {
  readonly id: string;
  readonly status: ReviewStatus;
  readonly imported: ImportedEntityModel;
  /** The id of the actor the import created for the record, kept after a merge. */
  readonly importedActorId: string;
  /** The live actor the review's REVIEWS edge ends at (the candidate after SAME_AS); null when retracted. */
  readonly importedActor: ActorModel | null;
  /** In rank order, then by actor id. */
  readonly candidates: readonly MatchCandidateModel[];
  /** The chosen candidate's id (SAME_AS only). */
  readonly chosenId: string | null;
  readonly createdSeq: number;
  readonly createdAt: string;
  readonly resolvedSeq: number | null;
  readonly resolvedAt: string | null;
  readonly resolvedBy: string | null;
  readonly reason: string | null;
  readonly version: number;
}

/** A review in a page of the queue; the codegen mapper of `MatchReviewEdge`. */
export type MatchReviewEdgeModel = EdgeModel<MatchReviewModel>;

/** A page of the queue with its total; the codegen mapper of `MatchReviewConnection`. */
export interface MatchReviewConnectionModel {
  readonly edges: readonly MatchReviewEdgeModel[];
  readonly pageInfo: PageInfoModel;
  readonly totalCount: number;
}

/** What `resolveMatch` answers; the codegen mapper of `ResolveMatchPayload`. */
export type ResolveMatchPayloadModel = WritePayloadModel<MatchReviewModel>;

/** Where a page of the queue resumes: the last review's creating change and id. */
export interface MatchReviewPosition {
  readonly createdSeq: number;
  readonly id: string;
}

/** What {@link MatchReviewRepository.page} reads. */
export interface MatchReviewQuery {
  readonly statuses: readonly ReviewStatus[];
  readonly sourceId: string | null;
  readonly after: MatchReviewPosition | null;
  /** Rows to read: one more than the page tells whether more follow. */
  readonly limit: number;
  /** Candidates to read per review. */
  readonly candidates: number;
}

/**
 * Maps a projected review (review-cypher.ts `reviewProjection`).
 *
 * @example
 * const review = toMatchReview(record.get('review'));
 */
export function toMatchReview(row: Row): MatchReviewModel {
  const text = (key: string): string | null => (typeof row[key] === 'string' ? row[key] : null);
  const reviewed = row['reviewed'] as Row | null;
  const candidates = (row['candidates'] as Row[] | null) ?? [];
  return {
    id: row['id'] as string,
    status: row['status'] as ReviewStatus,
    imported: {
      name: row['name'] as string,
      kind: row['kind'] as ActorKind,
      country: text('country'),
      seriesId: row['seriesId'] as string,
      recordId: row['recordId'] as string,
      sourceId: row['sourceId'] as string,
    },
    importedActorId: text('mergedId') ?? (row['reviewedId'] as string),
    importedActor: reviewed ? toActor(reviewed) : null,
    candidates: candidates.map((c) => ({
      rank: c['rank'] as number,
      score: c['score'] as number,
      rule: c['rule'] as string,
      actorId: c['actorId'] as string,
      actor: c['actor'] ? toActor(c['actor'] as Row) : null,
    })),
    chosenId: text('chosen'),
    createdSeq: row['createdSeq'] as number,
    createdAt: toIsoDateTime(row['createdAt']) as string,
    resolvedSeq: (row['resolvedSeq'] as number | null) ?? null,
    resolvedAt: toIsoDateTime(row['resolvedAt']),
    resolvedBy: text('resolvedBy'),
    reason: text('reason'),
    version: row['version'] as number,
  };
}

/** Reads of the match review queue (issue 16). Each method is one round trip. */
export class MatchReviewRepository {
  constructor(
    private readonly graph: GraphClient,
    private readonly counter?: RoundTripCounter,
  ) {}

  /**
   * One page of the queue in (createdSeq, id) order after `after`, at most `limit` reviews, and how many
   * match the filter in all.
   *
   * @example
   * const { total, reviews } = await repo.reviews.page({ statuses: ['PENDING'], sourceId: null, after: null, limit: 21, candidates: 20 });
   */
  async page(query: MatchReviewQuery): Promise<{ total: number; reviews: MatchReviewModel[] }> {
    const [row] = await this.graph.read<{ total: number; reviews: Row[] }>(
      MATCH_REVIEW_PAGE,
      {
        statuses: [...query.statuses],
        source: query.sourceId,
        afterSeq: query.after?.createdSeq ?? null,
        afterId: query.after?.id ?? null,
        limit: int(query.limit),
        candidates: int(query.candidates),
      },
      this.counter,
    );
    return { total: row?.total ?? 0, reviews: (row?.reviews ?? []).map(toMatchReview) };
  }
}
