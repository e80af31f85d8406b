/**
 * The dry run of an import: parse (an importer's items), plan the edition against what is stored, match
 * the actors of new records against the graph in bounded batches, and count what a write would do. It
 * reads the graph and writes nothing; the write step (issue 15's curation service) takes the same plan.
 */
import { EditionPlanner, type GoneRecord, type PlanRefusal } from './editions.js';
import { candidateQuery, decideMatch, type MatchCandidate, type MatchDecision } from './matching.js';
import type { ImportedActor, ImportItem, ImportSource, Rejection, RejectionReason } from './model.js';

/** The reads a dry run needs (MatchRepository has them). */
export interface ImportReads {
  candidates(queries: readonly { key: string; query: string }[], limit: number): Promise<Map<string, MatchCandidate[]>>;
  latestEdition(seriesId: string): Promise<{ edition: string | null; publishedOn: string | null; fileHash: string | null } | null>;
  seriesRecords(seriesId: string, pageSize: number): AsyncIterable<{ recordId: string; hash: string }>;
}

/** How a dry run batches its reads. */
export interface DryRunOptions {
  /** Imported actors matched per round trip. */
  readonly batchSize?: number;
  /** Candidates read per imported actor. */
  readonly candidatesPerActor?: number;
  /** Stored records read per round trip. */
  readonly pageSize?: number;
  /** Called after each record or rejection, for progress. */
  readonly onRecord?: (records: number) => void;
}

/** The default batch: 50 actors, 10 candidates each, so one round trip returns at most 500 short rows (and stays far below the transaction timeout on a loaded machine: about 0.7 s measured). */
export const DRY_RUN_DEFAULTS = { batchSize: 50, candidatesPerActor: 10, pageSize: 5000 } as const;

/** One matched or reviewed actor, for the summary. */
export interface MatchReport {
  readonly recordId: string;
  readonly name: string;
  readonly decision: MatchDecision;
}

/** What a write of the file would do. */
export interface ImportSummary {
  readonly source: ImportSource | null;
  readonly previousEdition: string | null;
  /** Null when the plan may be written; otherwise why nothing at all would be. */
  readonly refused: PlanRefusal | null;
  readonly goneWithheld: string | null;
  readonly records: {
    readonly read: number;
    readonly new: number;
    readonly changed: number;
    readonly unchanged: number;
    readonly gone: number;
    readonly rejected: number;
  };
  /** Actors of new records, authorities included: created, linked to an existing actor, or left for review. */
  readonly actors: { readonly created: number; readonly matched: number; readonly review: number };
  readonly sanctions: { readonly created: number; readonly updated: number };
  readonly relations: { readonly created: number; readonly updated: number };
  readonly rejectedByReason: Partial<Record<RejectionReason, number>>;
  /** The first rejections, for the report (at most 20). */
  readonly rejections: readonly Rejection[];
  /** Matched and reviewed actors (at most 50), in file order. */
  readonly matches: readonly MatchReport[];
  readonly gone: readonly GoneRecord[];
  readonly unmapped: Readonly<Record<string, number>>;
  /**
   * Ends of new relations and targets of new sanctions that name no actor of this file (the entity was
   * rejected, or is in another file): the write resolves them from the series' stored records or skips
   * the claim. The first 20, and how many in all.
   */
  readonly unresolved: { readonly total: number; readonly first: readonly { readonly recordId: string; readonly refersTo: string }[] };
}

const KEPT_REJECTIONS = 20;
const KEPT_MATCHES = 50;
const KEPT_GONE = 1000;

/**
 * Runs the dry run over an importer's items.
 *
 * @example
 * const summary = await dryRun(importSdn({ file, fileHash }), new MatchRepository(graph, trace));
 */
