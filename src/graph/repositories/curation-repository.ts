import { badUserInput } from '../../errors/app-error.js';
import {
  BEGIN_CHANGE,
  CHANGES_BY_KEYS,
  COUNT_CHANGES,
  CREATE_CHANGE_COUNTER,
  CREATE_RELATIONSHIPS,
  CREATE_SANCTIONS,
  FIND_ACTORS_FOR_WRITE,
  FIND_IDEMPOTENCY_RECORD,
  FIND_LIVE_RELATIONSHIPS,
  FIND_SANCTIONS_FOR_WRITE,
  FIND_SOURCE_FOR_WRITE,
  LAST_RELATIONSHIP_VERSIONS,
  LAST_SANCTION_VERSIONS,
  LIVE_RELATIONSHIPS_OF_ACTORS,
  MENTION_ACTORS,
  MERGE_ACTOR_INTO,
  RETIRE_RELATIONSHIPS,
  RETIRE_SANCTIONS,
  RETRACT_ACTORS,
  SEEDED_RECORDS,
  SET_RELATIONSHIP_RECORDS,
  SNAPSHOT_ACTORS,
  WRITE_ACTORS,
  WRITE_CHANGES,
  WRITE_CONTEXT,
  WRITE_SOURCES,
} from '../cypher/curation-cypher.js';
import { MERGE_DISPUTES } from '../cypher/dispute-cypher.js';
import {
  CONFIRM_SOURCE_RECORDS,
  END_SOURCE_RECORDS,
  EXISTING_MATCH_REVIEWS,
  FIND_IMPORT_SOURCE,
  RECORDS_FOR_WRITE,
  STORE_MATCH_REVIEWS,
  WRITE_IMPORT_SOURCE,
  WRITE_SOURCE_RECORDS,
} from '../cypher/import-cypher.js';
import { FIND_MATCH_REVIEWS_FOR_WRITE, RESOLVE_MATCH_REVIEWS } from '../cypher/review-cypher.js';
import { FIND_SEED_DISPUTES } from '../cypher/seed-cypher.js';
import type { GraphClient, RoundTripCounter, RunInTransaction } from '../graph-client.js';
import { type Row, toActor, toRelationship, toSanction, toSource } from '../mappers.js';
import {
  ACTOR_KINDS,
  type ActorKind,
  type ActorModel,
  type EndReason,
  RELATIONSHIP_TYPES,
  type RelationshipModel,
  type SanctionModel,
  type SanctionPartyModel,
  type SourceModel,
} from '../model.js';
import { periodEnd, relationshipValues } from '../relationship-properties.js';
import type { SeedDispute } from '../research-model.js';
import { actorProperties } from '../seed-repository.js';
import { disputeRow } from './dispute-repository.js';
import { type MatchReviewModel, type ReviewStatus, toMatchReview } from './match-review-repository.js';
import { int } from './shared.js';

/** Neo4j's code for a transaction it rolled back to break a deadlock. */
const DEADLOCK = 'Neo.TransientError.Transaction.DeadlockDetected';
/** How many times a change transaction is run when Neo4j breaks a deadlock with it. */
const DEADLOCK_ATTEMPTS = 5;

/** A bulk write (the seed) may write thousands of records in one transaction. */
const BULK_TIMEOUT_MS = 120_000;

/** Who writes a change, as the audit trail records it (the graph layer's view of a Principal). */
export interface ChangeAuthor {
  readonly name: string;
  readonly role: string | null;
  readonly via: string;
}

/** One audit record of a transaction, before it gets its sequence number. */
export interface ChangeEntry {
  /** The mutation (or seed step) that made it, for example `assertRelation`. */
  readonly mutation: string;
  /** Every record id it touched. */
  readonly ids: readonly string[];
  /** The records as they were (null for a creation); stored as JSON. */
  readonly before: unknown;
  /** The records as they are (null for a retraction's live side); stored as JSON. */
  readonly after: unknown;
  readonly reason: string | null;
}

/** The idempotency key of a mutation and the hash of the request it came with. */
export interface IdempotencyRequest {
  readonly key: string;
  readonly requestHash: string;
}

