/**
 * The graph model: the closed sets of labels, relationship types and enumerations, and the plain models
 * the graph layer returns. Only values of these unions ever reach Cypher as labels or types.
 * docs/model.md explains every item.
 */

/** Kinds of actor; each maps to one Neo4j label beside the common `Actor` label. */
export const ACTOR_KINDS = {
  STATE: 'State',
  GOVERNMENT_BODY: 'GovernmentBody',
  PERSON: 'Person',
  COMPANY: 'Company',
  POLITICAL_PARTY: 'PoliticalParty',
  ARMED_FORCES: 'ArmedForces',
  ETHNIC_GROUP: 'EthnicGroup',
  DIPLOMATIC_MISSION: 'DiplomaticMission',
  ELECTION: 'Election',
  LIST: 'List',
  ENTITY_GROUP: 'EntityGroup',
  MOVEMENT: 'Movement',
} as const;

/** One kind of actor (the GraphQL `ActorKind` enum value). */
export type ActorKind = keyof typeof ACTOR_KINDS;

/** Relationship types between two actors, as stored in Neo4j. */
export const RELATIONSHIP_TYPES = [
  'SANCTIONED',
  'LISTED_ON',
  'ACTED_JOINTLY_WITH',
  'LEADS',
  'HOLDS_ROLE_IN',
  'SPEAKS_FOR',
  'PART_OF',
  'REPRESENTS',
  'OUSTED',
  'SEIZED_POWER_IN',
  'PERSECUTED',
  'ACCUSED',
  'TARGETED',
  'DENOUNCED',
  'CALLED_ON_TO_REVERSE',
  'WON',
  'ALLEGED_FRAUD_IN',
  'DISMISSED_ALLEGATION',
  'HELD_SUMMIT_WITH',
  'HAS_STRAINED_RELATIONS_WITH',
  'LOCATED_IN',
  'NATIONAL_OF',
] as const;

/** One relationship type between actors. */
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/**
 * Types that the seed may not declare directly: the loader derives SANCTIONED edges from sanction records,
 * so that the edge and the Sanction node can never disagree.
 */
export const DERIVED_RELATIONSHIP_TYPES: ReadonlySet<RelationshipType> = new Set(['SANCTIONED']);

/** Relationship types through which an actor acts for, or belongs to, another (used by indirect sanctions). */
export const ACTS_FOR_TYPES = ['PART_OF', 'REPRESENTS', 'SPEAKS_FOR'] as const satisfies readonly RelationshipType[];

/**
 * Relationship types that tie an actor to a country without making it act for the country: located in
 * it, or its national. Sanctions on such actors reach the country (target side of indirect sanctions);
 * what they impose is not the country's (so they are not acting-for types).
 */
export const COUNTRY_LINK_TYPES = ['LOCATED_IN', 'NATIONAL_OF'] as const satisfies readonly RelationshipType[];

/** Types followed from a sanction's target up to the actors it is credited against (indirect sanctions). */
export const TARGET_CHAIN_TYPES = [...ACTS_FOR_TYPES, ...COUNTRY_LINK_TYPES] as const;

/**
 * How a finding list treats the chains crediting one authority with one sanction: every finding, or one
 * per authority and sanction (the GraphQL `FindingDistinct` enum).
 */
export const FINDING_DISTINCTS = ['ALL', 'AUTHORITY_AND_SANCTION'] as const;
/** One finding-distinct mode. */
export type FindingDistinct = (typeof FINDING_DISTINCTS)[number];

/** What a sanction does. */
export const SANCTION_MEASURES = ['ASSET_FREEZE', 'INVESTMENT_BAN', 'TRADE_RESTRICTION', 'TRAVEL_BAN', 'UNSPECIFIED'] as const;
/** One sanction measure. */
export type SanctionMeasure = (typeof SANCTION_MEASURES)[number];

/**
 * How a source supports a claim: it states it (ASSERTED), reports it as an accusation (ALLEGED), or
 * implies it without stating it (INFERRED; traversals leave those out unless asked).
 */
