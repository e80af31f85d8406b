/**
 * The write step of an import (issue 16; docs/import-export.md "The write step"): the plan the dry run
 * computes, carried out through the curation service's change transactions as the SYSTEM principal, so
 * every write is an audited Change like the seed's.
 *
 * Two passes over the file, both streaming: the first is the dry run (dry-run.ts), which refuses a file
 * that is not well-formed or an older edition before anything is written; the second reads the file again
 * and writes it in batches of records, one transaction each, with an idempotency key derived from the
 * edition and the batch's first and last record ids (and a request hash of the records' ids and hashes).
 * A re-run after a crash replays the batches that committed and plans the rest against what they stored,
 * so nothing is written twice; the same file twice writes nothing.
 *
 * One Change per record: `importRecord` (a new record: its actors created or linked, its sanctions and
 * relations), `correctRecord` (a record that changed: a correction of what the import wrote from it),
 * `delistRecord` (a record a newer edition no longer holds: its sanctions end on that edition's date),
 * `confirmRecords` (one per batch: unchanged records read again in a newer edition), and `importSource`
 * (the edition's Source node).
 */
import { createHash } from 'node:crypto';

import { SYSTEM } from '../../auth/principal.js';
import type { ActorModel, FuzzyDate, RelationshipModel, RelationshipType, SanctionModel, SanctionPartyModel } from '../../graph/model.js';
import type {
  ChangeEntry,
  ChangeTransaction,
  CurationRepository,
  MatchReviewRow,
  SourceRecordRow,
  StoredSourceRecord,
} from '../../graph/repositories/curation-repository.js';
import { actorContent, relationshipContent, sanctionContent, stableJson } from '../curation/curation-service.js';
import { sanctionedEdges } from '../curation/sanctioned-edges.js';
import { dryRun, type DryRunOptions, type ImportReads, type ImportSummary } from './dry-run.js';
import { type EditionAction, EditionPlanner, type GoneRecord } from './editions.js';
import { candidateQuery, decideMatch, type MatchCandidate, type MatchDecision } from './matching.js';
import type { ImportedActor, ImportedRelation, ImportedSanction, ImportItem, ImportRecord, ImportSource } from './model.js';

/** How the write step batches. */
export interface WriteImportOptions extends DryRunOptions {
  /** Records written per transaction (each its own idempotency key). */
  readonly recordsPerTransaction?: number;
  /** Called after each record written, for progress. */
  readonly onWritten?: (records: number) => void;
}

/** The default: 200 records per transaction, about 1,000 small rows, far below the bulk transaction timeout. */
export const WRITE_DEFAULTS = { recordsPerTransaction: 200 } as const;

/** Confidence of what a list or data set states about its own records (an authority's own listing). */
const LIST_CONFIDENCE = 0.95;
/** Confidence of the end of a listing read from its absence in a newer edition. */
const DELISTING_CONFIDENCE = 0.9;
const KEPT = 20;

/** Why a part of a record was not written (the record itself is stored; its other parts are written). */
export interface SkippedPart {
  readonly recordId: string;
  readonly reason: 'UNRESOLVED_REFERENCE' | 'NO_AUTHORITY' | 'UNDATED' | 'INVALID_PERIOD';
  readonly detail: string;
}

/** What the write step wrote. */
export interface WriteReport {
  /** Audited changes committed by this run (replayed batches count none). */
  readonly changes: number;
  readonly actors: { readonly created: number; readonly matched: number; readonly review: number; readonly corrected: number };
  readonly sanctions: { readonly created: number; readonly corrected: number; readonly delisted: number };
  readonly relations: { readonly created: number; readonly corrected: number };
  readonly records: {
    readonly written: number;
    readonly corrected: number;
    readonly confirmed: number;
    readonly unchanged: number;
    readonly ended: number;
    /** Records of this graph's own FtM export that say nothing it does not hold: nothing to write. */
    readonly own: number;
  };
  /** Batches whose idempotency key had committed before (a re-run): their records were not written again. */
  readonly replayedBatches: number;
  readonly skipped: { readonly total: number; readonly first: readonly SkippedPart[] };
}

/** The result of an import: the plan (the dry run) and what was written of it (null when it was refused). */
export interface ImportResult {
  readonly plan: ImportSummary;
  readonly written: WriteReport | null;
}

/** What a batch transaction answers (stored as the idempotency record's response). */
interface BatchCounts {
  actorsCreated: number;
  actorsMatched: number;
  actorsReview: number;
  actorsCorrected: number;
  sanctionsCreated: number;
  sanctionsCorrected: number;
  sanctionsDelisted: number;
  relationsCreated: number;
  relationsCorrected: number;
  written: number;
  corrected: number;
  confirmed: number;
  unchanged: number;
  ended: number;
  own: number;
  skipped: SkippedPart[];
  /** The batch's actors by the record id the file gives each: later batches resolve references with them (a replay too). */
  resolved: [string, string][];
}

const zero = (): BatchCounts => ({
  actorsCreated: 0,
  actorsMatched: 0,
  actorsReview: 0,
  actorsCorrected: 0,
  sanctionsCreated: 0,
  sanctionsCorrected: 0,
  sanctionsDelisted: 0,
  relationsCreated: 0,
  relationsCorrected: 0,
  written: 0,
  corrected: 0,
  confirmed: 0,
  unchanged: 0,
  ended: 0,
  own: 0,
  skipped: [],
  resolved: [],
});

const sha = (...parts: readonly (string | number | null)[]): string =>
  createHash('sha256')
    .update(parts.map((p) => String(p)).join('\u0000'))
    .digest('hex');

