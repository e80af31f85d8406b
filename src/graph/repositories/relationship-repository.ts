import type { RelationshipAggregateModel } from '../connection-model.js';
import { detailParams } from '../cypher/fragments.js';
import {
  FIND_RELATIONSHIPS_BY_IDS,
  FIND_RELATIONSHIPS_BY_REFS,
  RELATIONSHIPS_OF_ACTORS,
  RELATIONSHIPS_OF_SOURCES,
} from '../cypher/relationship-cypher.js';
import {
  AGGREGATE_RELATIONSHIPS,
  AGGREGATE_RELATIONSHIPS_AS_OF,
  COUNT_RELATIONSHIPS,
  COUNT_RELATIONSHIPS_AS_OF,
  LIST_RELATIONSHIPS,
  LIST_RELATIONSHIPS_AS_OF,
  type RelationshipScanShape,
} from '../cypher/relationship-list-cypher.js';
import type { GraphClient, RoundTripCounter } from '../graph-client.js';
import { type Row, toActor, toRelationship } from '../mappers.js';
import {
  type ActorRecord,
  type ClaimStatus,
  type Direction,
  type EdgeFilter,
  RELATIONSHIP_TYPES,
  type RelationshipModel,
  type RelationshipRecord,
  type RelationshipType,
  type TimeBasis,
  type TraversalDetail,
} from '../model.js';
import { byIds, inOrder, int, mappersFor } from './shared.js';

/** Identifies a relationship: its id and the ids of its ends (which make the lookup an index seek). */
export interface RelationshipRef {
  readonly id: string;
  readonly fromId: string;
  readonly toId: string;
}

/** A page request for one actor's relationships. */
export interface RelationshipPageQuery {
  readonly types: readonly RelationshipType[] | null;
  readonly direction: Direction;
  readonly asOf: string | null;
  /** How many to fetch (the caller asks one more than the page size to learn if more follow). */
  readonly limit: number;
  readonly afterId: string | null;
  /** Whether to count all matching relationships (costly on hubs); the total is null otherwise. */
  readonly withTotal: boolean;
  /** How much of the relationships and of the actors at the other ends to project. */
  readonly detail: TraversalDetail;
  /** Whether INFERRED relationships, and (with `asOf`) undated ones, are followed too. */
  readonly edges: EdgeFilter;
}

/** One actor's page of relationships, with the actors at the other ends. */
export interface RelationshipPage {
  readonly total: number | null;
  readonly items: readonly { relationship: RelationshipRecord; other: ActorRecord }[];
}

/** A graph-wide relationship filter; null means "not filtered". Values are already checked by the caller. */
export interface RelationshipListFilter {
  readonly types: readonly RelationshipType[] | null;
  readonly statuses: readonly ClaimStatus[] | null;
  readonly minConfidence: number | null;
  /** First known day (`knownFrom`) on or after `from` and on or before `to`. */
  readonly from: string | null;
  readonly to: string | null;
  readonly asOf: string | null;
  readonly timeBases: readonly TimeBasis[] | null;
  readonly source: string | null;
  /** A 1-based sentence of `source`. */
  readonly sentence: number | null;
  /** Either end. */
  readonly actor: string | null;
  readonly joint: boolean | null;
  /** Whether INFERRED relationships, and (with `asOf`) undated ones, are matched too. */
  readonly edges: EdgeFilter;
}

/** One keyset page of a graph-wide relationship query, by id. */
export interface RelationshipListQuery {
  readonly filter: RelationshipListFilter;
  readonly afterId: string | null;
  /** How many to fetch (the caller asks one more than the page size to learn if more follow). */
  readonly limit: number;
}

/** Where a filter's statement starts: the most selective anchor it names. */
function shapeOf(filter: RelationshipListFilter): RelationshipScanShape {
  return filter.actor !== null ? 'actor' : filter.source !== null ? 'source' : 'all';
}

function filterParams(filter: RelationshipListFilter): Record<string, unknown> {
  const { edges, types, sentence, ...rest } = filter;
  return { ...rest, ...edges, types: types ?? RELATIONSHIP_TYPES, sentence: sentence === null ? null : int(sentence) };
}

/** Reads of relationships: pages per actor, per source, and lookups by reference. Each method is one round trip. */
export class RelationshipRepository {
  constructor(
    private readonly graph: GraphClient,
    private readonly counter: RoundTripCounter,
  ) {}

  /**
   * A page of relationships for each actor of a batch, in the order of `ids`.
   *
   * @example
   * const [page] = await repo.relationships.ofActors(['myanmar'], { types: ['LEADS'], direction: 'INCOMING', asOf: '2021-01-31', limit: 21, afterId: null, withTotal: false, detail: FULL_DETAIL });
   */
  async ofActors(ids: readonly string[], page: RelationshipPageQuery): Promise<RelationshipPage[]> {
    const rows = await this.graph.read<{ id: string; total: number | null; page: { relationship: Row; other: Row }[] }>(
      RELATIONSHIPS_OF_ACTORS[page.direction][page.withTotal ? 'counted' : 'uncounted'],
      {
        ids,
        types: page.types ?? RELATIONSHIP_TYPES,
        asOf: page.asOf,
        after: page.afterId,
        limit: int(page.limit),
        ...page.edges,
        ...detailParams(page.detail),
      },
      this.counter,
    );
    const map = mappersFor(page.detail);
    return inOrder(
      ids,
      rows,
      (r) => ({
        total: r.total,
        items: r.page.map((item) => ({ relationship: map.relationship(item.relationship), other: map.actor(item.other) })),
      }),
      { total: page.withTotal ? 0 : null, items: [] },
    );
  }