/** What a change transaction did: wrote changes, found nothing to change, or replayed a stored answer. */
export type ChangeResult<R> =
  | { readonly outcome: 'written'; readonly response: R; readonly seqs: readonly number[] }
  | { readonly outcome: 'unchanged'; readonly response: R }
  | { readonly outcome: 'replayed'; readonly response: R };

/** What the work of a change transaction returns: the answer and the changes, or the answer alone. */
export type ChangeOutcome<R> =
  { readonly response: R; readonly changes: readonly ChangeEntry[] } | { readonly response: R; readonly unchanged: true };

/** The stored idempotency record of a key. */
interface PriorRecord {
  readonly principal: string;
  readonly mutation: string;
  readonly requestHash: string;
  readonly response: string;
}

/** Rolls a transaction back and hands its answer out (nothing changed, or a stored answer). */
class Rollback<R> extends Error {
  constructor(readonly result: ChangeResult<R>) {
    super('rolled back');
  }
}

/** A relationship row ready for {@link CREATE_RELATIONSHIPS}. */
export interface NewRelationship {
  readonly relationship: RelationshipModel;
  readonly version: number;
  readonly seq: number;
  /** True when the seed writes it (a re-seed may then correct or retract it). */
  readonly seeded?: boolean;
}

/** A sanction ready for {@link CREATE_SANCTIONS}: the model and its version. */
export interface NewSanction {
  readonly sanction: SanctionModel;
  readonly version: number;
  readonly seq: number;
  readonly seeded?: boolean;
  /** The source record an import wrote it from (stored as `seriesId` and `recordId`; the evidence's `records` cite it). */
  readonly record?: { readonly seriesId: string; readonly recordId: string } | null;
}

/** The `Source` node of one edition of an imported list or data set, as the import write step stores it. */
export interface ImportSourceRow {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly publisher: string | null;
  readonly seriesId: string;
  readonly edition: string | null;
  readonly publishedOn: string | null;
  readonly fileHash: string;
  readonly format: string;
  readonly declaredRecords: number | null;
}

/** What is stored of one source record of a series (RECORDS_FOR_WRITE). */
export interface StoredSourceRecord {
  readonly recordId: string;
  readonly hash: string;
  readonly lastEdition: string | null;
  readonly endedIn: string | null;
  readonly sanctionIds: readonly string[];
  readonly relationIds: readonly string[];
  /** The actors it describes, by the record id the file gives each (a merged one as what it was merged into). */
  readonly actors: readonly { readonly actorRecordId: string; readonly actorId: string; readonly matched: boolean }[];
}

/** One source record as a batch writes it, with the actors it describes and how each was matched. */
export interface SourceRecordRow {
  readonly seriesId: string;
  readonly recordId: string;
  readonly hash: string;
  readonly edition: string | null;
  readonly sourceId: string;
  readonly seq: number;
  readonly sanctionIds: readonly string[];
  readonly relationIds: readonly string[];
  readonly describes: readonly {
    readonly actorRecordId: string;
    readonly actorId: string;
    readonly score: number | null;
    readonly rule: string | null;
    readonly matched: boolean;
  }[];
}

/** A pending review of an ambiguous match (CONTRACT-16R). */
export interface MatchReviewRow {
  readonly id: string;
  readonly seriesId: string;
  readonly recordId: string;
  readonly sourceId: string;
  readonly name: string;
  readonly kind: string;
  readonly country: string | null;
  readonly actorId: string;
  readonly seq: number;
  readonly candidates: readonly { readonly actorId: string; readonly score: number; readonly rule: string; readonly rank: number }[];
}

/** A live actor as a write reads it: the model, whether the seed wrote it, and its mentions. */
export type ActorForWrite = ActorModel & {
  readonly seeded: boolean;
  readonly mentions: readonly { readonly sourceId: string; readonly sentences: readonly number[] }[];
};