export const CLAIM_STATUSES = ['ASSERTED', 'ALLEGED', 'INFERRED'] as const;
/** One claim status. */
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** How the start of a relationship (or the date of a sanction) is known: dated, only bounded, or not at all. */
export const TIME_BASES = ['DATED', 'BOUNDED', 'UNDATED'] as const;
/** One time basis. */
export type TimeBasis = (typeof TIME_BASES)[number];

/**
 * The time basis of a relationship: DATED when the source dates its start (`date` for an event,
 * `validFrom` for a state), BOUNDED when it gives only `noLaterThan`, UNDATED otherwise.
 *
 * @example
 * timeBasisOf({ date: null, validFrom: null, noLaterThan: { date: '2021-12-10', precision: 'DAY', derivation: '...' } }); // 'BOUNDED'
 */
export function timeBasisOf(r: Pick<RelationshipModel, 'date' | 'validFrom' | 'noLaterThan'>): TimeBasis {
  if (r.date !== null || r.validFrom !== null) return 'DATED';
  return r.noLaterThan !== null ? 'BOUNDED' : 'UNDATED';
}

/**
 * What traversals follow besides what is asserted or alleged and known to hold: INFERRED claims, and (with
 * `asOf`) relationships with no date and no bound.
 */
export interface EdgeFilter {
  readonly includeInferred: boolean;
  readonly includeUndated: boolean;
}

/** The default of every traversal: neither inferred nor undated relationships. */
export const STRICT_EDGES: EdgeFilter = { includeInferred: false, includeUndated: false };

/** The precision of a date: a DAY date is exact; MONTH and YEAR dates are stored as their first day. */
export const DATE_PRECISIONS = ['DAY', 'MONTH', 'YEAR'] as const;
/** One date precision. */
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** A date as the source gives it. */
export interface FuzzyDate {
  /** ISO date (YYYY-MM-DD); the first day of the month or year when less precise. */
  readonly date: string;
  readonly precision: DatePrecision;
  /** How the date was worked out when the source does not state it outright; null when it does. */
  readonly derivation: string | null;
}

/** The codegen mapper name of {@link FuzzyDate}. */
export type FuzzyDateModel = FuzzyDate;

/** An actor as the graph layer returns it. */
export interface ActorModel {
  readonly id: string;
  readonly kind: ActorKind;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly country: string | null;
  readonly description: string | null;
  /** Relationships with other actors, both directions, all types. */
  readonly degree: number;
  /** The record's version and when the graph began to hold it (absent where a reader did not project them). */
  readonly recorded?: RecordedPeriod;
  /** Ids of actors merged into this one (absent where a reader did not project them). */
  readonly mergedIds?: readonly string[];
  /** Absent on a whole actor; see {@link ActorRecord} for the lean ones. */
  readonly lean?: undefined;
}

/** An actor a traversal projected at `summary` (see {@link TraversalDetail}): id, kind, name, country. */
export interface ActorSummary extends Pick<ActorModel, 'id' | 'kind' | 'name' | 'country'> {
  readonly lean: 'summary';
}

/** An actor a traversal projected at `ref`: its id alone. */
export interface ActorRef {
  readonly id: string;
  readonly lean: 'ref';
}

/** An actor as a traversal or a loader may hold it: whole, or lean with only what its level projects. */
export type ActorRecord = ActorModel | ActorSummary | ActorRef;

/** What supports a relationship: a source, its sentences and our one-line reading of them. */
export interface EvidenceModel {
  readonly sourceId: string;
  readonly sentences: readonly number[];
  readonly claim: string;
  readonly confidence: number;
  readonly status: ClaimStatus;
  /** For an INFERRED claim: what it is inferred from, in our words; null otherwise. */
  readonly inferredFrom: string | null;
  /** Set when the cited sentences name none of the claim's actors: why a reviewer should re-read it. */
  readonly needsReview: string | null;
  /** For a LIST or DATASET source: the ids of the records that state it (absent for an article). */
  readonly records?: readonly string[];
}

