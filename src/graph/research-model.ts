/**
 * The plain models of the world-time research questions (issue 20): alignment of listings, world events
 * (changes between two dates, timelines) and disputes between claims. docs/model.md explains each.
 */
import type { ConnectionModel } from './connection-model.js';
import type {
  ActorRecord,
  DelistingModel,
  EvidenceModel,
  FuzzyDate,
  RelationshipModel,
  RelationshipType,
  SanctionModel,
  TimeBasis,
} from './model.js';
import type { RelationshipRef } from './repositories/relationship-repository.js';

export type { DelistingModel };

/** How far one listing came behind the first one of the same target (see docs/model.md, "Lag"). */
export interface LagModel {
  readonly days: number | null;
  readonly minDays: number | null;
  readonly maxDays: number | null;
  readonly reason: string | null;
}

/** One authority's first listing of a target, as the alignment statement returns it. */
export interface ListingRow {
  readonly authorityId: string;
  readonly sanction: SanctionModel;
  /** How the source supports this authority's part. */
  readonly status: 'ASSERTED' | 'INFERRED';
}

/** One target with the first listing of each authority, earliest first. */
export interface AlignmentRow {
  readonly targetId: string;
  readonly listings: readonly ListingRow[];
}

/** An authority's first listing of a target with its lag behind the first. */
export interface AlignmentListingModel {
  readonly authorityId: string;
  readonly sanction: SanctionModel;
  readonly listed: FuzzyDate;
  readonly timeBasis: Exclude<TimeBasis, 'UNDATED'>;
  readonly delisted: DelistingModel | null;
  readonly lag: LagModel;
  readonly first: boolean;
  readonly joint: boolean;
  readonly sameActionAsFirst: boolean;
  readonly status: 'ASSERTED' | 'INFERRED';
  readonly evidence: EvidenceModel;
}

/** Who listed one target, in order. */
export interface AlignmentModel {
  readonly targetId: string;
  readonly firstListed: FuzzyDate;
  readonly listings: readonly AlignmentListingModel[];
}

/** One pair of first listings of a target: the leader's and the follower's, as the followers statement returns them. */
export interface FollowedListingRow {
  readonly leaderId: string;
  readonly targetId: string;
  readonly sameSanction: boolean;
  readonly joint: boolean;
  readonly leader: FuzzyDate;
  readonly leaderBasis: Exclude<TimeBasis, 'UNDATED'>;
  readonly follower: FuzzyDate;
  readonly followerBasis: Exclude<TimeBasis, 'UNDATED'>;
}

/** An authority followed, with counts and the median lag. */
export interface FollowingModel {
  readonly leaderId: string;
  readonly targetCount: number;
  readonly sameDayCount: number;
  readonly jointCount: number;
  readonly exactCount: number;
  readonly medianLagDays: number | null;
}

/** What a world event is (the GraphQL `WorldEventKind`). */
export const WORLD_EVENT_KINDS = ['HAPPENED', 'BEGAN', 'ENDED', 'KNOWN_BY', 'SANCTION_IMPOSED', 'SANCTION_ENDED'] as const;
/** One kind of world event. */
export type WorldEventKind = (typeof WORLD_EVENT_KINDS)[number];

/** A dated event in world time: a relationship or sanction beginning, ending or happening. */
export interface WorldEventModel {
  readonly kind: WorldEventKind;
  readonly on: FuzzyDate;
  /** The stored property the date is: date, validFrom, validTo, noLaterThan or delisting. */
  readonly dateField: string;
  readonly relationship: RelationshipModel | null;
  readonly sanction: SanctionModel | null;
  readonly evidence: EvidenceModel;
}

/** Events of one kind and relationship type in a window. */
export interface WorldEventCountModel {
  readonly kind: WorldEventKind;
  readonly relationshipType: RelationshipType | null;
  readonly count: number;
}

/** A page of world-time events with counts over every page, each computed only when selected. */
export interface WorldEventConnectionModel extends ConnectionModel<WorldEventModel> {
  readonly countsByType: () => Promise<readonly WorldEventCountModel[]>;
}

/** An actor's part in a timeline event. */
export type TimelineRole = 'FROM' | 'TO' | 'AUTHORITY' | 'TARGET';

/** One event of an actor's timeline. */
export interface TimelineEntryModel {
  readonly event: WorldEventModel;
  readonly role: TimelineRole;
  /** The other end of a relationship; null for sanctions. */
  readonly other: ActorRecord | null;
}

/** How one claim disputes another (the GraphQL `DisputeKind`). */
export const DISPUTE_KINDS = ['DISMISSAL', 'DATE_CONFLICT', 'END_CONFLICT', 'RETRACTION', 'CONTRADICTION'] as const;
/** One dispute kind. */
export type DisputeKind = (typeof DISPUTE_KINDS)[number];

/** A dispute between two claims, as the graph layer returns it (both claims whole). */
export interface DisputeModel {
  readonly id: string;
  readonly kind: DisputeKind;
  readonly disputed: RelationshipModel;
  readonly disputing: RelationshipModel;
  readonly evidence: EvidenceModel;
}

/** A dispute ready to write: the two claims by reference, and its evidence. */
export interface SeedDispute {
  readonly id: string;
  readonly kind: DisputeKind;
  readonly disputed: RelationshipRef;
  readonly disputing: RelationshipRef;
  readonly evidence: Omit<EvidenceModel, 'inferredFrom' | 'needsReview'> & { readonly inferredFrom: string | null };
}
