import { EXPORT_ACTORS_PAGE, EXPORT_COUNTS, EXPORT_RELATIONSHIPS_PAGE } from '../cypher/export-cypher.js';
import type { GraphClient, RoundTripCounter } from '../graph-client.js';
import { type Row, toActor, toRelationship } from '../mappers.js';
import type { ActorKind, ActorModel, RelationshipModel } from '../model.js';
import { int } from './shared.js';

/**
 * Where the next page of relationships of a whole-graph export starts: after relationship
 * `afterRelationship` of actor `afterActor`, or (when null) after every relationship of that actor.
 */
export interface ExportRelationshipCursor {
  readonly afterActor: string;
  readonly afterRelationship: string | null;
}

/** The first cursor of a whole-graph relationship export. */
export const FIRST_RELATIONSHIP_CURSOR: ExportRelationshipCursor = { afterActor: '', afterRelationship: '' };

/** A relationship of an export with the kinds of its ends. */
export interface ExportRelationship {
  readonly relationship: RelationshipModel;
  readonly fromKind: ActorKind;
  readonly toKind: ActorKind;
}

/** One page of relationships and where the next starts (null after the last). */
export interface ExportRelationshipPage {
  readonly relationships: readonly ExportRelationship[];
  readonly next: ExportRelationshipCursor | null;
}

/** Reads of the whole-graph export: keyset pages of the live graph. Each method is one round trip. */
export class ExportRepository {
  constructor(
    private readonly graph: GraphClient,
    private readonly counter: RoundTripCounter,
  ) {}

  /**
   * Up to `limit` actors with ids after `after`, by id, with every property and the degree.
   *
   * @example
   * const first = await repo.exports.actorsPage('', 500);
   * const second = await repo.exports.actorsPage(first.at(-1)!.id, 500);
   */
  async actorsPage(after: string, limit: number): Promise<ActorModel[]> {
    const rows = await this.graph.read<{ actor: Row }>(EXPORT_ACTORS_PAGE, { after, limit: int(limit) }, this.counter);
    return rows.map((r) => toActor(r.actor));
  }

  /**
   * Up to `limit` relationships between actors after `cursor`, by start actor id then relationship id.
   *
   * @example
   * let page = await repo.exports.relationshipsPage(FIRST_RELATIONSHIP_CURSOR, 500);
   * while (page.next) page = await repo.exports.relationshipsPage(page.next, 500);
   */
  async relationshipsPage(cursor: ExportRelationshipCursor, limit: number): Promise<ExportRelationshipPage> {
    const [row] = await this.graph.read<{
      actors: number;
      lastActor: string | null;
      rows: { startId: string; fromKind: ActorKind; toKind: ActorKind; relationship: Row }[];
    }>(
      EXPORT_RELATIONSHIPS_PAGE,
      { afterActor: cursor.afterActor, afterRelationship: cursor.afterRelationship, limit: int(limit) },
      this.counter,
    );
    const rows = row?.rows ?? [];
    const relationships = rows.map((r) => ({ relationship: toRelationship(r.relationship), fromKind: r.fromKind, toKind: r.toKind }));
    const last = rows.at(-1);
    if (last && rows.length >= limit) {
      return { relationships, next: { afterActor: last.startId, afterRelationship: relationships.at(-1)?.relationship.id ?? null } };
    }
    // Fewer relationships than a page: every actor of the window is done; more follow if the window was full.
    const lastActor = row?.lastActor ?? null;
    const windowFull = (row?.actors ?? 0) >= limit;
    return { relationships, next: windowFull && lastActor !== null ? { afterActor: lastActor, afterRelationship: null } : null };
  }

  /** How many actors and actor-to-actor relationships the live graph holds. */
  async counts(): Promise<{ actors: number; relationships: number }> {
    const [row] = await this.graph.read<{ actors: number; relationships: number }>(EXPORT_COUNTS, {}, this.counter);
    return row ?? { actors: 0, relationships: 0 };
  }
}
