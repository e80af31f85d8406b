import DataLoader from 'dataloader';

import { invariant } from '../errors/app-error.js';
import type {
  ActorModel,
  EdgeFilter,
  MentionModel,
  RelationshipModel,
  RelationshipType,
  SanctionModel,
  SourceModel,
} from '../graph/model.js';
import type { GraphRepository, RelationshipPage, RelationshipPageQuery, RelationshipRef } from '../graph/repositories.js';

/**
 * Per-request DataLoaders: every field that needs the graph for many parents at once goes through one
 * of these, so a query level costs one round trip whatever the number of parents.
 */
export class Loaders {
  /** Actors by id; may hold lean actors a traversal primed (see {@link Loaders.whole}). */
  readonly actor: DataLoader<string, ActorModel | undefined>;
  readonly source: DataLoader<string, SourceModel | undefined>;
  /** Sanctions by id; may hold lean sanctions a traversal primed. */
  readonly sanction: DataLoader<string, SanctionModel | undefined>;
  readonly mentions: DataLoader<string, MentionModel[]>;
  readonly sourceSanctions: DataLoader<string, SanctionModel[]>;
  // Whole records only: what a field left out of a lean traversal result is read from.
  private readonly wholeActor: DataLoader<string, ActorModel | undefined>;
  private readonly wholeSanction: DataLoader<string, SanctionModel | undefined>;
  private readonly wholeRelationship: DataLoader<RelationshipRef, RelationshipModel | undefined, string>;
  private readonly keyed = new Map<string, DataLoader<string, unknown>>();

  constructor(private readonly repo: GraphRepository) {
    this.wholeActor = new DataLoader((ids) => repo.findActorsByIds(ids));
    this.wholeSanction = new DataLoader((ids) => repo.findSanctionsByIds(ids));
    this.wholeRelationship = new DataLoader((refs) => repo.findRelationshipsByRefs(refs), { cacheKeyFn: (ref) => ref.id });
    // A miss loads the whole record, which then serves both loaders.
    this.actor = new DataLoader(async (ids) => this.primeWhole(this.wholeActor, await repo.findActorsByIds(ids)));
    this.source = new DataLoader((ids) => repo.findSourcesByIds(ids));
    this.sanction = new DataLoader(async (ids) => this.primeWhole(this.wholeSanction, await repo.findSanctionsByIds(ids)));
    this.mentions = new DataLoader((ids) => repo.mentionsOfActors(ids));
    this.sourceSanctions = new DataLoader((ids) => repo.sanctionsOfSources(ids));
  }

  /**
   * The whole record behind `record`: itself unless a traversal projected it lean (only the parts its
   * selection asked for), else loaded, batched with the other lean records of the same level.
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
      const pages = await this.repo.relationshipsOfActors(ids, page);
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
    // A whole record replaces whatever is cached; a lean one never replaces anything.
    for (const actor of records.actors ?? []) {
      if (actor.lean) this.actor.prime(actor.id, actor);
      else {
        this.actor.clear(actor.id).prime(actor.id, actor);
        this.wholeActor.prime(actor.id, actor);
      }
    }
    for (const sanction of records.sanctions ?? []) {
      if (sanction.lean) this.sanction.prime(sanction.id, sanction);
      else {
        this.sanction.clear(sanction.id).prime(sanction.id, sanction);
        this.wholeSanction.prime(sanction.id, sanction);
      }
    }
  }

  private primeWhole<T extends { id: string }>(loader: DataLoader<string, T | undefined>, records: (T | undefined)[]): (T | undefined)[] {
    for (const record of records) if (record) loader.prime(record.id, record);
    return records;
  }

  /** Loads the sanctions an actor imposed or received, as of a date. */
  sanctionsOf(actorId: string, side: 'imposed' | 'received', asOf: string | null): Promise<SanctionModel[]> {
    return this.loaderFor<SanctionModel[]>(`sanctions:${side}:${String(asOf)}`, (ids) => this.repo.sanctionsOfActors(ids, side, asOf)).load(
      actorId,
    );
  }

  /** Loads the entries of a list, as of a date. */
  listEntries(listId: string, asOf: string | null, edges: EdgeFilter): Promise<ActorModel[]> {
    return this.loaderFor<ActorModel[]>(`entries:${String(asOf)}:${JSON.stringify(edges)}`, (ids) =>
      this.repo.entriesOfLists(ids, asOf, edges),
    ).load(listId);
  }

  /** Loads the relationships a source supports. */
  sourceRelationships(sourceId: string, types: readonly RelationshipType[] | null): Promise<RelationshipModel[]> {
    return this.loaderFor<RelationshipModel[]>(`sourceRelationships:${JSON.stringify(types)}`, (ids) =>
      this.repo.relationshipsOfSources(ids, types),
    ).load(sourceId);
  }

  private loaderFor<T>(key: string, batch: (ids: readonly string[]) => Promise<T[]>): DataLoader<string, T> {
    let loader = this.keyed.get(key) as DataLoader<string, T> | undefined;
    if (!loader) {
      loader = new DataLoader<string, T>(batch);
      this.keyed.set(key, loader);
    }
    return loader;
  }
}
