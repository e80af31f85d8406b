/**
 * The offline bulk import (issue 16, bench/bulk-import.ts) builds the database the online loader builds:
 * the same generated graph imported with `neo4j-admin database import full` and loaded online by
 * bench/load.ts answer the same counts, neighbourhood, findings, search and relationship pages. Runs its
 * own Neo4j in `<TEST_NEO4J_DIR>-import` on TEST_IMPORT_NEO4J_PORT (7698 unless set), one load at a time.
 */
import { runOfflineImport, writeImportFiles } from '../../bench/bulk-import.js';
import { generateSanction, layoutOf } from '../../bench/gen-graph.js';
import { benchGraphClient, loadGraph } from '../../bench/load.js';
import { findJava, startLocalNeo4j, stopLocalNeo4j, wipeLocalNeo4j } from '../../neo4j/local-neo4j.js';
import { cypher } from '../../src/graph/cypher/cypher-query.js';
import { GraphRepository } from '../../src/graph/graph-repository.js';
import { FULL_DETAIL, STRICT_EDGES } from '../../src/graph/model.js';
import { applySchema } from '../../src/graph/seed-repository.js';
import { relationshipListFilter } from '../../src/services/relationship-service.js';
import { TEST_NEO4J_DIR } from '../support/test-env.js';

const DIR = `${TEST_NEO4J_DIR}-import`;
const PORT = Number(process.env['TEST_IMPORT_NEO4J_PORT'] ?? '7698');
const URI = `bolt://127.0.0.1:${PORT}`;
const GRAPH = { actors: 300, seed: 7 };
const quiet = (): void => undefined;

const COUNTS = cypher(
  'bulkImportTestCounts',
  `
CALL { MATCH (n) UNWIND labels(n) AS label WITH label, count(*) AS n ORDER BY label RETURN collect([label, n]) AS labels }
CALL { MATCH ()-[r]->() WITH type(r) AS type, count(*) AS n ORDER BY type RETURN collect([type, n]) AS types }
CALL { MATCH ()-[r]->() WHERE r.knownFrom IS NOT NULL RETURN count(r) AS knownFrom }
RETURN labels, types, knownFrom`,
);

const INDEXES = cypher(
  'bulkImportTestIndexes',
  `SHOW INDEXES YIELD name, type, state WHERE state = 'ONLINE' RETURN name, type ORDER BY name`,
);

async function start(): Promise<void> {
  const { started } = await startLocalNeo4j({
    dir: DIR,
    host: '127.0.0.1',
    port: PORT,
    password: '',
    heapMb: 512,
    pageCacheMb: 128,
    txMemoryMb: 256,
    txTotalMemoryMb: 384,
    log: quiet,
  });
  if (!started) throw new Error(`${URI} already answers: it is not this test's Neo4j`);
}

const byId = <T extends { id: string }>(items: readonly T[]): T[] => [...items].sort((a, b) => a.id.localeCompare(b.id));
// A sanction's authorityIds and targetIds come from pattern comprehensions, in the store's order.
const canonical = (key: string, value: unknown): unknown =>
  (key === 'authorityIds' || key === 'targetIds') && Array.isArray(value) ? [...(value as string[])].sort() : value;
const byJson = (items: readonly unknown[]): unknown[] => [...items].map((i) => JSON.stringify(i, canonical)).sort();

/**
 * What the graph answers, through the repositories the API uses. Where a statement sets no order (the
 * actors and edges a neighbourhood walk reaches, findings of one date, hits of one score), the store's
 * layout decides it, and the two loads lay the store out differently: those answers compare as sets.
 */
