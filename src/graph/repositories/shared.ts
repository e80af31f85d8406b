import neo4j from 'neo4j-driver';

import {
  type Row,
  toActor,
  toActorRef,
  toActorSummary,
  toRelationship,
  toRelationshipLean,
  toSanction,
  toSanctionRef,
} from '../mappers.js';
import type { ActorRecord, RelationshipRecord, SanctionRecord, TraversalDetail } from '../model.js';

/**
 * Mappers for what a traversal projected with `detail`: records below `full` come back typed as the lean
 * records of their level (ActorSummary, ActorRef, RelationshipLean, SanctionRef), holding nothing else.
 */
export function mappersFor(detail: TraversalDetail): {
  actor: (row: Row) => ActorRecord;
  relationship: (row: Row) => RelationshipRecord;
  sanction: (row: Row) => SanctionRecord;
} {
  const { actors, relationships, sanctions } = detail;
  return {
    actor: actors === 'full' ? toActor : actors === 'summary' ? toActorSummary : toActorRef,
    relationship: relationships === 'full' ? toRelationship : toRelationshipLean,
    sanction: sanctions === 'full' ? toSanction : toSanctionRef,
  };
}

/** Puts rows keyed by `id` back in the order of the keys asked for, with a default for missing keys. */
export function inOrder<R extends { id: string }, T>(ids: readonly string[], rows: readonly R[], map: (row: R) => T, missing: T): T[] {
  const byId = new Map(rows.map((r) => [r.id, map(r)]));
  return ids.map((id) => byId.get(id) ?? missing);
}

/** Records by id, in the order of `ids` (undefined where none exists). */
export function byIds<T>(ids: readonly string[], records: readonly T[], idOf: (record: T) => string): (T | undefined)[] {
  const byId = new Map(records.map((r) => [idOf(r), r]));
  return ids.map((id) => byId.get(id));
}

/** Cypher needs integers for LIMIT and friends; JavaScript numbers would travel as floats. */
export function int(value: number): ReturnType<typeof neo4j.int> {
  return neo4j.int(value);
}
