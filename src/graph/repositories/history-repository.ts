import {
  ACTOR_HISTORY,
  FIND_ACTORS_AS_OF,
  FIND_SANCTIONS_AS_OF,
  RELATIONSHIP_HISTORY,
  RELATIONSHIPS_OF_ACTOR_AS_OF,
  SANCTION_HISTORY,
} from '../cypher/history-cypher.js';
import type { GraphClient, RoundTripCounter } from '../graph-client.js';
import { type Row, toActor, toRecorded, toRelationship, toSanction } from '../mappers.js';
import {
  type ActorKind,
  type ActorModel,
  type ActorVersionModel,
  type Direction,
  type EdgeFilter,
  RELATIONSHIP_TYPES,
  type RelationshipModel,
  type RelationshipType,
  type SanctionModel,
} from '../model.js';
import { int } from './shared.js';

/** A page of one actor's relationships as recorded at an instant. */
export interface RelationshipsAsOfQuery {
  readonly actorId: string;
  readonly recordedAsOf: string;
  readonly types: readonly RelationshipType[] | null;
  readonly direction: Direction;
  /** World time (`asOf`), as on the current reads. */
  readonly asOf: string | null;
  readonly edges: EdgeFilter;
  readonly afterId: string | null;
  readonly limit: number;
}

/** Reads of the graph's history: versions of records and the graph as recorded at an instant. One round trip each. */
export class HistoryRepository {
  constructor(
    private readonly graph: GraphClient,
    private readonly counter: RoundTripCounter,
  ) {}

  /**
   * Versions of each relationship id, newest first, in the order of `ids`.
   *
   * @example
   * const [versions] = await repo.history.relationshipVersions(['r-liu-speaks-for-embassy'], 20);
   */
  async relationshipVersions(ids: readonly string[], limit: number): Promise<RelationshipModel[][]> {
    const rows = await this.graph.read<{ id: string; versions: Row[] }>(RELATIONSHIP_HISTORY, { ids, limit: int(limit) }, this.counter);
    const byId = new Map(rows.map((r) => [r.id, r.versions.map(toRelationship)]));
    return ids.map((id) => byId.get(id) ?? []);
  }

  /** Versions of each sanction id, newest first, in the order of `ids`. */
  async sanctionVersions(ids: readonly string[], limit: number): Promise<SanctionModel[][]> {
    const rows = await this.graph.read<{ id: string; versions: Row[] }>(SANCTION_HISTORY, { ids, limit: int(limit) }, this.counter);
    const byId = new Map(rows.map((r) => [r.id, r.versions.map(toSanction)]));
    return ids.map((id) => byId.get(id) ?? []);
  }

  /** Versions of each live actor's properties, newest first, in the order of `ids`. */
  async actorVersions(ids: readonly string[], limit: number): Promise<ActorVersionModel[][]> {
    const rows = await this.graph.read<{ id: string; versions: Row[] }>(ACTOR_HISTORY, { ids, limit: int(limit) }, this.counter);
    const byId = new Map(rows.map((r) => [r.id, r.versions.slice(0, limit).map(toActorVersion)]));
    return ids.map((id) => byId.get(id) ?? []);
  }

  /** Actors as the graph held them at `recordedAsOf`, in the order of `ids` (undefined where none was). */
  async actorsAsOf(ids: readonly string[], recordedAsOf: string): Promise<(ActorModel | undefined)[]> {
    const rows = await this.graph.read<{ id: string; actor: Row }>(FIND_ACTORS_AS_OF, { ids, recordedAsOf }, this.counter);
    const byId = new Map(rows.map((r) => [r.id, toActor(r.actor)]));
    return ids.map((id) => byId.get(id));
  }

  /** Sanctions as the graph held them at `recordedAsOf`, in the order of `ids`. */
  async sanctionsAsOf(ids: readonly string[], recordedAsOf: string): Promise<(SanctionModel | undefined)[]> {
    const rows = await this.graph.read<{ id: string; sanction: Row }>(FIND_SANCTIONS_AS_OF, { ids, recordedAsOf }, this.counter);
    const byId = new Map(rows.map((r) => [r.id, toSanction(r.sanction)]));
    return ids.map((id) => byId.get(id));
  }

  /** A page of an actor's relationships as recorded at an instant, with the total; null when the actor was unknown. */
  async relationshipsAsOf(
    q: RelationshipsAsOfQuery,
  ): Promise<{ total: number; items: { relationship: RelationshipModel; other: ActorModel }[] } | null> {
    const rows = await this.graph.read<{ total: number; page: { relationship: Row; other: Row }[] }>(
      RELATIONSHIPS_OF_ACTOR_AS_OF[q.direction],
      {
        id: q.actorId,
        recordedAsOf: q.recordedAsOf,
        types: q.types ?? RELATIONSHIP_TYPES,
        asOf: q.asOf,
        includeInferred: q.edges.includeInferred,
        includeUndated: q.edges.includeUndated,
        after: q.afterId,
        limit: int(q.limit),
      },
      this.counter,
    );
    const row = rows[0];
    if (!row) return null;
    return { total: row.total, items: row.page.map((p) => ({ relationship: toRelationship(p.relationship), other: toActor(p.other) })) };
  }
}

function toActorVersion(row: Row): ActorVersionModel {
  return {
    id: row['id'] as string,
    kind: row['kind'] as ActorKind,
    name: row['name'] as string,
    aliases: (row['aliases'] as string[] | null) ?? [],
    country: (row['country'] as string | null) ?? null,
    description: (row['description'] as string | null) ?? null,
    recorded: toRecorded({ version: null, ...row }) ?? { version: 1, from: null, to: null, changeSeq: null, endReason: null },
  };
}
