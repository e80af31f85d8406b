import neo4j from 'neo4j-driver';

import { invariant } from '../errors/app-error.js';
import {
  COUNT_ACTORS,
  ENTRIES_OF_LISTS,
  FIND_ACTORS_BY_IDS,
  LIST_ACTORS,
  MENTIONS_OF_ACTORS,
  SEARCH_ACTORS,
} from './cypher/actor-cypher.js';
import { detailParams } from './cypher/fragments.js';
import { NEIGHBOURHOOD, SHORTEST_PATHS } from './cypher/path-cypher.js';
import { FIND_RELATIONSHIPS_BY_REFS, RELATIONSHIPS_OF_ACTORS, RELATIONSHIPS_OF_SOURCES } from './cypher/relationship-cypher.js';
import {
  FIND_SANCTIONS_BY_IDS,
  LIST_SANCTIONS,
  SANCTIONED_BY,
  SANCTIONS_IMPOSED_BY_ACTORS,
  SANCTIONS_OF_SOURCES,
  SANCTIONS_RECEIVED_BY_ACTORS,
  WHO_SANCTIONED,
} from './cypher/sanction-cypher.js';
import { FIND_SOURCES_BY_IDS, LIST_SOURCES } from './cypher/source-cypher.js';
import { SEARCH_CANDIDATES, searchTerms } from './fulltext-query.js';
import type { GraphClient, RoundTripCounter } from './graph-client.js';
import { type Row, toActor, toRelationship, toSanction, toSanctionRef, toSource } from './mappers.js';
import {
  type ActorKind,
  type ActorModel,
  type Direction,
  type EdgeFilter,
  FULL_DETAIL,
  type MentionModel,
  type NeighbourhoodModel,
  type PathModel,
  RELATIONSHIP_TYPES,
  type RelationshipModel,
  type RelationshipType,
  type SanctionFindingModel,
  type SanctionMeasure,
  type SanctionModel,
  type SearchHitModel,
  type SourceModel,
  STRICT_EDGES,
  type TraversalDetail,
} from './model.js';

/** Identifies a relationship: its id and the ids of its ends (which make the lookup an index seek). */
export interface RelationshipRef {
  readonly id: string;
  readonly fromId: string;
  readonly toId: string;
}

/** Mappers for what a traversal projected with `detail`: records below `full` come back marked lean. */
function mappersFor(detail: TraversalDetail): {
  actor: (row: Row) => ActorModel;
  relationship: (row: Row) => RelationshipModel;
  sanction: (row: Row) => SanctionModel;
} {
  const { actors, relationships, sanctions } = detail;
  return {
    actor: actors === 'full' ? toActor : (row) => ({ ...toActor(row), lean: actors }),
    relationship: relationships === 'full' ? toRelationship : (row) => ({ ...toRelationship(row), lean: true }),
    sanction: sanctions === 'full' ? toSanction : toSanctionRef,
  };
}

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
  readonly items: readonly { relationship: RelationshipModel; other: ActorModel }[];
}

/** Filters of a sanction list. */
export interface SanctionListFilter {
  readonly authority: string | null;
  readonly target: string | null;
  readonly measure: SanctionMeasure | null;
  readonly program: string | null;
  readonly targetCountry: string | null;
  readonly from: string | null;
  readonly to: string | null;
}

/**
 * All reads of the graph for one GraphQL operation (or one script). Every method is one round trip,
 * whatever the size of its answer; batch methods take many keys at once for DataLoaders.
 */
export class GraphRepository {
  constructor(
    private readonly graph: GraphClient,
    /** Round trips of this operation, counted at the driver boundary. */
    readonly counter: RoundTripCounter = { count: 0 },
  ) {}

  /**
   * Actors by id, in the order of `ids` (undefined where none exists).
   *
   * @example
   * const [treasury] = await repo.findActorsByIds(['us-treasury']);
   */
  async findActorsByIds(ids: readonly string[]): Promise<(ActorModel | undefined)[]> {
    const rows = await this.graph.read<{ actor: Row }>(FIND_ACTORS_BY_IDS, { ids }, this.counter);
    const byId = new Map(rows.map((r) => [r.actor['id'] as string, toActor(r.actor)]));
    return ids.map((id) => byId.get(id));
  }

