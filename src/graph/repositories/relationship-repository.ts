import { detailParams } from '../cypher/fragments.js';
import { FIND_RELATIONSHIPS_BY_REFS, RELATIONSHIPS_OF_ACTORS, RELATIONSHIPS_OF_SOURCES } from '../cypher/relationship-cypher.js';
import type { GraphClient, RoundTripCounter } from '../graph-client.js';
import { type Row, toRelationship } from '../mappers.js';
import {
  type ActorRecord,
  type Direction,
  type EdgeFilter,
  RELATIONSHIP_TYPES,
  type RelationshipModel,
  type RelationshipRecord,
  type RelationshipType,
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
}