/** What a write checks references against. */
export interface WriteContext {
  /** Live actors by id, with their kind. */
  readonly actors: ReadonlyMap<string, ActorKind>;
  /** Retracted actor ids. */
  readonly retracted: ReadonlySet<string>;
  /** Merged actor ids and what they were merged into. */
  readonly merged: ReadonlyMap<string, string>;
  /** Sentence counts of sources by id. */
  readonly sources: ReadonlyMap<string, number>;
  /** Kinds of sources by id (ARTICLE for a source that stores none). */
  readonly sourceKinds: ReadonlyMap<string, string>;
  /** Cited records found in their source, as `source NUL record`. */
  readonly records: ReadonlySet<string>;
}

/**
 * The statements one change transaction may run, bound to it. Every method is one round trip; rows carry
 * the sequence number of the change that writes them, taken with {@link ChangeTransaction.nextSeq}.
 */
export class ChangeTransaction {
  private seqs = 0;

  constructor(
    private readonly run: RunInTransaction,
    /** The Neo4j DateTime every record of the transaction is recorded from. */
    private readonly at: unknown,
    private readonly firstSeq: number,
  ) {}

  /** The transaction's time as an ISO instant. */
  get recordedAt(): string {
    return (this.at as { toStandardDate(): Date }).toStandardDate().toISOString();
  }

  /** Takes the sequence number of the next change of this transaction. */
  nextSeq(): number {
    const seq = this.firstSeq + this.seqs;
    this.seqs += 1;
    return seq;
  }

  /** The sequence number of the transaction's first change. */
  get firstChangeSeq(): number {
    return this.firstSeq;
  }

  /** How many sequence numbers were taken. */
  get taken(): number {
    return this.seqs;
  }

  /**
   * Live, retracted and merged actors among `actorIds`, sentence counts and kinds of `sourceIds`, and
   * which cited `records` are records of their source.
   */
  async context(
    actorIds: readonly string[],
    sourceIds: readonly string[],
    records: readonly { source: string; record: string }[] = [],
  ): Promise<WriteContext> {
    const result = await this.run<{
      actors: { id: string; kind: ActorKind }[];
      retracted: string[];
      merged: { id: string; into: string }[];
      sources: { id: string; sentences: number; kind: string }[];
      records: { source: string; record: string }[];
    }>(WRITE_CONTEXT, { actorIds: [...new Set(actorIds)], sourceIds: [...new Set(sourceIds)], records });
    const row = result.records[0]?.toObject();
    return {
      actors: new Map((row?.actors ?? []).map((a) => [a.id, a.kind])),
      retracted: new Set(row?.retracted ?? []),
      merged: new Map((row?.merged ?? []).map((m) => [m.id, m.into])),
      sources: new Map((row?.sources ?? []).map((s) => [s.id, s.sentences])),
      sourceKinds: new Map((row?.sources ?? []).map((s) => [s.id, s.kind])),
      records: new Set((row?.records ?? []).map((c) => `${c.source}\u0000${c.record}`)),
    };
  }

  /** The source holding this content hash, and the one holding this id (either may be missing). */
  async findSource(id: string, contentHash: string): Promise<{ byHash?: SourceModel; byId?: SourceModel }> {
    const result = await this.run<{ byHash: Row | null; byId: Row | null }>(FIND_SOURCE_FOR_WRITE, { id, contentHash });
    const row = result.records[0]?.toObject();
    return {
      byHash: row?.byHash ? toSource(row.byHash) : undefined,
      byId: row?.byId ? toSource(row.byId) : undefined,
    };
  }

  /** Writes sources (created or replaced), each with its version and change. */
  async writeSources(rows: readonly { source: SourceModel; url: string | null; version: number; seq: number }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.run(WRITE_SOURCES, {
      at: this.at,
      rows: rows.map(({ source: s, url, version, seq }) => ({
        id: s.id,
        publishedOn: s.publishedOn?.date ?? null,
        version,
        seq,
        props: {
          id: s.id,
          title: s.title,
          publisher: s.publisher,
          url,
          publishedOnPrecision: s.publishedOn?.precision ?? null,
          publishedOnDerivation: s.publishedOn?.derivation ?? null,
          contentHash: s.contentHash,
          sentences: s.sentences,
          // A LIST or DATASET added by hand (nulls are not stored: an article's node is as before).
          kind: s.kind ?? null,
          seriesId: s.seriesId ?? null,
          edition: s.edition ?? null,
          recordIds: s.recordIds ?? null,
        },
      })),
    });
  }