  /** The first `limit` relationships each source supports, in the order of `ids`. */
  async ofSources(
    ids: readonly string[],
    query: { types: readonly RelationshipType[] | null; limit: number },
  ): Promise<RelationshipModel[][]> {
    const rows = await this.graph.read<{ id: string; relationships: Row[] }>(
      RELATIONSHIPS_OF_SOURCES,
      { ids, types: query.types ?? RELATIONSHIP_TYPES, limit: int(query.limit) },
      this.counter,
    );
    return inOrder(ids, rows, (r) => r.relationships.map(toRelationship), []);
  }

  /**
   * Relationships by id alone, in the order of `ids` (undefined where none matches): for callers that
   * know no end, such as a federation gateway's entity references. Prefer {@link findByRefs} otherwise.
   *
   * @example
   * const [leads] = await repo.relationships.findByIds(['rel-biden-leads-us']);
   */
  async findByIds(ids: readonly string[]): Promise<(RelationshipModel | undefined)[]> {
    const rows = await this.graph.read<{ relationship: Row }>(FIND_RELATIONSHIPS_BY_IDS, { ids }, this.counter);
    return byIds(
      ids,
      rows.map((r) => toRelationship(r.relationship)),
      (r) => r.id,
    );
  }

  /** Relationships by reference, in the order of `refs` (undefined where none matches). */
  async findByRefs(refs: readonly RelationshipRef[]): Promise<(RelationshipModel | undefined)[]> {
    const rows = await this.graph.read<{ relationship: Row }>(
      FIND_RELATIONSHIPS_BY_REFS,
      { refs: refs.map((r) => ({ id: r.id, fromId: r.fromId, toId: r.toId })) },
      this.counter,
    );
    return byIds(
      refs.map((r) => r.id),
      rows.map((r) => toRelationship(r.relationship)),
      (r) => r.id,
    );
  }

  /**
   * A keyset page of relationships anywhere in the graph matching a filter, by id.
   *
   * @example
   * const alleged = await repo.relationships.list({ filter: { ...NO_FILTER, statuses: ['ALLEGED'] }, afterId: null, limit: 21 });
   */
  async list(query: RelationshipListQuery): Promise<RelationshipModel[]> {
    const rows = await this.graph.read<{ relationship: Row }>(
      LIST_RELATIONSHIPS[shapeOf(query.filter)],
      { ...filterParams(query.filter), after: query.afterId, limit: int(query.limit) },
      this.counter,
    );
    return rows.map((r) => toRelationship(r.relationship));
  }

  /** How many relationships anywhere in the graph match a filter, counted in the database. */
  async count(filter: RelationshipListFilter): Promise<number> {
    const [row] = await this.graph.read<{ total: number }>(COUNT_RELATIONSHIPS[shapeOf(filter)], filterParams(filter), this.counter);
    return row?.total ?? 0;
  }

  /**
   * Counts by type and status of the relationships matching a filter, computed in the database.
   *
   * @example
   * const { byType } = await repo.relationships.aggregate({ ...NO_FILTER, source: 'article-2021-12-10-sanctions' });
   */
  async aggregate(filter: RelationshipListFilter): Promise<RelationshipAggregateModel> {
    const [row] = await this.graph.read<RelationshipAggregateModel>(
      AGGREGATE_RELATIONSHIPS[shapeOf(filter)],
      filterParams(filter),
      this.counter,
    );
    return row ?? { count: 0, byType: [], byStatus: [], byTypeAndStatus: [] };
  }

  /**
   * As {@link list}, of the graph as recorded at `recordedAsOf` (live and WAS edges held then), each
   * relationship with its ends as the graph then held them (`ends`).
   *
   * @example
   * const then = await repo.relationships.listAsOf({ filter: NO_FILTER, afterId: null, limit: 21 }, '2026-12-01T12:00:00Z');
   */
  async listAsOf(query: RelationshipListQuery, recordedAsOf: string): Promise<RelationshipModel[]> {
    const rows = await this.graph.read<{ relationship: Row; fromActor: Row; toActor: Row }>(
      LIST_RELATIONSHIPS_AS_OF[shapeOf(query.filter)],
      { ...filterParams(query.filter), recordedAsOf, after: query.afterId, limit: int(query.limit) },
      this.counter,
    );
    return rows.map((r) => ({ ...toRelationship(r.relationship), ends: { from: toActor(r.fromActor), to: toActor(r.toActor) } }));
  }

  /** As {@link count}, of the graph as recorded at `recordedAsOf`. */
  async countAsOf(filter: RelationshipListFilter, recordedAsOf: string): Promise<number> {
    const [row] = await this.graph.read<{ total: number }>(
      COUNT_RELATIONSHIPS_AS_OF[shapeOf(filter)],
      { ...filterParams(filter), recordedAsOf },
      this.counter,
    );
    return row?.total ?? 0;
  }

  /** As {@link aggregate}, of the graph as recorded at `recordedAsOf`. */
  async aggregateAsOf(filter: RelationshipListFilter, recordedAsOf: string): Promise<RelationshipAggregateModel> {
    const [row] = await this.graph.read<RelationshipAggregateModel>(
      AGGREGATE_RELATIONSHIPS_AS_OF[shapeOf(filter)],
      { ...filterParams(filter), recordedAsOf },
      this.counter,
    );
    return row ?? { count: 0, byType: [], byStatus: [], byTypeAndStatus: [] };
  }
}
