import DataLoader from 'dataloader';

import { invariant } from '../errors/app-error.js';
import type { GraphRepository, RelationshipPage, RelationshipPageQuery, RelationshipRef } from '../graph/graph-repository.js';
import type {
  ActorModel,
  ActorRecord,
  EdgeFilter,
  MentionModel,
  RelationshipModel,
  RelationshipRecord,
  RelationshipType,
  SanctionModel,
  SanctionRecord,
  SourceModel,
} from '../graph/model.js';
import { OperationTrace } from '../graph/operation-trace.js';
import type { DisputeModel } from '../graph/research-model.js';
import { BatchScheduler } from './batch-scheduler.js';

/** Records a statement of this operation already returned, kept apart from DataLoader's caches. */
interface Held<W, L> {
  /** Whole records by id. */
  readonly whole: Map<string, W>;
  /** Lean records by id (see TraversalDetail), served only where a lean record will do. */
  readonly lean: Map<string, L>;
}

/** The key of the loader of one page query: the query's JSON (the same query, field for field, shares a batch). */
const relationshipsKey = (page: RelationshipPageQuery): string => `relationships:${JSON.stringify(page)}`;

/** The whole record of each kind a traversal may project lean, and the record it may hold instead. */
export interface LeanKinds {
  readonly actor: { readonly whole: ActorModel; readonly record: ActorRecord };
  readonly relationship: { readonly whole: RelationshipModel; readonly record: RelationshipRecord };
  readonly sanction: { readonly whole: SanctionModel; readonly record: SanctionRecord };
}

/**
 * Per-request DataLoaders: every field that needs the graph for many parents at once goes through one
 * of these, so a query level costs one round trip whatever the number of parents.
 *
 * Two rules make the number of round trips of an operation the same on every run (issue 11):
 * - batches are sent in waves by a {@link BatchScheduler}, never at the end of whichever tick an answer
 *   happened to arrive in;
 * - a batch looks up what statements already returned (`held`) when it is sent, not when its keys were
 *   asked for: a key asked for before another answer of the same wave primed it costs nothing, as it
 *   would have had the answers arrived the other way round.
 */
export class Loaders {
  /** Actors by id; may hold lean actors a traversal primed (see {@link Loaders.whole}). */
  readonly actor: DataLoader<string, ActorRecord | undefined>;
  readonly source: DataLoader<string, SourceModel | undefined>;
  /** Sanctions by id; may hold lean sanctions a traversal primed. */
  readonly sanction: DataLoader<string, SanctionRecord | undefined>;
  /** Relationships by id alone (a federation gateway's references); each one found serves `whole` too. */
  readonly relationship: DataLoader<string, RelationshipModel | undefined>;
  // Whole records only: what a field left out of a lean traversal result is read from.
  private readonly wholeActor: DataLoader<string, ActorModel | undefined>;
  private readonly wholeSanction: DataLoader<string, SanctionModel | undefined>;
  private readonly wholeRelationship: DataLoader<RelationshipRef, RelationshipModel | undefined, string>;
  private readonly keyed = new Map<string, DataLoader<string, unknown>>();
  /** Pages compiled statements returned, by `<loader key>\n<actor id>`: see {@link Loaders.primedRelationships}. */
  private readonly primedPages = new Map<string, RelationshipPage>();
  private readonly actors: Held<ActorModel, ActorRecord> = { whole: new Map(), lean: new Map() };
  private readonly sanctions: Held<SanctionModel, SanctionRecord> = { whole: new Map(), lean: new Map() };
  private readonly batchScheduleFn: (dispatch: () => void) => void;

  constructor(private readonly repo: GraphRepository) {
    // A repository without a trace (a script's, or a test's stand-in) batches per tick, as DataLoader does.
    const trace = repo.counter instanceof OperationTrace ? repo.counter : undefined;
    this.batchScheduleFn = trace ? new BatchScheduler(trace).schedule : (dispatch) => void process.nextTick(dispatch);
    const options = { batchScheduleFn: this.batchScheduleFn };
    this.wholeActor = new DataLoader(
      (ids) =>
        this.fromHeld(
          ids,
          (id) => this.actors.whole.get(id),
          (missing) => repo.actors.findByIds(missing),
        ),
      options,
    );
    this.wholeSanction = new DataLoader(
      (ids) =>
        this.fromHeld(
          ids,
          (id) => this.sanctions.whole.get(id),
          (missing) => repo.sanctions.findByIds(missing),
        ),
      options,
    );
    this.wholeRelationship = new DataLoader((refs) => repo.relationships.findByRefs(refs), { ...options, cacheKeyFn: (ref) => ref.id });
    // A miss loads the whole record, which then serves both loaders.
    this.actor = new DataLoader(
      (ids) =>
        this.fromHeld<ActorRecord>(
          ids,
          (id) => this.actors.whole.get(id) ?? this.actors.lean.get(id),
          (missing) => this.loadWhole(missing, this.actors, (ids) => repo.actors.findByIds(ids)),
        ),
      options,
    );
    this.source = new DataLoader((ids) => repo.sources.findByIds(ids), options);
    this.relationship = new DataLoader(async (ids) => {
      const found = await repo.relationships.findByIds(ids);
      for (const r of found) if (r) this.wholeRelationship.prime(r, r);
      return found;
    }, options);
    this.sanction = new DataLoader(
      (ids) =>
        this.fromHeld<SanctionRecord>(
          ids,
          (id) => this.sanctions.whole.get(id) ?? this.sanctions.lean.get(id),
          (missing) => this.loadWhole(missing, this.sanctions, (ids) => repo.sanctions.findByIds(ids)),
        ),
      options,
    );
  }