  /** Live actors by id (with version), and the ids merged into each. */
  async findActors(ids: readonly string[]): Promise<Map<string, ActorForWrite>> {
    if (ids.length === 0) return new Map();
    const result = await this.run<{ actor: Row; seeded: boolean | null; mentions: ActorForWrite['mentions'] }>(FIND_ACTORS_FOR_WRITE, {
      ids: [...new Set(ids)],
    });
    return new Map(
      result.records.map((r) => {
        const actor = toActor(r.get('actor'));
        return [actor.id, { ...actor, seeded: r.get('seeded') === true, mentions: r.get('mentions') }];
      }),
    );
  }

  /** Ids of the live records the seed wrote. */
  async seededRecords(): Promise<{ actors: string[]; relationships: string[]; sanctions: string[] }> {
    const result = await this.run<{ actors: string[]; relationships: string[]; sanctions: string[] }>(SEEDED_RECORDS);
    return result.records[0]?.toObject() ?? { actors: [], relationships: [], sanctions: [] };
  }

  /** Keeps the current properties of live actors as ActorVersion nodes before a change. */
  async snapshotActors(rows: readonly { id: string; seq: number; reason: EndReason }[]): Promise<void> {
    if (rows.length > 0) await this.run(SNAPSHOT_ACTORS, { at: this.at, rows });
  }

  /** Creates or replaces actors (grouped by kind: the kind is a label). */
  async writeActors(rows: readonly { actor: Omit<ActorModel, 'degree'>; version: number; seq: number; seeded?: boolean }[]): Promise<void> {
    for (const kind of Object.keys(ACTOR_KINDS) as ActorKind[]) {
      const ofKind = rows.filter((r) => r.actor.kind === kind);
      if (ofKind.length === 0) continue;
      await this.run(WRITE_ACTORS[kind], {
        at: this.at,
        rows: ofKind.map((r) => ({
          id: r.actor.id,
          version: r.version,
          seq: r.seq,
          seeded: r.seeded ?? null,
          props: actorProperties(r.actor),
        })),
      });
    }
  }

  /** Links actors to the sources that mention them (replacing or adding sentences). */
  async mentionActors(
    rows: readonly { actorId: string; sourceId: string; sentences: readonly number[]; replace: boolean }[],
  ): Promise<void> {
    if (rows.length > 0) await this.run(MENTION_ACTORS, { rows });
  }

  /** Takes actors out of the live graph as RetractedActor nodes. */
  async retractActors(rows: readonly { id: string; seq: number }[]): Promise<void> {
    if (rows.length > 0) await this.run(RETRACT_ACTORS, { at: this.at, rows });
  }

  /** Folds actor `merge` into `keep` (sanction parts, list entries, mentions, earlier merges). */
  async mergeActorInto(keep: string, merge: string, seq: number): Promise<void> {
    await this.run(MERGE_ACTOR_INTO, { at: this.at, keep, merge, seq });
  }

  /** Match reviews by id (issue 16), as the queue shows them, with at most `candidates` candidates each. */
  async findMatchReviews(ids: readonly string[], candidates: number): Promise<Map<string, MatchReviewModel>> {
    if (ids.length === 0) return new Map();
    const result = await this.run<{ review: Row }>(FIND_MATCH_REVIEWS_FOR_WRITE, { ids: [...new Set(ids)], candidates: int(candidates) });
    return new Map(result.records.map((r) => [r.get('review')['id'] as string, toMatchReview(r.get('review'))]));
  }

