import DataLoader from 'dataloader';

import type { ActorModel, MentionModel, RelationshipModel, RelationshipType, SanctionModel, SourceModel } from '../graph/model.js';
import type { GraphRepository, RelationshipPage, RelationshipPageQuery } from '../graph/repositories.js';

/**
 * Per-request DataLoaders: every field that needs the graph for many parents at once goes through one
 * of these, so a query level costs one round trip whatever the number of parents.
 */
export class Loaders {
  readonly actor: DataLoader<string, ActorModel | undefined>;
  readonly source: DataLoader<string, SourceModel | undefined>;
  readonly sanction: DataLoader<string, SanctionModel | undefined>;
  readonly mentions: DataLoader<string, MentionModel[]>;
  readonly sourceSanctions: DataLoader<string, SanctionModel[]>;
  private readonly keyed = new Map<string, DataLoader<string, unknown>>();

  constructor(private readonly repo: GraphRepository) {
    this.actor = new DataLoader((ids) => repo.findActorsByIds(ids));
    this.source = new DataLoader((ids) => repo.findSourcesByIds(ids));
    this.sanction = new DataLoader((ids) => repo.findSanctionsByIds(ids));
    this.mentions = new DataLoader((ids) => repo.mentionsOfActors(ids));
    this.sourceSanctions = new DataLoader((ids) => repo.sanctionsOfSources(ids));
  }

  /** Loads a page of relationships of an actor; parents asking the same page query share one batch. */
  relationships(actorId: string, page: RelationshipPageQuery): Promise<RelationshipPage> {
    const loader = this.loaderFor<RelationshipPage>(`relationships:${JSON.stringify(page)}`, async (ids) => {
      const pages = await this.repo.relationshipsOfActors(ids, page);
      // The other ends are actors the client usually asks for next: prime them to save a round trip.
      for (const p of pages) for (const item of p.items) this.actor.prime(item.other.id, item.other);
      return pages;
    });
    return loader.load(actorId);
  }

  /** Records actors and sanctions a statement already returned, so later fields need no round trip. */
  prime(records: { actors?: readonly ActorModel[]; sanctions?: readonly SanctionModel[] }): void {
    for (const actor of records.actors ?? []) this.actor.prime(actor.id, actor);
    for (const sanction of records.sanctions ?? []) this.sanction.prime(sanction.id, sanction);
  }

  /** Loads the sanctions an actor imposed or received, as of a date. */
  sanctionsOf(actorId: string, side: 'imposed' | 'received', asOf: string | null): Promise<SanctionModel[]> {
    return this.loaderFor<SanctionModel[]>(`sanctions:${side}:${String(asOf)}`, (ids) => this.repo.sanctionsOfActors(ids, side, asOf)).load(
      actorId,
    );
  }

  /** Loads the entries of a list, as of a date. */
  listEntries(listId: string, asOf: string | null): Promise<ActorModel[]> {
    return this.loaderFor<ActorModel[]>(`entries:${String(asOf)}`, (ids) => this.repo.entriesOfLists(ids, asOf)).load(listId);
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
