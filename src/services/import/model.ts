/**
 * The import model: what every importer (FtM, OFAC SDN, CSV) produces, as a stream, before anything is
 * matched, planned or written. An importer reads one file and yields, in order: one `source` item, one
 * `record` item per source record it could read (or a `rejection` naming why it could not), and one `end`
 * item with its counts. Nothing here touches the graph; docs/import-export.md (## Import) describes it.
 */
import type { ActorKind, RelationshipType, SanctionMeasure } from '../../graph/model.js';

/** What a source is: an article cited by sentence, a list cited by record id, a data set cited by entity id. */
export const SOURCE_KINDS = ['ARTICLE', 'LIST', 'DATASET'] as const;
/** One kind of source. */
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** The file formats an importer reads (the `--format` of `npm run import`). */
export const IMPORT_FORMATS = ['ftm', 'ofac-sdn', 'csv'] as const;
/** One import format. */
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * The source a file is: for a LIST, one edition of a series (OFAC's SDN list of 10 December 2021 is the
 * edition `2021-12-10` of the series `ofac-sdn`); editions of one series are planned against each other
 * (editions.ts).
 */
export interface ImportSource {
  readonly kind: SourceKind;
  /** The series: the same for every edition of one list or data set (`--source-id`, or the format's default). */
  readonly seriesId: string;
  /** The id the edition's Source node gets: `<seriesId>@<edition>`, or the series id when undated. */
  readonly id: string;
  readonly title: string;
  readonly publisher: string | null;
  /** ISO date (YYYY-MM-DD) of publication, when the file or the mapping says it. */
  readonly publishedOn: string | null;
  /** The edition's label (its publication date for the SDN list); null when the file has no editions. */
  readonly edition: string | null;
  /** `sha256:<hex>` of the whole file: record ids are only meaningful for this exact file. */
  readonly fileHash: string;
  readonly format: ImportFormat;
  /** How many records the file says it holds (the SDN list's Record_Count); null when it does not say. */
  readonly declaredRecords: number | null;
}

/** An identifier of an actor as the source gives it (a passport number, a registration number, an LEI). */
export interface Identifier {
  /** What kind of identifier: the FtM property name, the SDN `idType`, or the mapping's key. */
  readonly scheme: string;
  readonly value: string;
  /** ISO 3166-1 alpha-2, upper case, when the source ties the identifier to a country. */
  readonly country: string | null;
}

/** An actor as a source record describes it, before matching. */
export interface ImportedActor {
  /** The record id it came from (FtM entity id, `sdn:<uid>`, `<entity>:<key>` of a CSV mapping). */
  readonly recordId: string;
  readonly kind: ActorKind;
  readonly name: string;
  /** Every other name the record gives (FtM alias, weakAlias, previousName; SDN a.k.a. and f.k.a.). */
  readonly aliases: readonly string[];
  /** ISO 3166-1 alpha-2, upper case as the seed stores it; null when the record names no country. */
  readonly country: string | null;
  readonly identifiers: readonly Identifier[];
  readonly description: string | null;
  /** What the source called it (FtM schema, SDN `sdnType`, CSV entity name): kept for review and reports. */
  readonly sourceType: string;
}

/** A sanction as a source record describes it. */
export interface ImportedSanction {
  readonly recordId: string;
  /** Who imposed it, as the source names it; matched to an actor (a GOVERNMENT_BODY) at planning. */
  readonly authority: string | null;
  /** Record ids of the targets (actors of this file). */
  readonly targetRecordIds: readonly string[];
  readonly measure: SanctionMeasure;
  /** The programmes under which it is imposed (the SDN list gives several per entry). */
  readonly programs: readonly string[];
  /** ISO dates; null when the source gives none (the SDN list XML gives no listing date). */
  readonly listingDate: string | null;
  readonly startDate: string | null;
  readonly endDate: string | null;
  readonly reason: string | null;
  readonly sourceUrl: string | null;
  /** The authority's own identifier of the designation (an OFAC uid, an FCDO id). */
  readonly authorityId: string | null;
}

/** A relationship between two actors of the file, on our allow-list of types. */
export interface ImportedRelation {
  readonly recordId: string;
  readonly type: RelationshipType;
  readonly fromRecordId: string;
  readonly toRecordId: string;
  readonly role: string | null;
  readonly startDate: string | null;
  readonly endDate: string | null;
  /** Our one-line reading of the record, as evidence claims are written. */
  readonly claim: string;
  readonly sourceType: string;
}