export async function dryRun(items: AsyncIterable<ImportItem>, reads: ImportReads, options: DryRunOptions = {}): Promise<ImportSummary> {
  const { batchSize, candidatesPerActor, pageSize } = { ...DRY_RUN_DEFAULTS, ...options };
  let source: ImportSource | null = null;
  let planner: EditionPlanner | null = null;
  let previousEdition: string | null = null;
  const records = { read: 0, new: 0, changed: 0, unchanged: 0, gone: 0, rejected: 0 };
  const actors = { created: 0, matched: 0, review: 0 };
  const sanctions = { created: 0, updated: 0 };
  const relations = { created: 0, updated: 0 };
  const rejectedByReason: Partial<Record<RejectionReason, number>> = {};
  const rejections: Rejection[] = [];
  const matches: MatchReport[] = [];
  let unmapped: Readonly<Record<string, number>> = {};
  // One entry per distinct actor of new records: the file may name one actor in many records.
  const decided = new Set<string>();
  // Every actor record id of the file, and the references of new records not yet resolved by one.
  const actorIds = new Set<string>();
  const references: { recordId: string; refersTo: string }[] = [];
  let pending: ImportedActor[] = [];

  const flush = async (): Promise<void> => {
    const batch = pending;
    pending = [];
    const queries = batch.flatMap((a) => {
      const query = candidateQuery(a);
      return query === null ? [] : [{ key: a.recordId, query }];
    });
    const found = await reads.candidates(queries, candidatesPerActor);
    for (const actor of batch) {
      const decision = decideMatch(actor, found.get(actor.recordId) ?? []);
      if (decision.outcome === 'NEW') actors.created += 1;
      else {
        if (decision.outcome === 'LINK') actors.matched += 1;
        else actors.review += 1;
        if (matches.length < KEPT_MATCHES) matches.push({ recordId: actor.recordId, name: actor.name, decision });
      }
    }
  };
  const enqueue = async (actor: ImportedActor): Promise<void> => {
    if (decided.has(actor.recordId)) return;
    decided.add(actor.recordId);
    pending.push(actor);
    if (pending.length >= batchSize) await flush();
  };
  const reject = (rejection: Rejection): void => {
    records.rejected += 1;
    rejectedByReason[rejection.reason] = (rejectedByReason[rejection.reason] ?? 0) + 1;
    if (rejections.length < KEPT_REJECTIONS) rejections.push(rejection);
    planner?.rejected(rejection);
  };

  for await (const item of items) {
    if (item.type === 'source') {
      source = item.source;
      const latest = await reads.latestEdition(source.seriesId);
      previousEdition = latest?.edition ?? null;
      planner = new EditionPlanner(source, latest);
      if (latest !== null) for await (const r of reads.seriesRecords(source.seriesId, pageSize)) planner.remember(r.recordId, r.hash);
    } else if (item.type === 'end') {
      unmapped = item.stats.unmapped;
    } else if (planner === null) {
      throw new Error('an importer yielded a record before its source');
    } else if (item.type === 'rejection') {
      records.read += 1;
      reject(item.rejection);
      options.onRecord?.(records.read);
    } else {
      const { record } = item;
      records.read += 1;
      for (const actor of record.actors) actorIds.add(actor.recordId);
      const action = planner.classify(record);
      if (action === null) {
        reject({
          recordId: record.id,
          position: record.position,
          reason: 'DUPLICATE_RECORD',
          detail: `a second record ${record.id}`,
          fatal: false,
        });
      } else if (action === 'NEW') {
        records.new += 1;
        sanctions.created += record.sanctions.length;
        relations.created += record.relations.length;
        for (const actor of record.actors) await enqueue(actor);
        for (const refersTo of [
          ...record.sanctions.flatMap((x) => x.targetRecordIds),
          ...record.relations.flatMap((r) => [r.fromRecordId, r.toRecordId]),
        ]) {
          if (!actorIds.has(refersTo)) references.push({ recordId: record.id, refersTo });
        }
        for (const s of record.sanctions) {
          if (s.authority !== null)
            await enqueue({
              recordId: `authority:${s.authority}`,
              kind: 'GOVERNMENT_BODY',
              name: s.authority,
              aliases: [],
              country: null,
              identifiers: [],
              description: null,
              sourceType: 'authority',
            });
        }
      } else if (action === 'CHANGED') {
        records.changed += 1;
        sanctions.updated += record.sanctions.length;
        relations.updated += record.relations.length;
      } else {
        records.unchanged += 1;
      }
      options.onRecord?.(records.read);
    }
  }
  if (pending.length > 0) await flush();
  const unresolved = references.filter((r) => !actorIds.has(r.refersTo));
  const gone = planner?.gone() ?? [];
  records.gone = gone.length;
  return {
    source,
    previousEdition,
    refused: planner?.refused ?? null,
    goneWithheld: planner?.goneWithheld ?? null,
    records,
    actors,
    sanctions,
    relations,
    rejectedByReason,
    rejections,
    matches,
    gone: gone.slice(0, KEPT_GONE),
    unmapped,
    unresolved: { total: unresolved.length, first: unresolved.slice(0, KEPT_REJECTIONS) },
  };
}