  /**
   * The whole record behind `record`: itself unless a traversal projected it lean (only the parts its
   * selection asked for), else loaded, batched with the other lean records of the same wave.
   */
  async whole<K extends keyof LeanKinds>(kind: K, record: LeanKinds[K]['record']): Promise<LeanKinds[K]['whole']> {
    if (record.lean === undefined) return record as LeanKinds[K]['whole'];
    const loaded = await this.wholeLoaders[kind](record);
    invariant(loaded, `${kind} ${record.id} vanished between two statements`);
    return loaded;
  }

  /** The whole-record loader of each kind, keyed as {@link LeanKinds}. */
  private readonly wholeLoaders: {
    readonly [K in keyof LeanKinds]: (record: LeanKinds[K]['record']) => Promise<LeanKinds[K]['whole'] | undefined>;
  } = {
    actor: (record) => this.wholeActor.load(record.id),
    sanction: (record) => this.wholeSanction.load(record.id),
    // A lean relationship keeps its ends: the lookup by reference is two index seeks.
    relationship: (record) => this.wholeRelationship.load(record),
  };

  /**
   * An actor by id as lookups project it, with its recorded version and merged ids (issue 15), which the
   * actors of traversals leave out; batched with the other lookups of the same wave.
   */
  actorRecord(id: string): Promise<ActorModel | undefined> {
    return this.loaderFor<ActorModel | undefined>('actorRecords', (ids) => this.repo.actors.findByIds(ids)).load(id);
  }

  /** Loads a page of relationships of an actor; parents asking the same page query share one batch. */
  relationships(actorId: string, page: RelationshipPageQuery): Promise<RelationshipPage> {
    return this.relationshipLoader(page).load(actorId);
  }

  /**
   * Records a page of an actor's relationships a compiled statement already returned (src/services/
   * compiled-prefetch.ts), with its other ends, so {@link Loaders.relationships} answers it without a round trip.
   */
  primeRelationships(actorId: string, query: RelationshipPageQuery, page: RelationshipPage): void {
    const key = relationshipsKey(query);
    this.relationshipLoader(query, key).prime(actorId, page);
    // The first page recorded stays, as DataLoader's prime keeps the first value of a key.
    const at = `${key}\n${actorId}`;
    if (!this.primedPages.has(at)) this.primedPages.set(at, page);
    this.prime({ actors: page.items.map((item) => item.other) });
  }

  /**
   * The page {@link Loaders.primeRelationships} recorded for this actor and query, synchronously (no
   * promise to wait on); undefined when no compiled statement returned it, and the loader must be asked.
   */
  primedRelationships(actorId: string, query: RelationshipPageQuery): RelationshipPage | undefined {
    return this.primedPages.size === 0 ? undefined : this.primedPages.get(`${relationshipsKey(query)}\n${actorId}`);
  }

  /** Records that a compiled statement found no actor `id`, so the actor loader answers null without asking again. */
  primeAbsentActor(id: string): void {
    this.actor.prime(id, undefined);
  }

  /** Records that a compiled statement found no sanction `id`, so the sanction loader answers null without asking again. */
  primeAbsentSanction(id: string): void {
    this.sanction.prime(id, undefined);
  }

  private relationshipLoader(page: RelationshipPageQuery, key = relationshipsKey(page)): DataLoader<string, RelationshipPage> {
    return this.loaderFor<RelationshipPage>(key, async (ids) => {
      const pages = await this.repo.relationships.ofActors(ids, page);
      // The other ends are actors the client usually asks for next: prime them to save a round trip.
      this.prime({ actors: pages.flatMap((p) => p.items.map((item) => item.other)) });
      return pages;
    });
  }

  /**
   * Records actors and sanctions a statement already returned, so later fields need no round trip. Lean
   * ones serve the fields they hold; the others are loaded whole when a field needs them.
   */
  prime(records: { actors?: readonly ActorRecord[]; sanctions?: readonly SanctionRecord[] }): void {
    for (const actor of records.actors ?? []) this.hold(this.actors, this.actor, this.wholeActor, actor);
    for (const sanction of records.sanctions ?? []) this.hold(this.sanctions, this.sanction, this.wholeSanction, sanction);
  }

  /** Loads the first `limit` sources naming an actor, with the sentences of each. */
  mentions(actorId: string, limit: number): Promise<MentionModel[]> {
    return this.loaderFor<MentionModel[]>(`mentions:${limit}`, (ids) => this.repo.actors.mentions(ids, limit)).load(actorId);
  }

