import type { ActorAggregateModel } from '../connection-model.js';
import {
  AGGREGATE_ACTORS,
  COUNT_ACTORS,
  COUNT_SEARCH,
  ENTRIES_OF_LISTS,
  FIND_ACTORS_BY_IDS,
  LIST_ACTORS,
  MENTIONS_OF_ACTORS,
  SEARCH_ACTORS,
} from '../cypher/actor-cypher.js';
import { SEARCH_CANDIDATES, searchTerms } from '../fulltext-query.js';
import type { GraphClient, RoundTripCounter } from '../graph-client.js';
import { type Row, toActor } from '../mappers.js';
import { type ActorKind, type ActorModel, type EdgeFilter, type MentionModel, type SearchHitModel, STRICT_EDGES } from '../model.js';
import { byIds, inOrder, int } from './shared.js';

/** Filters of an actor list; null means "not filtered". Strings are already normalised by the caller. */
export interface ActorListFilter {
  readonly kinds: readonly ActorKind[] | null;
  readonly country: string | null;
  readonly nameContains: string | null;
  readonly nameStartsWith: string | null;
  readonly imposedSanctions: boolean | null;
  readonly receivedSanctions: boolean | null;
}

/** A keyset position in an actor list: the sort key and id of the last actor seen. */
export interface ActorListPosition {
  readonly key: string | number;
  readonly id: string;
}

/** One page of an actor list. */
export interface ActorListQuery {
  readonly filter: ActorListFilter;
  readonly field: 'NAME' | 'DEGREE';
  readonly direction: 'ASC' | 'DESC';
  readonly after: ActorListPosition | null;
  /** How many to fetch (the caller asks one more than the page size to learn if more follow). */
  readonly limit: number;
}

/** A full-text search; `text` is the user's text, escaped by the repository. */
export interface ActorSearchQuery {
  readonly text: string;
  readonly kinds: readonly ActorKind[] | null;
  readonly limit: number;
  /** How many of the ranked hits to pass over (pages are positions); 0 when omitted. */
  readonly skip?: number;
}

/** Reads of actors: lookups, pages, counts, search, mentions and list entries. Each method is one round trip. */
export class ActorRepository {
  constructor(
    private readonly graph: GraphClient,
    private readonly counter: RoundTripCounter,
  ) {}

  /**
   * Actors by id, in the order of `ids` (undefined where none exists).
   *
   * @example
   * const [treasury] = await repo.actors.findByIds(['us-treasury']);
   */
  async findByIds(ids: readonly string[]): Promise<(ActorModel | undefined)[]> {
    const rows = await this.graph.read<{ id: string; actor: Row }>(FIND_ACTORS_BY_IDS, { ids }, this.counter);
    // Keyed by the id asked for: a merged id answers with the actor it was merged into.
    const found = byIds(ids, rows, (r) => r.id);
    return found.map((r) => (r ? toActor(r.actor) : undefined));
  }

  /**
   * A page of actors in keyset order; `limit` rows at most.
   *
   * @example
   * const page = await repo.actors.list({ filter, field: 'NAME', direction: 'ASC', after: null, limit: 21 });
   */
  async list(query: ActorListQuery): Promise<{ actor: ActorModel; key: string | number }[]> {
    const { filter, field, direction, after, limit } = query;
    // The open end of the name range on a first page: every name sorts after '' and before U+10FFFF.
    const fromName = after !== null && typeof after.key === 'string' ? after.key : direction === 'ASC' ? '' : '\u{10FFFF}';
    const rows = await this.graph.read<{ actor: Row; key: string | number }>(
      LIST_ACTORS[field][direction],
      { ...filter, fromName, afterKey: after?.key ?? null, afterId: after?.id ?? null, limit: int(limit) },
      this.counter,
    );
    return rows.map((r) => ({ actor: toActor(r.actor), key: r.key }));
  }

  /** How many actors match a filter. */
  async count(filter: ActorListFilter): Promise<number> {
    const [row] = await this.graph.read<{ total: number }>(COUNT_ACTORS, { ...filter }, this.counter);
    return row?.total ?? 0;
  }

  /**
   * Counts by kind and country of the actors matching a filter, computed in the database.
   *
   * @example
   * const { byCountry } = await repo.actors.aggregate({ ...NO_FILTER, kinds: ['PERSON'] });
   */
  async aggregate(filter: ActorListFilter): Promise<ActorAggregateModel> {
    const [row] = await this.graph.read<ActorAggregateModel>(AGGREGATE_ACTORS, { ...filter }, this.counter);
    return row ?? { count: 0, byKind: [], byCountry: [], byKindAndCountry: [] };
  }

  /**
   * Full-text search over names, aliases and descriptions, exact names first.
   *
   * @example
   * const hits = await repo.actors.search({ text: 'suu kyi', kinds: null, limit: 10 });
   */
  async search(query: ActorSearchQuery): Promise<SearchHitModel[]> {
    const terms = searchTerms(query.text);
    if (terms === null) return [];
    const rows = await this.graph.read<{ actor: Row; score: number }>(
      SEARCH_ACTORS,
      {
        ...terms,
        kinds: query.kinds,
        skip: int(query.skip ?? 0),
        limit: int(query.limit),
        candidates: int(Math.max(query.limit, SEARCH_CANDIDATES)),
      },
      this.counter,
    );
    return rows.map((r) => ({ actor: toActor(r.actor), score: r.score }));
  }

  /** How many actors a search matches among the index's best candidates (what `search` pages through). */
  async countSearch(query: Omit<ActorSearchQuery, 'limit' | 'skip'>): Promise<number> {
    const terms = searchTerms(query.text);
    if (terms === null) return 0;
    const [row] = await this.graph.read<{ total: number }>(
      COUNT_SEARCH,
      { query: terms.query, kinds: query.kinds, candidates: int(SEARCH_CANDIDATES) },
      this.counter,
    );
    return row?.total ?? 0;
  }

  /** The sentences naming each actor, for the first `limit` sources, in the order of `ids`. */
  async mentions(ids: readonly string[], limit: number): Promise<MentionModel[][]> {
    const rows = await this.graph.read<{ id: string; mentions: MentionModel[] }>(
      MENTIONS_OF_ACTORS,
      { ids, limit: int(limit) },
      this.counter,
    );
    return inOrder(ids, rows, (r) => r.mentions, []);
  }

  /** The first `limit` actors on each list, in the order of `ids`. */
  async listEntries(ids: readonly string[], query: { asOf: string | null; limit: number; edges?: EdgeFilter }): Promise<ActorModel[][]> {
    const rows = await this.graph.read<{ id: string; entries: Row[] }>(
      ENTRIES_OF_LISTS,
      { ids, asOf: query.asOf, limit: int(query.limit), ...(query.edges ?? STRICT_EDGES) },
      this.counter,
    );
    return inOrder(ids, rows, (r) => r.entries.map(toActor), []);
  }
}
