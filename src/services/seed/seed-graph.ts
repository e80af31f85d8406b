import path from 'node:path';

import type { GraphClient } from '../../graph/graph-client.js';
import { OperationTrace } from '../../graph/operation-trace.js';
import { CurationRepository } from '../../graph/repositories/curation-repository.js';
import { applySchema, countGraph, type GraphCounts } from '../../graph/seed-repository.js';
import { loadSeed } from './load-seed.js';
import { type SeedChanges, writeSeedChanges } from './write-seed.js';

/** What a seed run did. */
export interface SeedReport {
  readonly before: GraphCounts;
  readonly after: GraphCounts;
  readonly schemaStatements: number;
  /** What the write changed (audited as the SYSTEM principal); all zero when the graph already held the seed. */
  readonly changes: SeedChanges;
}

/**
 * Validates the seed folder (before any write), applies constraints and indexes, then writes the seed
 * in one transaction through the door of the mutations (writeSeedChanges: audited, correcting and
 * retracting what changed since the last run; its disputes audited too). Idempotent: unchanged data writes no change. With `onlyIfEmpty` (what `npm start` does before serving), the write is
 * skipped when the graph already holds actors; constraints and indexes are applied either way.
 *
 * @returns the seed report, or null when `onlyIfEmpty` skipped the write.
 * @throws SeedError when a seed file is malformed; the database is then untouched.
 * @example
 * const report = await seedGraph(graph, 'seed');
 */
export async function seedGraph(graph: GraphClient, dir: string, options: { onlyIfEmpty: true }): Promise<SeedReport | null>;
export async function seedGraph(graph: GraphClient, dir: string, options?: { onlyIfEmpty?: false }): Promise<SeedReport>;
export async function seedGraph(graph: GraphClient, dir: string, options: { onlyIfEmpty?: boolean } = {}): Promise<SeedReport | null> {
  const data = await loadSeed(dir);
  const before = await countGraph(graph);
  const schemaStatements = await applySchema(graph, path.join(dir, 'schema.cypher'));
  if (options.onlyIfEmpty && before.actors > 0) return null;
  const changes = await writeSeedChanges(new CurationRepository(graph, new OperationTrace()), data);
  return { before, after: await countGraph(graph), schemaStatements, changes };
}