async function answers(): Promise<unknown> {
  const graph = benchGraphClient(URI);
  try {
    const repo = new GraphRepository(graph);
    const target = generateSanction(GRAPH, layoutOf(GRAPH.actors), 0).targetIds[0] ?? 'a0';
    const [counts] = await graph.read(COUNTS);
    return {
      counts,
      indexes: await graph.read(INDEXES),
      neighbourhood: hood(
        await repo.paths.neighbourhood({
          id: 'a1',
          hops: 2,
          types: null,
          asOf: null,
          limit: 500,
          detail: FULL_DETAIL,
          edges: STRICT_EDGES,
        }),
      ),
      asOf: hood(
        await repo.paths.neighbourhood({
          id: 'a1',
          hops: 1,
          types: null,
          asOf: '2010-06-30',
          limit: 500,
          detail: FULL_DETAIL,
          edges: STRICT_EDGES,
        }),
      ),
      findings: findings(
        await repo.sanctions.findings({
          side: 'whoSanctioned',
          actorId: target,
          indirect: true,
          asOf: null,
          detail: FULL_DETAIL,
          // All of them: a limit would cut among findings the order leaves tied.
          limit: 500,
          skip: 0,
          distinct: 'ALL',
          edges: STRICT_EDGES,
        }),
      ),
      search: byJson(await repo.actors.search({ text: 'holdings', kinds: null, limit: 500 })),
      relationships: await repo.relationships.list({
        filter: relationshipListFilter({ includeInferred: true }),
        afterId: null,
        limit: 100,
      }),
      sanctions: byJson(await repo.sanctions.findByIds(['s0', 's1', 's2'])),
      actors: await repo.actors.findByIds(['a0', 'a1', 'a299']),
    };
  } finally {
    await graph.close();
  }
}

function hood(n: Awaited<ReturnType<GraphRepository['paths']['neighbourhood']>>): unknown {
  return n && { nodes: byId(n.nodes), edges: byId(n.edges), truncated: n.truncated };
}

function findings(f: Awaited<ReturnType<GraphRepository['sanctions']['findings']>>): unknown {
  return { findings: byJson(f.findings), actors: byId(f.actors), sanctions: byJson(byId(f.sanctions)) };
}

afterAll(async () => {
  await stopLocalNeo4j(DIR, quiet);
  wipeLocalNeo4j(DIR);
});

// Two loads and two Neo4j starts: minutes on a loaded 2-core machine.
it('imports offline what the online loader loads, and answers the same queries', async () => {
  await stopLocalNeo4j(DIR, quiet);
  wipeLocalNeo4j(DIR);
  const files = await writeImportFiles(GRAPH, `${DIR}/import-csv`);
  const report = await runOfflineImport(files, DIR, { java: findJava(process.env['JAVA_HOME']), heapMb: 512, maxOffHeapMb: 256 });
  expect(report.summary).toContain('IMPORT DONE');
  await start();
  const graph = benchGraphClient(URI);
  await applySchema(graph, 'seed/schema.cypher');
  await graph.close();
  const imported = await answers();
  await stopLocalNeo4j(DIR, quiet);
  wipeLocalNeo4j(DIR);

  await start();
  const online = benchGraphClient(URI);
  const load = await loadGraph(online, GRAPH, 5000, 1, quiet);
  await online.close();
  expect(load.relationships.rows).toBe(files.counts.relationships);
  const loaded = await answers();

  expect(imported).toEqual(loaded);
  // Not vacuous: the graph is there, with its sanctions, indexes and as-of days.
  const { counts, indexes, neighbourhood, findings, search } = loaded as {
    counts: { labels: [string, number][]; knownFrom: number };
    indexes: { name: string }[];
    neighbourhood: { nodes: unknown[]; truncated: boolean };
    findings: { findings: unknown[] };
    search: unknown[];
  };
  expect(counts.labels).toContainEqual(['Actor', GRAPH.actors]);
  expect(counts.labels).toContainEqual(['Sanction', layoutOf(GRAPH.actors).sanctions]);
  expect(counts.knownFrom).toBeGreaterThan(0);
  expect(indexes.map((i) => i.name)).toEqual(expect.arrayContaining(['actor_id_unique', 'actor_search', 'sanction_date']));
  expect(neighbourhood.nodes.length).toBeGreaterThan(5);
  expect(neighbourhood.truncated).toBe(false);
  expect(findings.findings.length).toBeGreaterThan(0);
  expect(findings.findings.length).toBeLessThan(500);
  expect(search.length).toBeGreaterThan(0);
}, 600_000);