  /** Records decisions on pending reviews found at `version`; answers how many it resolved. */
  async resolveMatchReviews(
    rows: readonly {
      id: string;
      version: number;
      status: Exclude<ReviewStatus, 'PENDING'>;
      seq: number;
      by: string;
      reason: string;
      chosen: string | null;
    }[],
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await this.run<{ resolved: number }>(RESOLVE_MATCH_REVIEWS, { at: this.at, rows });
    return result.records[0]?.get('resolved') ?? 0;
  }

  /** Live relationships by id, whatever their type. */
  async findLiveRelationships(ids: readonly string[]): Promise<Map<string, RelationshipModel>> {
    if (ids.length === 0) return new Map();
    const result = await this.run<{ relationship: Row }>(FIND_LIVE_RELATIONSHIPS, { ids: [...new Set(ids)] });
    return new Map(result.records.map((r) => [r.get('relationship')['id'] as string, toRelationship(r.get('relationship'))]));
  }

  /** The live relationships of actors, both directions. */
  async liveRelationshipsOf(actorIds: readonly string[]): Promise<RelationshipModel[]> {
    const result = await this.run<{ relationship: Row }>(LIVE_RELATIONSHIPS_OF_ACTORS, { ids: actorIds });
    return result.records.map((r) => toRelationship(r.get('relationship')));
  }

  /** The highest version each relationship id ever had (0 when new). */
  async lastRelationshipVersions(ids: readonly string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const result = await this.run<{ id: string; version: number }>(LAST_RELATIONSHIP_VERSIONS, { ids: [...new Set(ids)] });
    return new Map(result.records.map((r) => [r.get('id'), r.get('version')]));
  }

  /** Creates relationships (grouped by type: the type is a relationship type, never a parameter). */
  async createRelationships(rows: readonly NewRelationship[]): Promise<void> {
    for (const type of RELATIONSHIP_TYPES) {
      const ofType = rows.filter((r) => r.relationship.type === type);
      if (ofType.length === 0) continue;
      await this.run(CREATE_RELATIONSHIPS[type], {
        at: this.at,
        rows: ofType.map((r) => ({
          fromId: r.relationship.fromId,
          toId: r.relationship.toId,
          version: r.version,
          seq: r.seq,
          seeded: r.seeded ?? null,
          p: relationshipValues(r.relationship),
        })),
      });
      const cited = ofType.filter((r) => (r.relationship.evidence.records?.length ?? 0) > 0);
      if (cited.length > 0) {
        await this.run(SET_RELATIONSHIP_RECORDS[type], {
          rows: cited.map((r) => ({
            id: r.relationship.id,
            fromId: r.relationship.fromId,
            toId: r.relationship.toId,
            records: r.relationship.evidence.records,
          })),
        });
      }
    }
  }

  /** Turns live relationships into WAS edges, closing their recorded period. */
  async retireRelationships(
    rows: readonly { relationship: Pick<RelationshipModel, 'id' | 'fromId' | 'toId'>; seq: number; reason: EndReason }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.run(RETIRE_RELATIONSHIPS, {
      at: this.at,
      rows: rows.map((r) => ({
        id: r.relationship.id,
        fromId: r.relationship.fromId,
        toId: r.relationship.toId,
        seq: r.seq,
        reason: r.reason,
      })),
    });
  }

  /** Live sanctions by id, as readers see them. */
  async findSanctions(ids: readonly string[]): Promise<Map<string, SanctionModel>> {
    if (ids.length === 0) return new Map();
    const result = await this.run<{ sanction: Row }>(FIND_SANCTIONS_FOR_WRITE, { ids: [...new Set(ids)] });
    return new Map(result.records.map((r) => [r.get('sanction')['id'] as string, toSanction(r.get('sanction'))]));
  }

  /** The highest version each sanction id ever had (0 when new). */
  async lastSanctionVersions(ids: readonly string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const result = await this.run<{ id: string; version: number }>(LAST_SANCTION_VERSIONS, { ids: [...new Set(ids)] });
    return new Map(result.records.map((r) => [r.get('id'), r.get('version')]));
  }

  /** Creates sanctions with their parties and list (their SANCTIONED edges are created separately). */
  async createSanctions(rows: readonly NewSanction[]): Promise<void> {
    if (rows.length === 0) return;
    await this.run(CREATE_SANCTIONS, { at: this.at, rows: rows.map(sanctionRow) });
  }