  /**
   * A page of actors in keyset order; `limit` rows at most.
   *
   * @example
   * const page = await repo.listActors(filter, 'NAME', 'ASC', null, 21);
   */
  async listActors(
    filter: ActorListFilter,
    field: 'NAME' | 'DEGREE',
    direction: 'ASC' | 'DESC',
    after: ActorListPosition | null,
    limit: number,
  ): Promise<{ actor: ActorModel; key: string | number }[]> {
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
  async countActors(filter: ActorListFilter): Promise<number> {
    const [row] = await this.graph.read<{ total: number }>(COUNT_ACTORS, { ...filter }, this.counter);
    return row?.total ?? 0;
  }

  /**
   * Full-text search over names, aliases and descriptions, exact names first; `text` is the user's
   * text, escaped here.
   *
   * @example
   * const hits = await repo.searchActors('suu kyi', null, 10);
   */
  async searchActors(text: string, kinds: readonly ActorKind[] | null, limit: number): Promise<SearchHitModel[]> {
    const terms = searchTerms(text);
    if (terms === null) return [];
    const rows = await this.graph.read<{ actor: Row; score: number }>(
      SEARCH_ACTORS,
      { ...terms, kinds, limit: int(limit), candidates: int(Math.max(limit, SEARCH_CANDIDATES)) },
      this.counter,
    );
    return rows.map((r) => ({ actor: toActor(r.actor), score: r.score }));
  }

  /** The sentences naming each actor, per source, in the order of `ids`. */
  async mentionsOfActors(ids: readonly string[]): Promise<MentionModel[][]> {
    const rows = await this.graph.read<{ id: string; mentions: MentionModel[] }>(MENTIONS_OF_ACTORS, { ids }, this.counter);
    return inOrder(ids, rows, (r) => r.mentions, []);
  }

  /** The actors on each list, in the order of `ids`. */
  async entriesOfLists(ids: readonly string[], asOf: string | null, edges: EdgeFilter = STRICT_EDGES): Promise<ActorModel[][]> {
    const rows = await this.graph.read<{ id: string; entries: Row[] }>(ENTRIES_OF_LISTS, { ids, asOf, ...edges }, this.counter);
    return inOrder(ids, rows, (r) => r.entries.map(toActor), []);
  }

  /**
   * A page of relationships for each actor of a batch, in the order of `ids`.
   *
   * @example
   * const [page] = await repo.relationshipsOfActors(['myanmar'], { types: ['LEADS'], direction: 'INCOMING', asOf: '2021-01-31', limit: 21, afterId: null });
   */
  async relationshipsOfActors(ids: readonly string[], page: RelationshipPageQuery): Promise<RelationshipPage[]> {
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

  /** The relationships each source supports, in the order of `ids`. */
  async relationshipsOfSources(ids: readonly string[], types: readonly RelationshipType[] | null): Promise<RelationshipModel[][]> {
    const rows = await this.graph.read<{ id: string; relationships: Row[] }>(
      RELATIONSHIPS_OF_SOURCES,
      { ids, types: types ?? RELATIONSHIP_TYPES },
      this.counter,
    );
    return inOrder(ids, rows, (r) => r.relationships.map(toRelationship), []);
  }

  /** Sanctions by id, in the order of `ids`. */
  async findSanctionsByIds(ids: readonly string[]): Promise<(SanctionModel | undefined)[]> {
    const rows = await this.graph.read<{ sanction: Row }>(FIND_SANCTIONS_BY_IDS, { ids }, this.counter);
    const byId = new Map(rows.map((r) => [r.sanction['id'] as string, toSanction(r.sanction)]));
    return ids.map((id) => byId.get(id));
  }

  /** Sanctions each actor imposed (`imposed`) or received, in the order of `ids`. */
  async sanctionsOfActors(ids: readonly string[], side: 'imposed' | 'received', asOf: string | null): Promise<SanctionModel[][]> {
    const query = side === 'imposed' ? SANCTIONS_IMPOSED_BY_ACTORS : SANCTIONS_RECEIVED_BY_ACTORS;
    const rows = await this.graph.read<{ id: string; sanctions: Row[] }>(query, { ids, asOf }, this.counter);
    return inOrder(ids, rows, (r) => r.sanctions.map(toSanction), []);
  }

  /** The sanctions each source supports, in the order of `ids`. */
  async sanctionsOfSources(ids: readonly string[]): Promise<SanctionModel[][]> {
    const rows = await this.graph.read<{ id: string; sanctions: Row[] }>(SANCTIONS_OF_SOURCES, { ids }, this.counter);
    return inOrder(ids, rows, (r) => r.sanctions.map(toSanction), []);
  }

  /** Sanctions matching a filter, newest first. */
  async listSanctions(filter: SanctionListFilter, limit: number): Promise<SanctionModel[]> {
    const rows = await this.graph.read<{ sanction: Row }>(LIST_SANCTIONS, { ...filter, limit: int(limit) }, this.counter);
    return rows.map((r) => toSanction(r.sanction));
  }

  /**
   * Sanctions reaching an actor, from the target side (`whoSanctioned`) or the authority side
   * (`sanctionedBy`), directly or through acting-for chains.
   *
   * @example
   * const findings = await repo.sanctionFindings('whoSanctioned', 'myanmar-military', true, null);
   */
  async sanctionFindings(
    side: 'whoSanctioned' | 'sanctionedBy',
    actorId: string,
    indirect: boolean,
    asOf: string | null,
    detail: TraversalDetail = FULL_DETAIL,
    edges: EdgeFilter = STRICT_EDGES,
  ): Promise<{ findings: SanctionFindingModel[]; actors: ActorModel[]; sanctions: SanctionModel[] }> {
    const map = mappersFor(detail);
    const queries = side === 'whoSanctioned' ? WHO_SANCTIONED : SANCTIONED_BY;
    const rows = await this.graph.read<{
      sanction: Row | null;
      actors: Row[];
      sanctionId: string;
      authorityId: string;
      imposedById: string;
      targetId: string;
      targetedId: string;
      indirect: boolean;
      status: SanctionFindingModel['status'];
      inferredFrom: string | null;
      authorityChain: Row[];
      targetChain: Row[];
    }>(indirect ? queries.indirect : queries.direct, { id: actorId, asOf, ...edges, ...detailParams(detail) }, this.counter);
    const findings = rows.map((r): SanctionFindingModel => {
      // At `ref` the statement leaves the projections out: the id columns are the whole of them.
      const ids = [r.authorityId, r.imposedById, r.targetId, r.targetedId];
      const [authority, imposedBy, target, targeted] = (detail.actors === 'ref' ? ids.map((id) => ({ id })) : r.actors).map(map.actor);
      invariant(authority && imposedBy && target && targeted, 'a finding without its four actors');
      return {
        sanctionId: r.sanctionId,
        authorityId: r.authorityId,
        imposedById: r.imposedById,
        targetId: r.targetId,
        targetedId: r.targetedId,
        sanction: map.sanction(r.sanction ?? { id: r.sanctionId }),
        authority,
        imposedBy,
        target,
        targeted,
        indirect: r.indirect,
        status: r.status,
        inferredFrom: r.inferredFrom,
        authorityChain: r.authorityChain.map(map.relationship),
        targetChain: r.targetChain.map(map.relationship),
      };
    });
    // Records holding more than their id are worth keeping for later fields; bare references are not.
    return {
      findings,
      actors: detail.actors === 'ref' ? [] : findings.flatMap((f) => [f.authority, f.imposedBy, f.target, f.targeted]),
      sanctions: detail.sanctions === 'ref' ? [] : findings.map((f) => f.sanction),
    };
  }

  /**
   * Shortest paths (all of the shortest length, up to `limit`) between two actors.
   *
   * @example
   * const paths = await repo.shortestPaths('liu-pengyu', 'us-treasury', 4, null, null, 5);
   */
  async shortestPaths(
    fromId: string,
    toId: string,
    maxHops: number,
    types: readonly RelationshipType[] | null,
    asOf: string | null,
    limit: number,
    detail: TraversalDetail = FULL_DETAIL,
    edges: EdgeFilter = STRICT_EDGES,
  ): Promise<PathModel[]> {
    const query = SHORTEST_PATHS.get(maxHops);
    if (!query) throw new RangeError(`maxHops ${maxHops} has no statement`);
    const map = mappersFor(detail);
    const rows = await this.graph.read<{ actors: Row[]; relationships: Row[] }>(
      query,
      { from: fromId, to: toId, types: types ?? RELATIONSHIP_TYPES, asOf, limit: int(limit), ...edges, ...detailParams(detail) },
      this.counter,
    );
    return rows.map((r) => {
      const actors = r.actors.map(map.actor);
      const hops = r.relationships.map(map.relationship).map((relationship, i) => ({
        relationship,
        direction: relationship.fromId === actors[i]?.id ? ('OUTGOING' as const) : ('INCOMING' as const),
      }));
      return { actors, hops };
    });
  }

  /**
   * The actors within `hops` of an actor and the relationships between them; null when the actor does
   * not exist.
   */
  async neighbourhood(
    id: string,
    hops: number,
    types: readonly RelationshipType[] | null,
    asOf: string | null,
    limit: number,
    detail: TraversalDetail = FULL_DETAIL,
    edges: EdgeFilter = STRICT_EDGES,
  ): Promise<NeighbourhoodModel | null> {
    const query = NEIGHBOURHOOD.get(hops);
    if (!query) throw new RangeError(`hops ${hops} has no statement`);
    const map = mappersFor(detail);
    const [row] = await this.graph.read<{ nodes: Row[]; edges: Row[]; truncated: boolean }>(
      query,
      { id, types: types ?? RELATIONSHIP_TYPES, asOf, limit: int(limit), edgeLimit: int(limit * 10), ...edges, ...detailParams(detail) },
      this.counter,
    );
    if (!row) return null;
    return { nodes: row.nodes.map(map.actor), edges: row.edges.map(map.relationship), truncated: row.truncated };
  }

  /** Relationships by reference, in the order of `refs` (undefined where none matches). */
  async findRelationshipsByRefs(refs: readonly RelationshipRef[]): Promise<(RelationshipModel | undefined)[]> {
    const rows = await this.graph.read<{ relationship: Row }>(
      FIND_RELATIONSHIPS_BY_REFS,
      { refs: refs.map((r) => ({ id: r.id, fromId: r.fromId, toId: r.toId })) },
      this.counter,
    );
    const byId = new Map(rows.map((r) => [r.relationship['id'] as string, toRelationship(r.relationship)]));
    return refs.map((r) => byId.get(r.id));
  }

  /** Sources by id, in the order of `ids`. */
  async findSourcesByIds(ids: readonly string[]): Promise<(SourceModel | undefined)[]> {
    const rows = await this.graph.read<{ source: Row }>(FIND_SOURCES_BY_IDS, { ids }, this.counter);
    const byId = new Map(rows.map((r) => [r.source['id'] as string, toSource(r.source)]));
    return ids.map((id) => byId.get(id));
  }

  /** All sources, by id. */
  async listSources(): Promise<SourceModel[]> {
    const rows = await this.graph.read<{ source: Row }>(LIST_SOURCES, {}, this.counter);
    return rows.map((r) => toSource(r.source));
  }
}

/** Puts rows keyed by `id` back in the order of the keys asked for, with a default for missing keys. */
function inOrder<R extends { id: string }, T>(ids: readonly string[], rows: readonly R[], map: (row: R) => T, missing: T): T[] {
  const byId = new Map(rows.map((r) => [r.id, map(r)]));
  return ids.map((id) => byId.get(id) ?? missing);
}

/** Cypher needs integers for LIMIT and friends; JavaScript numbers would travel as floats. */
function int(value: number): ReturnType<typeof neo4j.int> {
  return neo4j.int(value);
}
