import { detailParams } from '../cypher/fragments.js';
import { NEIGHBOURHOOD_AS_OF, SHORTEST_PATHS_AS_OF } from '../cypher/history-cypher.js';
import { NEIGHBOURHOOD, SHORTEST_PATHS } from '../cypher/path-cypher.js';
import type { GraphClient, RoundTripCounter } from '../graph-client.js';
import { type Row, toActor, toRelationship } from '../mappers.js';
import {
  type ActorModel,
  type EdgeFilter,
  type NeighbourhoodModel,
  type PathModel,
  RELATIONSHIP_TYPES,
  type RelationshipModel,
  type RelationshipType,
  type TraversalDetail,
} from '../model.js';
import { int, mappersFor } from './shared.js';

/** Shortest paths (all of the shortest length, up to `limit`) between two actors. */
export interface ShortestPathsQuery {
  readonly fromId: string;
  readonly toId: string;
  readonly maxHops: number;
  readonly types: readonly RelationshipType[] | null;
  readonly asOf: string | null;
  readonly limit: number;
  readonly detail: TraversalDetail;
  /** Whether INFERRED relationships, and (with `asOf`) undated ones, are followed too. */
  readonly edges: EdgeFilter;
}

/** The paths found, and whether each end exists (a missing end is why there are none). */
export interface ShortestPaths {
  readonly paths: PathModel[];
  readonly fromFound: boolean;
  readonly toFound: boolean;
}

/** The actors within `hops` of an actor and the relationships between them. */
export interface NeighbourhoodQuery {
  readonly id: string;
  readonly hops: number;
  readonly types: readonly RelationshipType[] | null;
  readonly asOf: string | null;
  readonly limit: number;
  readonly detail: TraversalDetail;
  /** Whether INFERRED relationships, and (with `asOf`) undated ones, are followed too. */
  readonly edges: EdgeFilter;
}

/** Traversals: shortest paths and neighbourhoods. Each method is one round trip. */
export class PathRepository {
  constructor(
    private readonly graph: GraphClient,
    private readonly counter: RoundTripCounter,
  ) {}

  /**
   * Shortest paths between two actors, each hop with its direction as walked.
   *
   * @example
   * const { paths, fromFound } = await repo.paths.shortest({ fromId: 'liu-pengyu', toId: 'us-treasury', maxHops: 4, types: null, asOf: null, limit: 5, detail: FULL_DETAIL });
   */
  async shortest(query: ShortestPathsQuery): Promise<ShortestPaths> {
    const statement = SHORTEST_PATHS.get(query.maxHops);
    if (!statement) throw new RangeError(`maxHops ${query.maxHops} has no statement`);
    const map = mappersFor(query.detail);
    const rows = await this.graph.read<{ fromFound: boolean; toFound: boolean; paths: { actors: Row[]; relationships: Row[] }[] }>(
      statement,
      {
        from: query.fromId,
        to: query.toId,
        types: query.types ?? RELATIONSHIP_TYPES,
        asOf: query.asOf,
        limit: int(query.limit),
        ...query.edges,
        ...detailParams(query.detail),
      },
      this.counter,
    );
    const [row] = rows;
    const paths = (row?.paths ?? []).map((r) => {
      const actors = r.actors.map(map.actor);
      const hops = r.relationships.map(map.relationship).map((relationship, i) => ({
        relationship,
        direction: relationship.fromId === actors[i]?.id ? ('OUTGOING' as const) : ('INCOMING' as const),
      }));
      return { actors, hops };
    });
    return { paths, fromFound: row?.fromFound === true, toFound: row?.toFound === true };
  }

  /** The neighbourhood of an actor; null when the actor does not exist. */
  async neighbourhood(query: NeighbourhoodQuery): Promise<NeighbourhoodModel | null> {
    const statement = NEIGHBOURHOOD.get(query.hops);
    if (!statement) throw new RangeError(`hops ${query.hops} has no statement`);
    const map = mappersFor(query.detail);
    const [row] = await this.graph.read<{ nodes: Row[]; edges: Row[]; truncated: boolean }>(
      statement,
      {
        id: query.id,
        types: query.types ?? RELATIONSHIP_TYPES,
        asOf: query.asOf,
        limit: int(query.limit),
        edgeLimit: int(query.limit * 10),
        ...query.edges,
        ...detailParams(query.detail),
      },
      this.counter,
    );
    if (!row) return null;
    return { nodes: row.nodes.map(map.actor), edges: row.edges.map(map.relationship), truncated: row.truncated };
  }

  /**
   * Shortest paths as the graph held them at `recordedAsOf`: live and WAS edges held then, actors as they
   * then stood (whole records, whatever `query.detail` says), each hop with those ends (`ends`). Empty
   * when no path existed then, or when an end did not exist then.
   *
   * @example
   * const then = await repo.paths.shortestAsOf({ fromId: 'liu-pengyu', toId: 'us-treasury', maxHops: 4, types: null, asOf: null, limit: 5, detail: FULL_DETAIL, edges: STRICT_EDGES }, '2026-12-01T12:00:00Z');
   */
  async shortestAsOf(query: ShortestPathsQuery, recordedAsOf: string): Promise<PathModel[]> {
    const statement = SHORTEST_PATHS_AS_OF.get(query.maxHops);
    if (!statement) throw new RangeError(`maxHops ${query.maxHops} has no statement`);
    const rows = await this.graph.read<{ actors: Row[]; relationships: Row[] }>(
      statement,
      {
        from: query.fromId,
        to: query.toId,
        recordedAsOf,
        types: query.types ?? RELATIONSHIP_TYPES,
        asOf: query.asOf,
        limit: int(query.limit),
        ...query.edges,
      },
      this.counter,
    );
    return rows.map((r) => {
      const actors = r.actors.map(toActor);
      const byId = new Map(actors.map((a) => [a.id, a]));
      const hops = r.relationships.map((row, i) => {
        const relationship = withEnds(toRelationship(row), byId);
        return { relationship, direction: relationship.fromId === actors[i]?.id ? ('OUTGOING' as const) : ('INCOMING' as const) };
      });
      return { actors, hops };
    });
  }

  /**
   * The neighbourhood of an actor as the graph held it at `recordedAsOf` (whole records, each edge with its
   * ends as they then stood); null when the actor did not exist then.
   */
  async neighbourhoodAsOf(query: NeighbourhoodQuery, recordedAsOf: string): Promise<NeighbourhoodModel | null> {
    const statement = NEIGHBOURHOOD_AS_OF.get(query.hops);
    if (!statement) throw new RangeError(`hops ${query.hops} has no statement`);
    const [row] = await this.graph.read<{ nodes: Row[]; edges: Row[]; truncated: boolean }>(
      statement,
      {
        id: query.id,
        recordedAsOf,
        types: query.types ?? RELATIONSHIP_TYPES,
        asOf: query.asOf,
        limit: int(query.limit),
        edgeLimit: int(query.limit * 10),
        ...query.edges,
      },
      this.counter,
    );
    if (!row) return null;
    const nodes = row.nodes.map(toActor);
    const byId = new Map(nodes.map((a) => [a.id, a]));
    return { nodes, edges: row.edges.map((e) => withEnds(toRelationship(e), byId)), truncated: row.truncated };
  }
}

/** A historical relationship with its ends from the actors its statement returned (both are among them). */
function withEnds(relationship: RelationshipModel, actors: ReadonlyMap<string, ActorModel>): RelationshipModel {
  const from = actors.get(relationship.fromId);
  const to = actors.get(relationship.toId);
  return from && to ? { ...relationship, ends: { from, to } } : relationship;
}