/** A relationship between two actors, seen from one of them or on its own. */
export interface RelationshipModel {
  readonly id: string;
  readonly type: RelationshipType;
  readonly fromId: string;
  readonly toId: string;
  readonly role: string | null;
  readonly topics: readonly string[];
  readonly sanctionId: string | null;
  readonly date: FuzzyDate | null;
  readonly validFrom: FuzzyDate | null;
  readonly validTo: FuzzyDate | null;
  /**
   * When the source dates neither `date` nor `validFrom`: the day by which the event had happened or on
   * which the state held (at the latest, the publication of the source reporting it).
   */
  readonly noLaterThan: FuzzyDate | null;
  readonly evidence: EvidenceModel;
  /** The record's version and the period in which the graph held it (absent on records not read from the graph). */
  readonly recorded?: RecordedPeriod;
  /**
   * The ends as the graph held them at the instant of a historical read (`recordedAsOf`); absent on current
   * reads, whose ends are looked up (a retracted or merged end would not be found then).
   */
  readonly ends?: { readonly from: ActorModel; readonly to: ActorModel };
  /** Absent on a whole relationship; see {@link RelationshipRecord} for the lean ones. */
  readonly lean?: undefined;
}

/** A relationship a traversal projected at `ref`: its id, type and ends. */
export interface RelationshipLean extends Pick<RelationshipModel, 'id' | 'type' | 'fromId' | 'toId'> {
  readonly lean: 'ref';
}

/** A relationship as a traversal may hold it: whole, or lean. */
export type RelationshipRecord = RelationshipModel | RelationshipLean;

/** A sanction: who imposed it on whom, what it does, under which list, when and why. */
export interface SanctionModel {
  readonly id: string;
  readonly measure: SanctionMeasure;
  readonly program: string | null;
  readonly listId: string | null;
  readonly date: FuzzyDate;
  readonly reason: string | null;
  readonly reasonStatus: ClaimStatus | null;
  readonly note: string | null;
  readonly joint: boolean;
  /** DATED when `date` is when it was imposed; BOUNDED when `date` is only the latest it can have been. */
  readonly timeBasis: Exclude<TimeBasis, 'UNDATED'>;
  readonly authorityIds: readonly string[];
  readonly targetIds: readonly string[];
  /** The authorities and targets with the evidence for each one's part. */
  readonly parties: readonly SanctionPartyModel[];
  readonly evidence: EvidenceModel;
  /** The sanction's end (a delisting) with its evidence; null (or absent, for writers of none) while it applies. */
  readonly delisting?: DelistingModel | null;
  /** The record's version and the period in which the graph held it (absent on records not read from the graph). */
  readonly recorded?: RecordedPeriod;
  /** Absent on a whole sanction; see {@link SanctionRecord} for the lean one. */
  readonly lean?: undefined;
}

/**
 * The end of a sanction: the first day it no longer applies (exclusive, like `validTo`), stored on the
 * Sanction node as `delistedOn` (with precision and derivation) and the `delisting*` evidence properties.
 */
export interface DelistingModel {
  readonly date: FuzzyDate;
  readonly evidence: EvidenceModel;
}

/** A sanction a traversal projected at `ref`: its id alone. */
export interface SanctionRef {
  readonly id: string;
  readonly lean: 'ref';
}

/** A sanction as a traversal or a loader may hold it: whole, or its id alone. */
export type SanctionRecord = SanctionModel | SanctionRef;

/** An authority or a target of a sanction, with the evidence for its part. */
export interface SanctionPartyModel {
  readonly actorId: string;
  readonly role: 'AUTHORITY' | 'TARGET';
  readonly sentences: readonly number[];
  /** ASSERTED when the sentences name the actor in this part; INFERRED when the part is read from them. */
  readonly status: Extract<ClaimStatus, 'ASSERTED' | 'INFERRED'>;
  readonly confidence: number;
  readonly inferredFrom: string | null;
}

/** How much of an actor a traversal projects: its id, or also kind, name and country, or everything. */
export type ActorLevel = 'ref' | 'summary' | 'full';

/**
 * What the traversal statements (paths, neighbourhoods, sanction findings) project, chosen from the
 * GraphQL selection. The levels travel as statement parameters (`$actorLevel`, ...) read by `CASE`
 * expressions, which Neo4j evaluates lazily, so what nobody asked for is neither read nor shipped (a
 * degree is a count per actor; evidence strings dominate the bytes of a relationship). Records projected
 * below `full` come back marked `lean` and are loaded whole if a field needs more.
 */