function slug(text: string, max: number): string {
  const s = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return s === '' ? 'record' : s;
}

/**
 * The id of the actor an import creates for a record: readable, and the same on every run.
 *
 * @example
 * importedActorId('ofac-sdn', '90001'); // 'ofac-sdn-90001-3f2a9c1b'
 */
export function importedActorId(seriesId: string, actorRecordId: string): string {
  return `${slug(`${seriesId}-${actorRecordId}`, 80)}-${sha(seriesId, actorRecordId).slice(0, 8)}`;
}

/** The id of an authority an import creates (shared by every series: OFAC is one actor). */
export function authorityActorId(name: string): string {
  return `authority-${slug(name, 80)}`;
}

/** The id of the n-th sanction of a record. */
export function importedSanctionId(seriesId: string, recordId: string, n: number): string {
  return `sanction-${sha(seriesId, recordId, 'sanction', n).slice(0, 16)}`;
}

/** The id of the n-th relation of a record. */
export function importedRelationId(type: RelationshipType, seriesId: string, recordId: string, n: number): string {
  return `${type.toLowerCase().replaceAll('_', '-')}-${sha(seriesId, recordId, 'relation', n).slice(0, 16)}`;
}

/** The review id CONTRACT-16R gives: 'review:' + the first 16 hex of sha256(series, record, imported actor). */
export function matchReviewId(seriesId: string, recordId: string, importedActorIdValue: string): string {
  return `review:${sha(seriesId, recordId, importedActorIdValue).slice(0, 16)}`;
}

/** An ISO date of a source (`2019`, `2019-03`, `2019-03-04`) as a fuzzy date. */
export function fuzzyFromIso(iso: string | null, derivation: string | null = null): FuzzyDate | null {
  if (iso === null) return null;
  if (/^\d{4}$/.test(iso)) return { date: `${iso}-01-01`, precision: 'YEAR', derivation };
  if (/^\d{4}-\d{2}$/.test(iso)) return { date: `${iso}-01`, precision: 'MONTH', derivation };
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return { date: iso, precision: 'DAY', derivation };
  return null;
}

/**
 * The edition a record was first, last or no longer held in: the edition's label, or for an undated file
 * (an FtM data set) its hash, so that every distinct file is an edition of its series.
 */
export function editionOf(src: Pick<ImportSource, 'edition' | 'fileHash'>): string {
  return src.edition ?? src.fileHash;
}

/** One record of the second pass with what the plan does with it. */
interface Planned {
  readonly record: ImportRecord;
  readonly action: EditionAction;
}

/**
 * Imports a file: the dry run, then (unless it refuses) the write. `open` opens the file's items afresh
 * for each pass (openImport), so no pass holds the file.
 *
 * @example
 * const result = await importFile(async () => (await openImport({ file, format: 'ofac-sdn' })).items, repo.curation, reads);
 */
export async function importFile(
  open: () => Promise<AsyncIterable<ImportItem>>,
  curation: CurationRepository,
  reads: ImportReads,
  options: WriteImportOptions = {},
): Promise<ImportResult> {
  const plan = await dryRun(await open(), reads, options);
  if (plan.refused !== null || plan.source === null) return { plan, written: null };
  const written = await writePlan(await open(), curation, reads, options);
  return { plan, written };
}