/**
 * One source record and what it says: the unit of evidence (claims cite `records: [id]`), of rejection,
 * and of the edition plan (its `hash` says whether it changed between two editions).
 */
export interface ImportRecord {
  readonly id: string;
  /** `sha256:<hex>` of the record's canonical content, without what changes on every export (FtM last_seen). */
  readonly hash: string;
  /** Where it is in the file: line number (FtM, CSV) or entry number (SDN), from 1. */
  readonly position: number;
  readonly actors: readonly ImportedActor[];
  readonly sanctions: readonly ImportedSanction[];
  readonly relations: readonly ImportedRelation[];
}

/** Why a record (or the whole file) was not read. */
export const REJECTION_REASONS = [
  /** The file is not well-formed (broken XML): nothing of it may be written, since its end is unknown. */
  'MALFORMED_FILE',
  /** One line or entry is not well-formed (a JSON line that does not parse, a CSV row that does not split). */
  'MALFORMED_RECORD',
  /** Well-formed, but not an entity (no id, no schema, no properties object). */
  'NOT_AN_ENTITY',
  /** An FtM schema the model package does not know. */
  'UNKNOWN_SCHEMA',
  /** An FtM schema or SDN type we have no actor kind or relationship type for (Vessel, Family, ...). */
  'UNSUPPORTED_TYPE',
  /** Longer than the line or entry limit: skipped without being held whole. */
  'TOO_LARGE',
  /** A required field is missing or empty (a name, a link's end, a sanction's entity). */
  'MISSING_FIELD',
  /** Two records under one id in one file. */
  'DUPLICATE_RECORD',
] as const;
/** One rejection reason. */
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** A record (or the file) an importer could not read, with its reason. */
export interface Rejection {
  /** The record id when the record got far enough to have one. */
  readonly recordId: string | null;
  readonly position: number;
  readonly reason: RejectionReason;
  /** Human-readable detail ("schema Vessel has no actor kind", "line of 10485760 bytes over 1048576"). */
  readonly detail: string;
  /** True when the whole file is refused (MALFORMED_FILE): the plan then writes nothing at all. */
  readonly fatal: boolean;
}

/** What an importer counted, given at the end of the stream. */
export interface ImportStats {
  /** Records seen (read or rejected). */
  readonly records: number;
  readonly accepted: number;
  readonly rejected: number;
  /**
   * What was read but not mapped, by name and count, never silently dropped: FtM schemata and properties
   * (`Vessel`, `Person:birthDate`), SDN elements, CSV columns no mapping names.
   */
  readonly unmapped: Readonly<Record<string, number>>;
}

/** One item of an importer's stream. */
export type ImportItem =
  | { readonly type: 'source'; readonly source: ImportSource }
  | { readonly type: 'record'; readonly record: ImportRecord }
  | { readonly type: 'rejection'; readonly rejection: Rejection }
  | { readonly type: 'end'; readonly stats: ImportStats };

/** How an importer is asked to read a file. */
export interface ImportOptions {
  /** The file to read. */
  readonly file: string;
  /** `sha256:<hex>` of the file (fileHash in read-file.ts), computed in a pass of its own. */
  readonly fileHash: string;
  /** The series id (`--source-id`); each format has a default. */
  readonly seriesId?: string;
  /** Longest line or entry read, in bytes; longer ones are skipped as TOO_LARGE. */
  readonly maxRecordBytes?: number;
  /** Bytes read so far, for progress (called at most once per chunk). */
  readonly onBytes?: (bytes: number) => void;
}

/** The default longest record: 1 MiB (OpenSanctions' largest entities are far below it). */
export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

/** An importer: reads one file as a stream of items with bounded memory. */
export type Importer = (options: ImportOptions) => AsyncIterable<ImportItem>;

/**
 * What a claim imported from a source cites: the sentences of an ARTICLE, or the record ids of a LIST or
 * DATASET. The write path (issue 15's curation service) stores `records` beside `sentences` on evidence.
 */
export type EvidenceCitation =
  | { readonly sourceKind: 'ARTICLE'; readonly sourceId: string; readonly sentences: readonly number[] }
  | { readonly sourceKind: 'LIST' | 'DATASET'; readonly sourceId: string; readonly records: readonly string[] };