export interface TraversalDetail {
  readonly actors: ActorLevel;
  /**
   * `ref`: id, type and end ids; `full`: every property; `none`: left out where a result can do without
   * them (a sanction finding's chains when neither is selected).
   */
  readonly relationships: 'none' | 'ref' | 'full';
  /** `ref`: the id; `full`: every property with authorities, targets and list. */
  readonly sanctions: 'ref' | 'full';
}

/** Everything projected: what a caller without a selection set gets. */
export const FULL_DETAIL: TraversalDetail = { actors: 'full', relationships: 'full', sanctions: 'full' };

/** Only ids (and relationship types and ends): the least a traversal returns. */
export const REF_DETAIL: TraversalDetail = { actors: 'ref', relationships: 'ref', sanctions: 'ref' };

/** Why the graph stopped holding a version of a record (docs/curation.md). */
export const END_REASONS = ['CORRECTED', 'RETRACTED', 'MERGED'] as const;
/** One end reason. */
export type EndReason = (typeof END_REASONS)[number];

/**
 * When the graph held one version of a record (its recorded period, beside the period in which it was
 * true in the world): from the change that wrote it until the change that ended it (open while current).
 * Records written before the audit trail existed have no `from` and count as recorded since the beginning.
 */
export interface RecordedPeriod {
  /** 1 for the first version; each correction adds one. */
  readonly version: number;
  /** ISO date-time of the change that wrote this version; null for records older than the audit trail. */
  readonly from: string | null;
  /** ISO date-time of the change that ended it; null while it is current. */
  readonly to: string | null;
  /** The sequence number of the change that wrote it; null for records older than the audit trail. */
  readonly changeSeq: number | null;
  /** Why it ended; null while current. */
  readonly endReason: EndReason | null;
}

/** One version of an actor's properties, with the period in which the graph held it. */
export interface ActorVersionModel extends Pick<ActorModel, 'id' | 'kind' | 'name' | 'aliases' | 'country' | 'description'> {
  readonly recorded: RecordedPeriod;
}

/** What a mutation answers: the record written (or found) and the change that wrote it. */
export interface WritePayloadModel<R> {
  readonly record: R;
  /** The sequence number of the change that wrote `record` (an earlier change when nothing changed). */
  readonly seq: number;
  /** False when the graph already held exactly this (nothing was written). */
  readonly changed: boolean;
  /** True when this is the stored answer to an earlier request with the same idempotency key. */
  readonly replayed: boolean;
}
/** The codegen mapper of `SourcePayload`. */
export type SourcePayloadModel = WritePayloadModel<SourceModel>;
/** The codegen mapper of `ActorPayload`. */
export type ActorPayloadModel = WritePayloadModel<ActorModel>;
/** The codegen mapper of `RelationshipPayload`. */
export type RelationshipPayloadModel = WritePayloadModel<RelationshipModel>;
/** The codegen mapper of `SanctionPayload`. */
export type SanctionPayloadModel = WritePayloadModel<SanctionModel>;

/** A source text and its metadata. */
export interface SourceModel {
  readonly id: string;
  readonly title: string;
  readonly publisher: string | null;
  readonly publishedOn: FuzzyDate | null;
  readonly contentHash: string;
  readonly sentences: readonly string[];
  /** What the source is (absent: an ARTICLE, as every source before imports). */
  readonly kind?: 'ARTICLE' | 'LIST' | 'DATASET';
  /** For an imported LIST or DATASET: its series and edition (docs/import-export.md). */
  readonly seriesId?: string | null;
  readonly edition?: string | null;
  /** For a LIST or DATASET added by hand: the record ids it holds (an import's are its SourceRecord nodes). */
  readonly recordIds?: readonly string[];
  /** The version of the source and when the graph began to hold it (absent where a reader did not project it). */
  readonly recorded?: RecordedPeriod;
}

/** Which way a relationship points, seen from one actor. */
export type Direction = 'OUTGOING' | 'INCOMING' | 'BOTH';

export * from './results.js';