/** The second pass: writes what the plan says, batch by batch. */
async function writePlan(
  items: AsyncIterable<ImportItem>,
  curation: CurationRepository,
  reads: ImportReads,
  options: WriteImportOptions,
): Promise<WriteReport> {
  const size = options.recordsPerTransaction ?? WRITE_DEFAULTS.recordsPerTransaction;
  const pageSize = options.pageSize ?? 5000;
  const totals = zero();
  const skipped: SkippedPart[] = [];
  let skippedTotal = 0;
  let changes = 0;
  let replayed = 0;
  let done = 0;
  let source: ImportSource | null = null;
  let planner: EditionPlanner | null = null;
  let batch: Planned[] = [];
  // Actor record ids read so far, and records held until the end because they name an actor not read yet.
  const seenActors = new Set<string>();
  // Actor ids by the record id the file gives each, for references across batches (a CSV row names an
  // actor another row describes); one short pair per distinct actor of the file.
  const resolved = new Map<string, string>();
  const deferred: Planned[] = [];
  // Authorities by name: a file names a handful, matched once.
  const authorities = new Map<string, { actorId: string; decision: MatchDecision | null }>();

  const add = (c: BatchCounts): void => {
    for (const key of Object.keys(totals).filter((k) => k !== 'skipped' && k !== 'resolved') as Exclude<
      keyof BatchCounts,
      'skipped' | 'resolved'
    >[])
      totals[key] += c[key];
    skippedTotal += c.skipped.length;
    for (const s of c.skipped) if (skipped.length < KEPT) skipped.push(s);
  };

  // The edition's Source node is written with the first batch that writes anything (so a file that
  // changes nothing, such as this graph's own export, writes no Source either).
  let sourceStored = false;
  const commit = async (
    key: string,
    request: unknown,
    src: ImportSource,
    work: (tx: ChangeTransaction) => Promise<{ counts: BatchCounts; entries: ChangeEntry[] }>,
  ): Promise<void> => {
    const result = await curation.change<BatchCounts>(
      { author: SYSTEM, idempotency: { key, requestHash: `sha256:${sha(stableJson(request))}` }, bulk: true },
      async (tx) => {
        const head = sourceStored ? [] : await writeSource(tx, src);
        const { counts, entries } = await work(tx);
        // Nothing of the batch to write: the transaction rolls back, the Source with it.
        return entries.length === 0 ? { response: counts, unchanged: true } : { response: counts, changes: [...head, ...entries] };
      },
    );
    for (const [actorRecordId, actorId] of result.response.resolved ?? []) resolved.set(actorRecordId, actorId);
    if (result.outcome === 'replayed') {
      replayed += 1;
      sourceStored = true;
    } else {
      if (result.outcome === 'written') {
        changes += result.seqs.length;
        sourceStored = true;
      }
      add(result.response);
    }
  };

  const flush = async (step = 'records'): Promise<void> => {
    if (batch.length === 0 || source === null) return;
    const current = batch;
    batch = [];
    const src = source;
    const decisions = await decide(current, reads, authorities);
    const first = current[0]!.record.id;
    const last = current[current.length - 1]!.record.id;
    await commit(
      `import:${sha(src.id, src.fileHash, step, first, last).slice(0, 32)}`,
      current.map((p) => [p.record.id, p.record.hash]),
      src,
      (tx) => writeBatch(tx, src, current, decisions, authorities, resolved),
    );
    done += current.length;
    options.onWritten?.(done);
  };

  for await (const item of items) {
    if (item.type === 'source') {
      source = item.source;
      const latest = await reads.latestEdition(source.seriesId);
      planner = new EditionPlanner(source, latest);
      if (latest !== null) for await (const r of reads.seriesRecords(source.seriesId, pageSize)) planner.remember(r.recordId, r.hash);
    } else if (item.type === 'rejection') {
      planner?.rejected(item.rejection);
    } else if (item.type === 'record' && planner !== null) {
      const { record } = item;
      const action = planner.classify(record);
      if (action === null) continue;
      for (const a of record.actors) seenActors.add(a.recordId);
      const references = [
        ...record.sanctions.flatMap((x) => x.targetRecordIds),
        ...record.relations.flatMap((r) => [r.fromRecordId, r.toRecordId]),
      ];
      const known = planner;
      // A claim about an actor the file has not shown yet (FtM files are in no particular order) waits for the end.
      if (action !== 'UNCHANGED' && references.some((r) => !seenActors.has(r) && !known.isStored(r))) deferred.push({ record, action });
      else {
        batch.push({ record, action });
        if (batch.length >= size) await flush();
      }
    }
  }
  await flush();
  for (let i = 0; i < deferred.length; i += size) {
    batch = deferred.slice(i, i + size);
    await flush('deferred');
  }
  if (source !== null && planner !== null && planner.refused === null) {
    const gone = planner.gone();
    for (let i = 0; i < gone.length; i += size) {
      const part = gone.slice(i, i + size);
      const src = source;
      await commit(
        `import:${sha(src.id, src.fileHash, 'gone', part[0]!.recordId, part[part.length - 1]!.recordId).slice(0, 32)}`,
        part.map((g) => g.recordId),
        src,
        (tx) => endRecords(tx, src, part),
      );
    }
  }
  return {
    changes,
    actors: {
      created: totals.actorsCreated,
      matched: totals.actorsMatched,
      review: totals.actorsReview,
      corrected: totals.actorsCorrected,
    },
    sanctions: { created: totals.sanctionsCreated, corrected: totals.sanctionsCorrected, delisted: totals.sanctionsDelisted },
    relations: { created: totals.relationsCreated, corrected: totals.relationsCorrected },
    records: {
      written: totals.written,
      corrected: totals.corrected,
      confirmed: totals.confirmed,
      unchanged: totals.unchanged,
      ended: totals.ended,
      own: totals.own,
    },
    replayedBatches: replayed,
    skipped: { total: skippedTotal, first: skipped },
  };
}

/** The Source node of the edition: created once; a second file for one edition corrects its hash. */
async function writeSource(tx: ChangeTransaction, src: ImportSource): Promise<ChangeEntry[]> {
  const found = await tx.findImportSource(src.id);
  if (found !== null && found.contentHash === src.fileHash) return [];
  const seq = tx.nextSeq();
  const row = {
    id: src.id,
    kind: src.kind,
    title: src.title,
    publisher: src.publisher,
    seriesId: src.seriesId,
    edition: src.edition,
    publishedOn: src.publishedOn,
    fileHash: src.fileHash,
    format: src.format,
    declaredRecords: src.declaredRecords,
  };
  await tx.writeImportSource(row, (found?.version ?? 0) + 1, seq);
  return [{ mutation: 'importSource', ids: [src.id], before: found, after: row, reason: null }];
}

/** Decisions for the actors of new and changed records, and for authorities not yet met: read before the transaction. */
async function decide(
  planned: readonly Planned[],
  reads: ImportReads,
  authorities: Map<string, { actorId: string; decision: MatchDecision | null }>,
): Promise<Map<string, MatchDecision>> {
  const actors = new Map<string, ImportedActor>();
  for (const p of planned) {
    if (p.action === 'UNCHANGED') continue;
    for (const a of p.record.actors) actors.set(a.recordId, a);
    for (const s of p.record.sanctions) {
      if (s.authority !== null && !authorities.has(s.authority)) actors.set(`authority:${s.authority}`, authorityActor(s.authority));
    }
  }
  const queries = [...actors.values()].flatMap((a) => {
    const query = candidateQuery(a);
    return query === null ? [] : [{ key: a.recordId, query }];
  });
  const found = new Map<string, MatchCandidate[]>();
  // In slices of the dry run's batch: one round trip each, bounded.
  for (let i = 0; i < queries.length; i += 50) {
    for (const [k, v] of await reads.candidates(queries.slice(i, i + 50), 10)) found.set(k, v);
  }
  const decisions = new Map<string, MatchDecision>();
  for (const a of actors.values()) {
    const candidates = found.get(a.recordId) ?? [];
    const decision = decideMatch(a, candidates);
    // An authority may be a state ("Canada"), which no GOVERNMENT_BODY candidate rule admits.
    const asState = a.sourceType === 'authority' && decision.outcome !== 'LINK' ? decideMatch({ ...a, kind: 'STATE' }, candidates) : null;
    decisions.set(a.recordId, asState?.outcome === 'LINK' ? asState : decision);
  }
  return decisions;
}