  /** Turns live sanctions into SanctionVersion nodes, closing their recorded period. */
  async retireSanctions(rows: readonly { id: string; seq: number; reason: EndReason }[]): Promise<void> {
    if (rows.length > 0) await this.run(RETIRE_SANCTIONS, { at: this.at, rows });
  }

  /** The stored properties of disputes by id (the seed's, which compares them before writing its own). */
  async findDisputes(ids: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    if (ids.length === 0) return new Map();
    const result = await this.run<{ id: string; props: Record<string, unknown> }>(FIND_SEED_DISPUTES, { ids: [...new Set(ids)] });
    return new Map(result.records.map((r) => [r.get('id'), r.get('props')]));
  }

  /** Writes disputes (MERGE on their ids) in this transaction, so that the seed's disputes are audited too. */
  async writeDisputes(disputes: readonly SeedDispute[]): Promise<void> {
    if (disputes.length > 0) await this.run(MERGE_DISPUTES, { rows: disputes.map(disputeRow) });
  }

  // ------------------------------------------------------------------ imports (issue 16, import-cypher.ts)

  /** The stored Source node of an edition, or null. */
  async findImportSource(id: string): Promise<{ id: string; contentHash: string | null; version: number } | null> {
    const result = await this.run<{ source: { id: string; contentHash: string | null; version: number | null } | null }>(
      FIND_IMPORT_SOURCE,
      { id },
    );
    const found = result.records[0]?.get('source') ?? null;
    return found === null ? null : { id: found.id, contentHash: found.contentHash ?? null, version: found.version ?? 1 };
  }

  /** Writes the Source node of an edition (created, or its file hash corrected). */
  async writeImportSource(source: ImportSourceRow, version: number, seq: number): Promise<void> {
    await this.run(WRITE_IMPORT_SOURCE, { ...source, version, seq, at: this.at });
  }

  /** What is stored of some records of a series, by record id (records never stored are absent). */
  async recordsForWrite(seriesId: string, recordIds: readonly string[]): Promise<Map<string, StoredSourceRecord>> {
    if (recordIds.length === 0) return new Map();
    const result = await this.run<{
      recordId: string;
      hash: string;
      lastEdition: string | null;
      endedIn: string | null;
      sanctionIds: string[];
      relationIds: string[];
      actors: { actorRecordId: string; actorId: string; matched: boolean | null }[];
    }>(RECORDS_FOR_WRITE, { seriesId, recordIds: [...new Set(recordIds)] });
    return new Map(
      result.records.map((r) => {
        const o = r.toObject();
        return [
          o.recordId,
          {
            ...o,
            lastEdition: o.lastEdition ?? null,
            endedIn: o.endedIn ?? null,
            actors: o.actors.map((a) => ({ ...a, matched: a.matched === true })),
          },
        ];
      }),
    );
  }

  /** Writes source records with their DESCRIBES edges. */
  async writeSourceRecords(rows: readonly SourceRecordRow[]): Promise<void> {
    if (rows.length > 0) await this.run(WRITE_SOURCE_RECORDS, { at: this.at, rows });
  }

  /** Marks records as read, unchanged, in `edition`. */
  async confirmSourceRecords(seriesId: string, edition: string | null, recordIds: readonly string[]): Promise<void> {
    if (recordIds.length > 0) await this.run(CONFIRM_SOURCE_RECORDS, { seriesId, edition, recordIds });
  }

  /** Ends records that `edition` no longer holds. */
  async endSourceRecords(
    seriesId: string,
    edition: string | null,
    endedOn: string | null,
    rows: readonly { recordId: string; seq: number }[],
  ): Promise<void> {
    if (rows.length > 0) await this.run(END_SOURCE_RECORDS, { seriesId, edition, endedOn, rows });
  }

  /** The ids among `ids` of reviews already stored. */
  async existingMatchReviews(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const result = await this.run<{ id: string }>(EXISTING_MATCH_REVIEWS, { ids });
    return new Set(result.records.map((r) => r.get('id')));
  }

