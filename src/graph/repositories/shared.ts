import neo4j from 'neo4j-driver';

import { type Row, toActor, toRelationship, toSanction, toSanctionRef } from '../mappers.js';
import type { ActorModel, RelationshipModel, SanctionModel, TraversalDetail } from '../model.js';

/** Mappers for what a traversal projected with `detail`: records below `full` come back marked lean. */
export function mappersFor(detail: TraversalDetail): {
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