function authorityActor(name: string): ImportedActor {
  return {
    recordId: `authority:${name}`,
    kind: 'GOVERNMENT_BODY',
    name,
    aliases: [],
    country: null,
    identifiers: [],
    description: null,
    sourceType: 'authority',
  };
}

/** The actor an import creates from an imported one. */
function actorModel(a: ImportedActor, id: string): Omit<ActorModel, 'degree'> {
  return { id, kind: a.kind, name: a.name, aliases: [...a.aliases], country: a.country, description: a.description };
}

/** Everything a batch transaction collects before it writes, in the order the statements need. */
class BatchWrites {
  readonly actors: Parameters<ChangeTransaction['writeActors']>[0][number][] = [];
  readonly snapshots: Parameters<ChangeTransaction['snapshotActors']>[0][number][] = [];
  readonly retireEdges: Parameters<ChangeTransaction['retireRelationships']>[0][number][] = [];
  readonly retireSanctions: Parameters<ChangeTransaction['retireSanctions']>[0][number][] = [];
  readonly sanctions: Parameters<ChangeTransaction['createSanctions']>[0][number][] = [];
  readonly relationships: Parameters<ChangeTransaction['createRelationships']>[0][number][] = [];
  readonly records: SourceRecordRow[] = [];
  readonly reviews: MatchReviewRow[] = [];
  readonly confirmed: string[] = [];

  async run(tx: ChangeTransaction, src: ImportSource): Promise<void> {
    // Retire first (a correction keeps the id), then create actors before what points at them.
    await tx.retireRelationships(this.retireEdges);
    await tx.retireSanctions(this.retireSanctions);
    await tx.snapshotActors(this.snapshots);
    await tx.writeActors(this.actors);
    await tx.createSanctions(this.sanctions);
    await tx.createRelationships(this.relationships);
    await tx.writeSourceRecords(this.records);
    await tx.storeMatchReviews(this.reviews);
    await tx.confirmSourceRecords(src.seriesId, editionOf(src), this.confirmed);
  }
}

/**
 * Resolves the actor ids of a batch: from this batch's records, else from earlier batches of this run,
 * else from what earlier imports of the series stored.
 */
class ActorResolver {
  private readonly local = new Map<string, string>();
  private readonly storedActors = new Map<string, string>();

  constructor(
    stored: ReadonlyMap<string, StoredSourceRecord>,
    private readonly earlier: ReadonlyMap<string, string>,
  ) {
    for (const record of stored.values()) for (const a of record.actors) this.storedActors.set(a.actorRecordId, a.actorId);
  }

  set(actorRecordId: string, actorId: string): void {
    this.local.set(actorRecordId, actorId);
  }

  get(actorRecordId: string): string | null {
    // An FtM actor is its own record and an SDN entry's actor shares the entry's id, so a stored record of
    // that id describes it; a CSV actor is found through the run's earlier batches.
    return this.local.get(actorRecordId) ?? this.earlier.get(actorRecordId) ?? this.storedActors.get(actorRecordId) ?? null;
  }

  /** What this batch resolved. */
  entries(): [string, string][] {
    return [...this.local];
  }
}