  /** Stores pending reviews (merged on id). */
  async storeMatchReviews(rows: readonly MatchReviewRow[]): Promise<void> {
    if (rows.length > 0) await this.run(STORE_MATCH_REVIEWS, { at: this.at, rows });
  }
}

function party(p: SanctionPartyModel): Record<string, unknown> {
  return { actorId: p.actorId, sentences: p.sentences, status: p.status, confidence: p.confidence, inferredFrom: p.inferredFrom };
}

function sanctionRow({ sanction: s, version, seq, seeded, record }: NewSanction): Record<string, unknown> {
  const delisting = s.delisting ?? null;
  return {
    seeded: seeded ?? null,
    listId: s.listId,
    date: s.date.date,
    delistedOn: delisting?.date.date ?? null,
    knownFrom: periodEnd(s.date),
    version,
    seq,
    authorities: s.parties.filter((p) => p.role === 'AUTHORITY').map(party),
    targets: s.parties.filter((p) => p.role === 'TARGET').map(party),
    props: {
      id: s.id,
      measure: s.measure,
      program: s.program,
      datePrecision: s.date.precision,
      dateDerivation: s.date.derivation,
      reason: s.reason,
      reasonStatus: s.reasonStatus,
      note: s.note,
      joint: s.joint,
      timeBasis: s.timeBasis,
      needsReview: s.evidence.needsReview,
      sourceId: s.evidence.sourceId,
      sentences: s.evidence.sentences,
      claim: s.evidence.claim,
      confidence: s.evidence.confidence,
      // A delisting ends the sanction, stored as the seed stores it (mappers.ts toDelisting); nulls are not stored.
      delistedOnPrecision: delisting?.date.precision ?? null,
      delistedOnDerivation: delisting?.date.derivation ?? null,
      delistingSourceId: delisting?.evidence.sourceId ?? null,
      delistingSentences: delisting?.evidence.sentences ?? null,
      delistingClaim: delisting?.evidence.claim ?? null,
      delistingConfidence: delisting?.evidence.confidence ?? null,
      seriesId: record?.seriesId ?? null,
      recordId: record?.recordId ?? null,
      records: s.evidence.records ?? null,
    },
  };
}

/**
 * Curated writes (issue 15): every mutation and seed step is one write transaction through
 * {@link CurationRepository.change}, which orders writers on the change counter, checks the idempotency key,
 * runs the work, and appends the audit records (and the idempotency record) in the same transaction.
 */
export class CurationRepository {
  constructor(
    private readonly graph: GraphClient,
    private readonly counter: RoundTripCounter,
  ) {}