  /** Loads the first `limit` sanctions an actor imposed or received, as of a date. */
  sanctionsOf(actorId: string, side: 'imposed' | 'received', asOf: string | null, limit: number): Promise<SanctionModel[]> {
    return this.sanctionsOfLoader(side, asOf, limit).load(actorId);
  }

  /**
   * Records an actor's sanction list a compiled statement already returned (src/services/compiled-prefetch.ts),
   * with its sanctions, so {@link Loaders.sanctionsOf} answers it without a round trip.
   */
  primeSanctionsOf(actorId: string, side: 'imposed' | 'received', asOf: string | null, limit: number, sanctions: SanctionModel[]): void {
    this.sanctionsOfLoader(side, asOf, limit).prime(actorId, sanctions);
    this.prime({ sanctions });
  }

  private sanctionsOfLoader(side: 'imposed' | 'received', asOf: string | null, limit: number): DataLoader<string, SanctionModel[]> {
    return this.loaderFor<SanctionModel[]>(`sanctions:${side}:${String(asOf)}:${limit}`, (ids) =>
      this.repo.sanctions.ofActors(ids, { side, asOf, limit }),
    );
  }

  /** Loads the first `limit` entries of a list, as of a date. */
  listEntries(listId: string, asOf: string | null, limit: number, edges: EdgeFilter): Promise<ActorModel[]> {
    return this.loaderFor<ActorModel[]>(`entries:${String(asOf)}:${limit}:${JSON.stringify(edges)}`, (ids) =>
      this.repo.actors.listEntries(ids, { asOf, limit, edges }),
    ).load(listId);
  }

  /** Loads the first `limit` relationships a source supports. */
  sourceRelationships(sourceId: string, types: readonly RelationshipType[] | null, limit: number): Promise<RelationshipModel[]> {
    return this.loaderFor<RelationshipModel[]>(`sourceRelationships:${JSON.stringify(types)}:${limit}`, (ids) =>
      this.repo.relationships.ofSources(ids, { types, limit }),
    ).load(sourceId);
  }

  /** Loads the first `limit` sanctions a source supports. */
  sourceSanctions(sourceId: string, limit: number): Promise<SanctionModel[]> {
    return this.loaderFor<SanctionModel[]>(`sourceSanctions:${limit}`, (ids) => this.repo.sanctions.ofSources(ids, limit)).load(sourceId);
  }

  /** Loads the first `limit` disputes of a relationship on one side (issue 20). */
  disputes(relationshipId: string, side: 'disputed' | 'disputing', limit: number): Promise<DisputeModel[]> {
    return this.loaderFor<DisputeModel[]>(`disputes:${side}:${limit}`, (ids) => this.repo.disputes.ofRelationships(ids, side, limit)).load(
      relationshipId,
    );
  }

  private hold<W extends { id: string; lean?: undefined }, L extends { id: string; lean?: string }>(
    held: Held<W, W | L>,
    loader: DataLoader<string, W | L | undefined>,
    whole: DataLoader<string, W | undefined>,
    record: W | L,
  ): void {
    // A whole record replaces whatever is cached; a lean one never replaces anything.
    if (record.lean !== undefined) {
      if (!held.lean.has(record.id)) held.lean.set(record.id, record);
      loader.prime(record.id, record);
      return;
    }
    const complete = record as W;
    held.whole.set(record.id, complete);
    loader.clear(record.id).prime(record.id, complete);
    whole.prime(record.id, complete);
  }

  /**
   * A batch function that first serves keys from what the operation already holds (`heldAs`: the whole
   * record, or for loaders that accept them a lean one) and sends only the rest (no round trip at all
   * when nothing is left).
   */
  private async fromHeld<T>(
    ids: readonly string[],
    heldAs: (id: string) => T | undefined,
    load: (missing: readonly string[]) => Promise<(T | undefined)[]>,
  ): Promise<(T | undefined)[]> {
    const found = ids.map(heldAs);
    const missing = ids.filter((_, i) => found[i] === undefined);
    if (missing.length === 0) return found;
    const loaded = await load(missing);
    const byId = new Map(missing.map((id, i) => [id, loaded[i]]));
    return ids.map((id, i) => found[i] ?? byId.get(id));
  }

  /** Loads whole records and keeps them, so the whole-record loader serves them too. */
  private async loadWhole<T extends { id: string }, L>(
    ids: readonly string[],
    held: Held<T, L>,
    load: (ids: readonly string[]) => Promise<(T | undefined)[]>,
  ): Promise<(T | undefined)[]> {
    const records = await load(ids);
    for (const record of records) if (record) held.whole.set(record.id, record);
    return records;
  }

  private loaderFor<T>(key: string, batch: (ids: readonly string[]) => Promise<T[]>): DataLoader<string, T> {
    let loader = this.keyed.get(key) as DataLoader<string, T> | undefined;
    if (!loader) {
      loader = new DataLoader<string, T>(batch, { batchScheduleFn: this.batchScheduleFn });
      this.keyed.set(key, loader);
    }
    return loader;
  }
}