/** Writes one batch of records (NEW, CHANGED, UNCHANGED) in one transaction, one Change per record. */
async function writeBatch(
  tx: ChangeTransaction,
  src: ImportSource,
  planned: readonly Planned[],
  decisions: ReadonlyMap<string, MatchDecision>,
  authorities: Map<string, { actorId: string; decision: MatchDecision | null }>,
  resolved: ReadonlyMap<string, string>,
): Promise<{ counts: BatchCounts; entries: ChangeEntry[] }> {
  const counts = zero();
  const entries: ChangeEntry[] = [];
  const writes = new BatchWrites();
  // Actors this transaction creates: a file may describe one actor in several records (CSV rows).
  const createdHere = new Set<string>();
  const referenced = planned.flatMap((p) => [
    p.record.id,
    ...p.record.actors.map((a) => a.recordId),
    ...p.record.sanctions.flatMap((s) => s.targetRecordIds),
    ...p.record.relations.flatMap((r) => [r.fromRecordId, r.toRecordId]),
  ]);
  const stored = await tx.recordsForWrite(src.seriesId, referenced);
  const resolver = new ActorResolver(stored, resolved);

  // Ids an FtM export of this graph carries (its own actor, relationship and SANCTIONED edge ids).
  const liveActors = await tx.findActors(
    planned.flatMap((p) => (p.action === 'NEW' ? p.record.actors.map((a) => a.recordId) : [])).filter(isSlug),
  );
  const ownIds = planned.flatMap((p) =>
    p.action === 'NEW' ? [...p.record.relations.map((r) => r.recordId), ...p.record.sanctions.map((s) => s.recordId)] : [],
  );
  const liveOwn = await tx.findLiveRelationships(ownIds.filter(isSlugish));

  // This graph's own export: every actor is ours by id and name, every claim ours by id (nothing to write).
  const own = new Set(
    planned
      .filter((p) => p.action === 'NEW' && !stored.has(p.record.id) && isOwnExport(p.record, liveActors, liveOwn))
      .map((p) => p.record.id),
  );

  // Authorities: matched before the transaction; created here when no actor holds the name.
  const authorityIds = new Map<string, string>();
  const newAuthorities: string[] = [];
  for (const p of planned) {
    if (p.action === 'UNCHANGED' || own.has(p.record.id)) continue;
    for (const s of p.record.sanctions) {
      if (s.authority === null || authorityIds.has(s.authority)) continue;
      const known = authorities.get(s.authority);
      if (known !== undefined) {
        authorityIds.set(s.authority, known.actorId);
        continue;
      }
      const d = decisions.get(`authority:${s.authority}`);
      if (d?.outcome === 'LINK') authorityIds.set(s.authority, d.actorId);
      else {
        authorityIds.set(s.authority, authorityActorId(s.authority));
        newAuthorities.push(s.authority);
      }
    }
  }
  const existingAuthorities = await tx.findActors(newAuthorities.map(authorityActorId));
  for (const name of newAuthorities) {
    const id = authorityActorId(name);
    if (!existingAuthorities.has(id)) {
      const seq = tx.nextSeq();
      const actor = actorModel(authorityActor(name), id);
      writes.actors.push({ actor, version: 1, seq });
      entries.push({
        mutation: 'importActor',
        ids: [id],
        before: null,
        after: { ...actor, source: src.id, as: 'authority' },
        reason: `authority named by ${src.id}`,
      });
      counts.actorsCreated += 1;
    }
  }

  // Live state of what CHANGED records wrote, read once for the batch.
  const changedStored = planned.filter((p) => p.action === 'CHANGED').map((p) => stored.get(p.record.id));
  const sanctionIds = planned.flatMap((p) =>
    p.action === 'UNCHANGED' ? [] : p.record.sanctions.map((_, i) => importedSanctionId(src.seriesId, p.record.id, i)),
  );
  const relationIds = planned.flatMap((p) =>
    p.action === 'UNCHANGED' ? [] : p.record.relations.map((r, i) => importedRelationId(r.type, src.seriesId, p.record.id, i)),
  );
  const liveSanctions = await tx.findSanctions([...sanctionIds, ...changedStored.flatMap((s) => s?.sanctionIds ?? [])]);
  const sanctionVersions = await tx.lastSanctionVersions(sanctionIds);
  const liveRelations = await tx.findLiveRelationships([...relationIds, ...changedStored.flatMap((s) => s?.relationIds ?? [])]);
  const relationVersions = await tx.lastRelationshipVersions(relationIds);
  const createdIds = planned.flatMap((p) =>
    p.action === 'UNCHANGED' ? [] : p.record.actors.map((a) => importedActorId(src.seriesId, a.recordId)),
  );
  const liveCreated = await tx.findActors(createdIds);

  for (const p of planned) {
    const { record } = p;
    const before = stored.get(record.id) ?? null;
    if (p.action === 'UNCHANGED') {
      if (before !== null && before.lastEdition !== editionOf(src)) writes.confirmed.push(record.id);
      else counts.unchanged += 1;
      continue;
    }
    if (own.has(record.id)) {
      counts.own += 1;
      for (const a of record.actors) resolver.set(a.recordId, a.recordId);
      continue;
    }
    const seq = tx.nextSeq();
    const ids: string[] = [];
    const describes: SourceRecordRow['describes'][number][] = [];
    const actorsAfter: unknown[] = [];
    const actorsBefore: unknown[] = [];
    for (const a of record.actors) {
      const prior = before?.actors.find((x) => x.actorRecordId === a.recordId) ?? null;
      if (prior !== null) {
        resolver.set(a.recordId, prior.actorId);
        describes.push({ actorRecordId: a.recordId, actorId: prior.actorId, score: null, rule: null, matched: prior.matched });
        ids.push(prior.actorId);
        // Only an actor the import created is corrected from its record; a linked one is curated data.
        const live = liveCreated.get(prior.actorId);
        if (!prior.matched && live !== undefined) {
          const next = actorModel(a, prior.actorId);
          if (actorContent(live) !== actorContent(next)) {
            writes.snapshots.push({ id: prior.actorId, seq, reason: 'CORRECTED' });
            writes.actors.push({ actor: next, version: (live.recorded?.version ?? 1) + 1, seq });
            actorsBefore.push(actorJson(live));
            actorsAfter.push(next);
            counts.actorsCorrected += 1;
          }
        }
        continue;
      }
      // An actor another record of this file already described (a CSV row naming a company of an earlier row).
      const known = resolver.get(a.recordId);
      if (known !== null) {
        const matched = known !== importedActorId(src.seriesId, a.recordId);
        describes.push({ actorRecordId: a.recordId, actorId: known, score: null, rule: matched ? 'SAME_RECORD' : null, matched });
        ids.push(known);
        continue;
      }
      const decision = decisions.get(a.recordId) ?? { outcome: 'NEW' as const, best: null };
      const ownId = liveActors.get(a.recordId);
      if (ownId !== undefined && ownId.name === a.name) {
        resolver.set(a.recordId, ownId.id);
        describes.push({ actorRecordId: a.recordId, actorId: ownId.id, score: 1, rule: 'SAME_ID', matched: true });
        ids.push(ownId.id);
        counts.actorsMatched += 1;
        continue;
      }
      if (decision.outcome === 'LINK') {
        resolver.set(a.recordId, decision.actorId);
        describes.push({ actorRecordId: a.recordId, actorId: decision.actorId, score: decision.score, rule: decision.rule, matched: true });
        ids.push(decision.actorId);
        actorsAfter.push({ recordId: a.recordId, linked: decision.actorId, score: decision.score, rule: decision.rule });
        counts.actorsMatched += 1;
        continue;
      }
      const id = importedActorId(src.seriesId, a.recordId);
      resolver.set(a.recordId, id);
      const live = liveCreated.get(id);
      if (live === undefined && !createdHere.has(id)) {
        createdHere.add(id);
        const actor = actorModel(a, id);
        writes.actors.push({ actor, version: 1, seq });
        actorsAfter.push(actor);
        counts.actorsCreated += 1;
      }
      const best = decision.outcome === 'NEW' ? decision.best : null;
      describes.push({ actorRecordId: a.recordId, actorId: id, score: best?.score ?? null, rule: best?.rule ?? null, matched: false });
      ids.push(id);
      if (decision.outcome === 'REVIEW') {
        const reviewId = matchReviewId(src.seriesId, record.id, id);
        writes.reviews.push({
          id: reviewId,
          seriesId: src.seriesId,
          recordId: record.id,
          sourceId: src.id,
          name: a.name,
          kind: a.kind,
          country: a.country,
          actorId: id,
          seq,
          candidates: decision.candidates.map((c, i) => ({ actorId: c.actorId, score: c.score, rule: c.rule, rank: i + 1 })),
        });
        actorsAfter.push({ review: reviewId, reason: decision.reason, candidates: decision.candidates });
        counts.actorsReview += 1;
      }
    }

    const sanctionsAfter: SanctionModel[] = [];
    const sanctionsBefore: SanctionModel[] = [];
    const writtenSanctions: string[] = [];
    for (const [i, s] of record.sanctions.entries()) {
      const id = importedSanctionId(src.seriesId, record.id, i);
      const live = liveSanctions.get(id);
      const built = sanctionModel(src, record, s, id, resolver, authorityIds, live);
      if ('skip' in built) {
        counts.skipped.push(built.skip);
        continue;
      }
      writtenSanctions.push(id);
      const next = built.sanction;
      if (live !== undefined) {
        const cited = { ...next, evidence: { ...next.evidence, sourceId: live.evidence.sourceId } };
        if (sanctionContent(live) === sanctionContent(cited)) continue;
        writes.retireEdges.push(...sanctionedEdges(live).map((relationship) => ({ relationship, seq, reason: 'CORRECTED' as const })));
        writes.retireSanctions.push({ id, seq, reason: 'CORRECTED' });
        sanctionsBefore.push(live);
        counts.sanctionsCorrected += 1;
      } else counts.sanctionsCreated += 1;
      const version = live !== undefined ? (live.recorded?.version ?? 1) + 1 : (sanctionVersions.get(id) ?? 0) + 1;
      writes.sanctions.push({ sanction: next, version, seq, record: { seriesId: src.seriesId, recordId: record.id } });
      const edges = sanctionedEdges(next);
      writes.relationships.push(...edges.map((relationship) => ({ relationship, version, seq })));
      ids.push(id, ...edges.map((e) => e.id));
      sanctionsAfter.push(next);
    }
    // A sanction the changed record no longer states is retracted (kept as history).
    for (const oldId of before?.sanctionIds ?? []) {
      const live = liveSanctions.get(oldId);
      if (writtenSanctions.includes(oldId) || live === undefined) continue;
      writes.retireEdges.push(...sanctionedEdges(live).map((relationship) => ({ relationship, seq, reason: 'RETRACTED' as const })));
      writes.retireSanctions.push({ id: oldId, seq, reason: 'RETRACTED' });
      sanctionsBefore.push(live);
      ids.push(oldId);
    }

    const relationsAfter: RelationshipModel[] = [];
    const relationsBefore: RelationshipModel[] = [];
    const writtenRelations: string[] = [];
    for (const [i, r] of record.relations.entries()) {
      const id = importedRelationId(r.type, src.seriesId, record.id, i);
      const built = relationModel(src, record, r, id, resolver, liveRelations.get(id));
      if ('skip' in built) {
        counts.skipped.push(built.skip);
        continue;
      }
      writtenRelations.push(id);
      const next = built.relationship;
      const live = liveRelations.get(id);
      if (live !== undefined) {
        const cited = { ...next, evidence: { ...next.evidence, sourceId: live.evidence.sourceId } };
        if (relationshipContent(live) === relationshipContent({ ...cited, recorded: live.recorded })) continue;
        writes.retireEdges.push({ relationship: live, seq, reason: 'CORRECTED' });
        relationsBefore.push(live);
        counts.relationsCorrected += 1;
      } else counts.relationsCreated += 1;
      const version = live !== undefined ? (live.recorded?.version ?? 1) + 1 : (relationVersions.get(id) ?? 0) + 1;
      writes.relationships.push({ relationship: next, version, seq });
      ids.push(id);
      relationsAfter.push(next);
    }
    for (const oldId of before?.relationIds ?? []) {
      const live = liveRelations.get(oldId);
      if (writtenRelations.includes(oldId) || live === undefined) continue;
      writes.retireEdges.push({ relationship: live, seq, reason: 'RETRACTED' });
      relationsBefore.push(live);
      ids.push(oldId);
    }

    writes.records.push({
      seriesId: src.seriesId,
      recordId: record.id,
      hash: record.hash,
      edition: editionOf(src),
      sourceId: src.id,
      seq,
      sanctionIds: writtenSanctions,
      relationIds: writtenRelations,
      describes,
    });
    const provenance = { seriesId: src.seriesId, recordId: record.id, edition: src.edition, source: src.id, hash: record.hash };
    if (p.action === 'NEW') {
      counts.written += 1;
      entries.push({
        mutation: 'importRecord',
        ids: [...new Set(ids)],
        before: null,
        after: { record: provenance, actors: actorsAfter, sanctions: sanctionsAfter, relations: relationsAfter },
        reason: null,
      });
    } else {
      counts.corrected += 1;
      entries.push({
        mutation: 'correctRecord',
        ids: [...new Set(ids)],
        before: { hash: before?.hash ?? null, actors: actorsBefore, sanctions: sanctionsBefore, relations: relationsBefore },
        after: { record: provenance, actors: actorsAfter, sanctions: sanctionsAfter, relations: relationsAfter },
        reason: `record ${record.id} changed in ${src.id}`,
      });
    }
  }
  if (writes.confirmed.length > 0) {
    tx.nextSeq();
    counts.confirmed += writes.confirmed.length;
    entries.push({
      mutation: 'confirmRecords',
      ids: writes.confirmed,
      before: null,
      after: { seriesId: src.seriesId, edition: src.edition, source: src.id, records: writes.confirmed.length },
      reason: `unchanged in ${src.id}`,
    });
  }
  if (entries.length > 0) await writes.run(tx, src);
  for (const [name, actorId] of authorityIds) authorities.set(name, { actorId, decision: null });
  counts.resolved = resolver.entries();
  return { counts, entries };
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const isSlug = (id: string): boolean => SLUG.test(id) && id.length <= 200;
/** Relationship ids of this graph: slugs, and SANCTIONED edge ids (`sanction:authority:target`). */
const isSlugish = (id: string): boolean => /^[a-z0-9][a-z0-9:-]*$/.test(id) && id.length <= 600;

/** A record of this graph's own FtM export: its actors are live actors by id and name, its claims live relationships by id and ends. */
function isOwnExport(
  record: ImportRecord,
  liveActors: ReadonlyMap<string, ActorModel>,
  liveOwn: ReadonlyMap<string, RelationshipModel>,
): boolean {
  for (const a of record.actors) {
    const live = liveActors.get(a.recordId);
    if (live === undefined || live.name !== a.name) return false;
  }
  // FtM cannot hold every kind and type of ours (an export writes a STATE as a PublicBody, PART_OF as a
  // Membership): the id, the name and the ends are what say the record is this graph's own.
  for (const r of record.relations) {
    const live = liveOwn.get(r.recordId);
    if (live === undefined || live.fromId !== r.fromRecordId || live.toId !== r.toRecordId) return false;
  }
  for (const s of record.sanctions) {
    const live = liveOwn.get(s.recordId);
    if (live === undefined || live.type !== 'SANCTIONED' || !s.targetRecordIds.includes(live.toId)) return false;
  }
  return record.actors.length + record.relations.length + record.sanctions.length > 0;
}

function actorJson(a: ActorModel): Record<string, unknown> {
  const { degree: _degree, ...rest } = a as ActorModel & { seeded?: unknown; mentions?: unknown };
  delete rest.seeded;
  delete rest.mentions;
  return rest;
}

/** The sanction a record states, or why it cannot be written. */
function sanctionModel(
  src: ImportSource,
  record: ImportRecord,
  s: ImportedSanction,
  id: string,
  resolver: ActorResolver,
  authorityIds: ReadonlyMap<string, string>,
  live: SanctionModel | undefined,
): { sanction: SanctionModel } | { skip: SkippedPart } {
  if (s.authority === null)
    return { skip: { recordId: record.id, reason: 'NO_AUTHORITY', detail: `sanction ${s.recordId} names no authority` } };
  const authority = authorityIds.get(s.authority);
  if (authority === undefined)
    return { skip: { recordId: record.id, reason: 'NO_AUTHORITY', detail: `authority ${s.authority} unresolved` } };
  const targets: string[] = [];
  for (const t of s.targetRecordIds) {
    const actorId = resolver.get(t);
    if (actorId === null)
      return { skip: { recordId: record.id, reason: 'UNRESOLVED_REFERENCE', detail: `target ${t} is no actor of this file or series` } };
    if (!targets.includes(actorId)) targets.push(actorId);
  }
  const listed = fuzzyFromIso(s.listingDate ?? s.startDate);
  // An undated listing is known only to hold by the edition that first showed it: keep that bound.
  const bounded =
    listed === null
      ? live !== undefined && live.timeBasis === 'BOUNDED'
        ? live.date
        : fuzzyFromIso(src.publishedOn, `listed in ${src.id}`)
      : null;
  const date = listed ?? bounded;
  if (date === null)
    return { skip: { recordId: record.id, reason: 'UNDATED', detail: `sanction ${s.recordId} has no date and ${src.id} none` } };
  const ended = fuzzyFromIso(s.endDate);
  const evidence = {
    sourceId: src.id,
    sentences: [],
    records: [record.id],
    // In words that stay the same from one edition to the next (the edition is the evidence's source).
    claim: `${s.authority} lists record ${s.targetRecordIds.join(', ')} of ${src.seriesId}${s.programs.length > 0 ? ` under ${s.programs.join(', ')}` : ''}.`,
    confidence: LIST_CONFIDENCE,
    status: 'ASSERTED' as const,
    inferredFrom: null,
    needsReview: null,
  };
  // A delisting's evidence stores no records (mappers.ts toDelisting): its edition is its source.
  const { records: _records, ...cited } = evidence;
  const party = (actorId: string, role: SanctionPartyModel['role']): SanctionPartyModel => ({
    actorId,
    role,
    sentences: [],
    status: 'ASSERTED',
    confidence: LIST_CONFIDENCE,
    inferredFrom: null,
  });
  const parties = [party(authority, 'AUTHORITY'), ...targets.filter((t) => t !== authority).map((t) => party(t, 'TARGET'))];
  return {
    sanction: {
      id,
      measure: s.measure,
      program: s.programs.length > 0 ? s.programs.join('; ') : null,
      listId: null,
      date,
      reason: s.reason,
      reasonStatus: s.reason === null ? null : 'ASSERTED',
      note: s.authorityId === null ? null : `${s.authority} id ${s.authorityId}`,
      joint: false,
      timeBasis: listed !== null ? 'DATED' : 'BOUNDED',
      authorityIds: [authority],
      targetIds: parties.filter((x) => x.role === 'TARGET').map((x) => x.actorId),
      parties,
      evidence,
      delisting: ended === null ? null : { date: ended, evidence: { ...cited, claim: `${evidence.claim} It ended on ${s.endDate}.` } },
    },
  };
}

/** The relationship a record states, or why it cannot be written. */
function relationModel(
  src: ImportSource,
  record: ImportRecord,
  r: ImportedRelation,
  id: string,
  resolver: ActorResolver,
  live: RelationshipModel | undefined,
): { relationship: RelationshipModel } | { skip: SkippedPart } {
  const fromId = resolver.get(r.fromRecordId);
  const toId = resolver.get(r.toRecordId);
  if (fromId === null || toId === null) {
    const missing = fromId === null ? r.fromRecordId : r.toRecordId;
    return { skip: { recordId: record.id, reason: 'UNRESOLVED_REFERENCE', detail: `end ${missing} is no actor of this file or series` } };
  }
  const validFrom = fuzzyFromIso(r.startDate);
  const validTo = fuzzyFromIso(r.endDate);
  if (validFrom !== null && validTo !== null && validFrom.date > validTo.date)
    return { skip: { recordId: record.id, reason: 'INVALID_PERIOD', detail: `${r.startDate} is after ${r.endDate}` } };
  return {
    relationship: {
      id,
      type: r.type,
      fromId,
      toId,
      role: r.role,
      topics: [],
      sanctionId: null,
      date: null,
      validFrom,
      validTo,
      // An undated relation is known to hold by the edition that first stated it: keep that bound.
      noLaterThan: validFrom === null ? (live?.noLaterThan ?? fuzzyFromIso(src.publishedOn, `stated in ${src.id}`)) : null,
      evidence: {
        sourceId: src.id,
        sentences: [],
        records: [record.id],
        claim: r.claim,
        confidence: LIST_CONFIDENCE,
        status: 'ASSERTED',
        inferredFrom: null,
        needsReview: null,
      },
    },
  };
}

/** Ends records a newer edition no longer holds: each one's live sanctions get the edition's date as their delisting. */
async function endRecords(
  tx: ChangeTransaction,
  src: ImportSource,
  gone: readonly GoneRecord[],
): Promise<{ counts: BatchCounts; entries: ChangeEntry[] }> {
  const counts = zero();
  const entries: ChangeEntry[] = [];
  const stored = await tx.recordsForWrite(
    src.seriesId,
    gone.map((g) => g.recordId),
  );
  const live = await tx.findSanctions([...stored.values()].flatMap((r) => r.sanctionIds));
  const writes = new BatchWrites();
  const ended: { recordId: string; seq: number }[] = [];
  const endedOn = gone[0]?.endedOn ?? null;
  for (const g of gone) {
    const record = stored.get(g.recordId);
    if (record === undefined || record.endedIn !== null) continue;
    const seq = tx.nextSeq();
    ended.push({ recordId: g.recordId, seq });
    const before: SanctionModel[] = [];
    const after: SanctionModel[] = [];
    const ids: string[] = [];
    for (const id of record.sanctionIds) {
      const s = live.get(id);
      if (s === undefined || (s.delisting ?? null) !== null || g.endedOn === null) continue;
      const delisted: SanctionModel = {
        ...s,
        recorded: undefined,
        delisting: {
          date: { date: g.endedOn, precision: 'DAY', derivation: `absent from ${src.id}: delisted on or before its publication` },
          evidence: {
            sourceId: src.id,
            sentences: [],
            claim: `${src.title} of ${g.endedOn} no longer holds record ${g.recordId}.`,
            confidence: DELISTING_CONFIDENCE,
            status: 'ASSERTED',
            inferredFrom: null,
            needsReview: null,
          },
        },
      };
      const version = (s.recorded?.version ?? 1) + 1;
      writes.retireEdges.push(...sanctionedEdges(s).map((relationship) => ({ relationship, seq, reason: 'CORRECTED' as const })));
      writes.retireSanctions.push({ id, seq, reason: 'CORRECTED' });
      writes.sanctions.push({ sanction: delisted, version, seq, record: { seriesId: src.seriesId, recordId: g.recordId } });
      const edges = sanctionedEdges(delisted);
      writes.relationships.push(...edges.map((relationship) => ({ relationship, version, seq })));
      ids.push(id, ...edges.map((e) => e.id));
      before.push(s);
      after.push(delisted);
      counts.sanctionsDelisted += 1;
    }
    counts.ended += 1;
    entries.push({
      mutation: 'delistRecord',
      ids: [...new Set(ids)],
      before: { record: g.recordId, sanctions: before },
      after: { record: g.recordId, endedIn: editionOf(src), endedOn: g.endedOn, sanctions: after },
      reason: `record ${g.recordId} is not in ${src.id}`,
    });
  }
  if (entries.length > 0) {
    await writes.run(tx, src);
    await tx.endSourceRecords(src.seriesId, editionOf(src), endedOn, ended);
  }
  return { counts, entries };
}
