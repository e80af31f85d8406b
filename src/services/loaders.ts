import DataLoader from 'dataloader';

import { invariant } from '../errors/app-error.js';
import type { GraphRepository, RelationshipPage, RelationshipPageQuery, RelationshipRef } from '../graph/graph-repository.js';
import type {
  ActorModel,
  EdgeFilter,
  MentionModel,
  RelationshipModel,
  RelationshipType,
  SanctionModel,
  SourceModel,
} from '../graph/model.js';
import { OperationTrace } from '../graph/operation-trace.js';
import { BatchScheduler } from './batch-scheduler.js';

/** Records a statement of this operation already returned, kept apart from DataLoader's caches. */
interface Held<T> {
  /** Whole records by id. */
  readonly whole: Map<string, T>;
  /** Lean records by id (see TraversalDetail), served only where a lean record will do. */
  readonly lean: Map<string, T>;
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
  readonly actor: DataLoader<string, ActorModel | undefined>;
  readonly source: DataLoader<string, SourceModel | undefined>;
  /** Sanctions by id; may hold lean sanctions a traversal primed. */
  readonly sanction: DataLoader<string, SanctionModel | undefined>;
  // Whole records only: what a field left out of a lean traversal result is read from.
  private readonly wholeActor: DataLoader<string, ActorModel | undefined>;
  private readonly wholeSanction: DataLoader<string, SanctionModel | undefined>;
  private readonly wholeRelationship: DataLoader<RelationshipRef, RelationshipModel | undefined, string>;
  private readonly keyed = new Map<string, DataLoader<string, unknown>>();
  private readonly actors: Held<ActorModel> = { whole: new Map(), lean: new Map() };
  private readonly sanctions: Held<SanctionModel> = { whole: new Map(), lean: new Map() };
  private readonly batchScheduleFn: (dispatch: () => void) => void;

  constructor(private readonly repo: GraphRepository) {
    // A repository without a trace (a script's, or a test's stand-in) batches per tick, as DataLoader does.
    const trace = repo.counter instanceof OperationTrace ? repo.counter : undefined;
    this.batchScheduleFn = trace ? new BatchScheduler(trace).schedule : (dispatch) => void process.nextTick(dispatch);
    const options = { batchScheduleFn: this.batchScheduleFn };
    this.wholeActor = new DataLoader((ids) => this.fromHeld(ids, this.actors, false, (missing) => repo.actors.findByIds(missing)), options);
    this.wholeSanction = new DataLoader(
      (ids) => this.fromHeld(ids, this.sanctions, false, (missing) => repo.sanctions.findByIds(missing)),
      options,
    );
    this.wholeRelationship = new DataLoader((refs) => repo.relationships.findByRefs(refs), { ...options, cacheKeyFn: (ref) => ref.id });
    // A miss loads the whole record, which then serves both loaders.
    this.actor = new DataLoader(
      (ids) =>
        this.fromHeld(ids, this.actors, true, (missing) => this.loadWhole(missing, this.actors, (ids) => repo.actors.findByIds(ids))),
      options,
    );
    this.source = new DataLoader((ids) => repo.sources.findByIds(ids), options);
    this.sanction = new DataLoader(
      (ids) =>
        this.fromHeld(ids, this.sanctions, true, (missing) =>
          this.loadWhole(missing, this.sanctions, (ids) => repo.sanctions.findByIds(ids)),
        ),
      options,
    );
  }

  /**
   * The whole record behind `record`: itself unless a traversal projected it lean (only the parts its
   * selection asked for), else loaded, batched with the other lean records of the same wave.
   */
  async whole<T extends ActorModel | SanctionModel | RelationshipModel>(
    kind: 'actor' | 'sanction' | 'relationship',
    record: T,
  ): Promise<T> {
    if (!record.lean) return record;
    const loaded =
      kind === 'actor'
        ? await this.wholeActor.load(record.id)
        : kind === 'sanction'
          ? await this.wholeSanction.load(record.id)
          : await this.wholeRelationship.load(record as RelationshipModel);
    invariant(loaded, `${kind} ${record.id} vanished between two statements`);
    return loaded as T;
  }

  /** Loads a page of relationships of an actor; parents asking the same page query share one batch. */
  relationships(actorId: string, page: RelationshipPageQuery): Promise<RelationshipPage> {
    const loader = this.loaderFor<RelationshipPage>(`relationships:${JSON.stringify(page)}`, async (ids) => {
      const pages = await this.repo.relationships.ofActors(ids, page);
      // The other ends are actors the client usually asks for next: prime them to save a round trip.
      this.prime({ actors: pages.flatMap((p) => p.items.map((item) => item.other)) });
      return pages;
    });
    return loader.load(actorId);
  }

  /**
   * Records actors and sanctions a statement already returned, so later fields need no round trip. Lean
   * ones serve the fields they hold; the others are loaded whole when a field needs them.
   */
  prime(records: { actors?: readonly ActorModel[]; sanctions?: readonly SanctionModel[] }): void {
    for (const actor of records.actors ?? []) this.hold(this.actors, this.actor, this.wholeActor, actor);
    for (const sanction of records.sanctions ?? []) this.hold(this.sanctions, this.sanction, this.wholeSanction, sanction);
  }

  /** Loads the first `limit` sources naming an actor, with the sentences of each. */
  mentions(actorId: string, limit: number): Promise<MentionModel[]> {
    return this.loaderFor<MentionModel[]>(`mentions:${limit}`, (ids) => this.repo.actors.mentions(ids, limit)).load(actorId);
  }

  /** Loads the first `limit` sanctions an actor imposed or received, as of a date. */
  sanctionsOf(actorId: string, side: 'imposed' | 'received', asOf: string | null, limit: number): Promise<SanctionModel[]> {
    return this.loaderFor<SanctionModel[]>(`sanctions:${side}:${String(asOf)}:${limit}`, (ids) =>
      this.repo.sanctions.ofActors(ids, { side, asOf, limit }),
    ).load(actorId);
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

  private hold<T extends { id: string; lean?: unknown }>(
    held: Held<T>,
    loader: DataLoader<string, T | undefined>,
    whole: DataLoader<string, T | undefined>,
    record: T,
  ): void {
    // A whole record replaces whatever is cached; a lean one never replaces anything.
    if (record.lean) {
      if (!held.lean.has(record.id)) held.lean.set(record.id, record);
      loader.prime(record.id, record);
      return;
    }
    held.whole.set(record.id, record);
    loader.clear(record.id).prime(record.id, record);
    whole.prime(record.id, record);
  }

  /**
   * A batch function that first serves keys from what the operation already holds and sends only the
   * rest (no round trip at all when nothing is left).
   */
  private async fromHeld<T>(
    ids: readonly string[],
    held: Held<T>,
    leanWillDo: boolean,
    load: (missing: readonly string[]) => Promise<(T | undefined)[]>,
  ): Promise<(T | undefined)[]> {
    const found = ids.map((id) => held.whole.get(id) ?? (leanWillDo ? held.lean.get(id) : undefined));
    const missing = ids.filter((_, i) => found[i] === undefined);
    if (missing.length === 0) return found;
    const loaded = await load(missing);
    const byId = new Map(missing.map((id, i) => [id, loaded[i]]));
    return ids.map((id, i) => found[i] ?? byId.get(id));
  }

  /** Loads whole records and keeps them, so the whole-record loader serves them too. */
  private async loadWhole<T extends { id: string }>(
    ids: readonly string[],
    held: Held<T>,
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
