/**
 * The models of connections and aggregates: pages of records with counts computed in the database. A
 * count or aggregate is a function, so its statement runs only when a client selects it, and once per
 * connection however often it is selected.
 */
import type {
  ActorKind,
  ClaimStatus,
  PageInfoModel,
  RelationshipModel,
  RelationshipType,
  SanctionFindingModel,
  SanctionMeasure,
  SanctionModel,
  SearchHitModel,
} from './model.js';

/** A record in a page, with its cursor. */
export interface EdgeModel<N> {
  readonly cursor: string;
  readonly node: N;
}

/** A page of records; `totalCount` counts every page, in the database, when called. */
export interface ConnectionModel<N> {
  readonly edges: readonly EdgeModel<N>[];
  readonly pageInfo: PageInfoModel;
  readonly totalCount: () => Promise<number>;
}

/** Counts of the relationships a filter matches. */
export interface RelationshipAggregateModel {
  readonly count: number;
  readonly byType: readonly { type: RelationshipType; count: number }[];
  readonly byStatus: readonly { status: ClaimStatus; count: number }[];
  readonly byTypeAndStatus: readonly { type: RelationshipType; status: ClaimStatus; count: number }[];
}

/** A graph-wide page of relationships. */
export interface RelationshipListConnectionModel extends ConnectionModel<RelationshipModel> {
  readonly aggregate: () => Promise<RelationshipAggregateModel>;
}

/** How many sanctions an actor is an authority of, with one status of its part. */
export interface SanctionAuthorityCountModel {
  readonly authorityId: string;
  readonly status: ClaimStatus;
  readonly count: number;
}

/** Counts of the sanctions a filter matches. */
export interface SanctionAggregateModel {
  readonly count: number;
  readonly byMeasure: readonly { measure: SanctionMeasure; count: number }[];
  readonly byAuthority: readonly SanctionAuthorityCountModel[];
  readonly byTargetCountry: readonly { country: string; count: number }[];
  readonly byMonth: readonly { month: string; count: number }[];
}

/** A page of sanctions. */
export interface SanctionConnectionModel extends ConnectionModel<SanctionModel> {
  readonly aggregate: () => Promise<SanctionAggregateModel>;
}

/** A page of sanction findings. */
export type SanctionFindingConnectionModel = ConnectionModel<SanctionFindingModel>;

/** A page of search hits. */
export type SearchHitConnectionModel = ConnectionModel<SearchHitModel>;

/** Counts of the actors a filter matches. */
export interface ActorAggregateModel {
  readonly count: number;
  readonly byKind: readonly { kind: ActorKind; count: number }[];
  readonly byCountry: readonly { country: string | null; count: number }[];
  readonly byKindAndCountry: readonly { kind: ActorKind; country: string | null; count: number }[];
}

/** Runs `load` once, on first call, and hands every caller the same answer. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let answer: Promise<T> | undefined;
  return () => (answer ??= load());
}
