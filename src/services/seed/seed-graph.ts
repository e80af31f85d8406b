import path from 'node:path';

import type { GraphClient } from '../../graph/graph-client.js';
import { applySchema, countGraph, type GraphCounts, writeSeed } from '../../graph/seed-repository.js';
import { loadSeed } from './load-seed.js';

/** What a seed run did. */
export interface SeedReport {
  readonly before: GraphCounts;
  readonly after: GraphCounts;
  readonly schemaStatements: number;
}

/**
 * Validates the seed folder (before any write), applies constraints and indexes, then writes the seed
 * in one transaction. Idempotent. With `onlyIfEmpty` (what `npm start` does before serving), the write is
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
  await writeSeed(graph, data);
  return { before, after: await countGraph(graph), schemaStatements };
}