  /**
   * Runs `work` in one write transaction as one or more audited changes. A retry with a stored key and
   * the same request returns the stored answer and writes nothing; the same key with another request is
   * BAD_USER_INPUT naming `idempotencyKey`. Work that finds nothing to change, or throws, rolls back: no
   * sequence number is spent, so committed changes have no gaps.
   *
   * @example
   * const result = await repo.curation.change({ author, idempotency: null }, async (tx) => ({ response, changes }));
   */
  async change<R>(
    options: { readonly author: ChangeAuthor; readonly idempotency: IdempotencyRequest | null; readonly bulk?: boolean },
    work: (tx: ChangeTransaction) => Promise<ChangeOutcome<R>>,
  ): Promise<ChangeResult<R>> {
    // Under concurrent writes Neo4j now and then reports a deadlock around the change counter (seen with two
    // retries of one key at once): the transaction was rolled back whole, so running it again is safe. The
    // driver's own retry gives up after NEO4J_MAX_RETRY_TIME_MS; these attempts are bounded and immediate.
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.changeOnce(options, work);
      } catch (error) {
        if (attempt >= DEADLOCK_ATTEMPTS || (error as { code?: unknown } | null)?.code !== DEADLOCK) throw error;
      }
    }
  }

  private async changeOnce<R>(
    options: { readonly author: ChangeAuthor; readonly idempotency: IdempotencyRequest | null; readonly bulk?: boolean },
    work: (tx: ChangeTransaction) => Promise<ChangeOutcome<R>>,
  ): Promise<ChangeResult<R>> {
    const { author, idempotency } = options;
    try {
      return await this.graph.writeTransaction(
        async (run) => {
          const begin = () =>
            run<{ firstSeq: number; at: unknown; prior: PriorRecord | null }>(BEGIN_CHANGE, { key: idempotency?.key ?? null });
          let begun = await begin();
          if (begun.records.length === 0) {
            // The graph's first change: the counter does not exist yet.
            await run(CREATE_CHANGE_COUNTER);
            begun = await begin();
          }
          const first = begun.records[0];
          if (!first) throw new Error('beginChange returned no row');
          const prior = idempotency
            ? ((await run<{ prior: PriorRecord }>(FIND_IDEMPOTENCY_RECORD, { key: idempotency.key })).records[0]?.get('prior') ?? null)
            : null;
          if (prior && idempotency) {
            if (prior.requestHash !== idempotency.requestHash || prior.principal !== author.name) {
              throw badUserInput(
                `idempotencyKey '${idempotency.key}' was already used for another request (${prior.mutation}); use a new key for a new request`,
                { field: 'idempotencyKey', expected: 'a key not used before, or the same request again' },
              );
            }
            throw new Rollback<R>({ outcome: 'replayed', response: JSON.parse(prior.response) as R });
          }
          const tx = new ChangeTransaction(run, first.get('at'), first.get('firstSeq'));
          const outcome = await work(tx);
          if ('unchanged' in outcome || outcome.changes.length === 0)
            throw new Rollback<R>({ outcome: 'unchanged', response: outcome.response });
          if (outcome.changes.length !== tx.taken) throw new Error(`${outcome.changes.length} changes, ${tx.taken} sequence numbers taken`);
          const firstSeq = first.get('firstSeq');
          const seqs = outcome.changes.map((_, i) => firstSeq + i);
          const json = JSON.stringify(outcome.response);
          await run(WRITE_CHANGES, {
            at: first.get('at'),
            changes: outcome.changes.map((c, i) => ({
              seq: seqs[i],
              principal: author.name,
              role: author.role,
              via: author.via,
              mutation: c.mutation,
              ids: c.ids,
              before: c.before === null ? null : JSON.stringify(c.before),
              after: c.after === null ? null : JSON.stringify(c.after),
              reason: c.reason,
              idempotencyKey: idempotency?.key ?? null,
            })),
            idempotency: idempotency
              ? {
                  key: idempotency.key,
                  principal: author.name,
                  mutation: outcome.changes[0]?.mutation ?? null,
                  requestHash: idempotency.requestHash,
                  response: json,
                  changeSeq: seqs[seqs.length - 1] ?? null,
                }
              : null,
          });
          return { outcome: 'written', response: JSON.parse(json) as R, seqs } as const;
        },
        this.counter,
        // Safe to run again after an uncertain commit only when a retry cannot write twice: with an
        // idempotency key (the replay finds its record) or for the seed (which writes the difference).
        { timeoutMs: options.bulk ? BULK_TIMEOUT_MS : undefined, idempotent: options.bulk === true || options.idempotency !== null },
      );
    } catch (error) {
      if (error instanceof Rollback) return error.result;
      throw error;
    }
  }

  /** How many changes the audit trail holds, and its first and last sequence numbers. */
  async countChanges(): Promise<{ changes: number; firstSeq: number | null; lastSeq: number | null }> {
    const [row] = await this.graph.read<{ changes: number; firstSeq: number | null; lastSeq: number | null }>(
      COUNT_CHANGES,
      {},
      this.counter,
    );
    return row ?? { changes: 0, firstSeq: null, lastSeq: null };
  }

  /** How many changes each idempotency key wrote. */
  async changesByKeys(keys: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.graph.read<{ key: string; changes: number }>(CHANGES_BY_KEYS, { keys }, this.counter);
    return new Map(rows.map((r) => [r.key, r.changes]));
  }
}
