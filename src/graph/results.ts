/** What the graph layer's reads return beyond single records: pages, hits, findings, paths, neighbourhoods. */
import type { ActorAggregateModel } from './connection-model.js';
import type { ActorModel, ActorRecord, ClaimStatus, Direction, RelationshipRecord, SanctionRecord } from './model.js';

/** Cursor-page metadata. */
export interface PageInfoModel {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
}

/** A relationship seen from one actor, with the actor at the other end. */
export interface RelationshipEdgeModel {
  readonly cursor: string;
  readonly node: RelationshipRecord;
  readonly direction: Exclude<Direction, 'BOTH'>;
  readonly other: ActorRecord;
}

/** A page of one actor's relationships. */
export interface RelationshipConnectionModel {
  readonly edges: readonly RelationshipEdgeModel[];
  readonly pageInfo: PageInfoModel;
  /** Null when the client did not ask for it (counting is skipped then). */
  readonly totalCount: number | null;
}

/** An actor in a page. */
export interface ActorEdgeModel {
  readonly cursor: string;
  readonly node: ActorModel;
}

/**
 * A page of actors. `totalCount` is a function so that the count query runs only when a client asks
 * for it.
 */
export interface ActorConnectionModel {
  readonly edges: readonly ActorEdgeModel[];
  readonly pageInfo: PageInfoModel;
  readonly totalCount: () => Promise<number>;
  /** Counts by kind and country (connection-model.ts), computed when called. */
  readonly aggregate: () => Promise<ActorAggregateModel>;
}

/** A full-text search hit. */
export interface SearchHitModel {
  readonly actor: ActorModel;
  readonly score: number;
}

/** One sanction reaching an actor, with its justifying chains. */
export interface SanctionFindingModel {
  readonly sanctionId: string;
  readonly authorityId: string;
  readonly imposedById: string;
  readonly targetId: string;
  readonly targetedId: string;
  /** The sanction and the four actors, as the statement projected them (lean below `full`). */
  readonly sanction: SanctionRecord;
  readonly authority: ActorRecord;
  readonly imposedBy: ActorRecord;
  readonly target: ActorRecord;
  readonly targeted: ActorRecord;
  /** True when either chain has a hop (known even when the chains were left out). */
  readonly indirect: boolean;
  /** How the source supports crediting `imposedBy` with the sanction on `targeted`. */
  readonly status: Extract<ClaimStatus, 'ASSERTED' | 'INFERRED'>;
  /** For an INFERRED finding: what the pairing is inferred from. */
  readonly inferredFrom: string | null;
  readonly authorityChain: readonly RelationshipRecord[];
  readonly targetChain: readonly RelationshipRecord[];
}

/** Sentences of one source naming an actor. */
export interface MentionModel {
  readonly sourceId: string;
  readonly sentences: readonly number[];
}

/** A hop of a path. */
export interface PathHopModel {
  readonly relationship: RelationshipRecord;
  readonly direction: Exclude<Direction, 'BOTH'>;
}

/** A path between two actors. */
export interface PathModel {
  readonly actors: readonly ActorRecord[];
  readonly hops: readonly PathHopModel[];
}

/** A subgraph around an actor. */
export interface NeighbourhoodModel {
  readonly nodes: readonly ActorRecord[];
  readonly edges: readonly RelationshipRecord[];
  readonly truncated: boolean;
}
