import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { parseConfig } from '../../src/config/config.js';
import { cypher } from '../../src/graph/cypher/cypher-query.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import { countGraph, writeSeed } from '../../src/graph/seed-repository.js';
import { SeedError } from '../../src/services/seed/load-seed.js';
import { seedGraph } from '../../src/services/seed/seed-graph.js';
import { graphFixture } from '../support/graph-fixture.js';
import { testEnv } from '../support/test-env.js';

/** Every node and relationship with all its properties, in a stable order: the whole graph's state. */
const SNAPSHOT = cypher(
  'testSnapshot',
  `
CALL () { MATCH (n) WITH n ORDER BY elementId(n) RETURN collect([labels(n), properties(n)]) AS nodes }
CALL () { MATCH (a)-[r]->(b) WITH a, r, b ORDER BY a.id, type(r), r.id, b.id RETURN collect([a.id, type(r), properties(r), b.id]) AS rels }
RETURN nodes, rels`,
);

let graph: GraphClient;
// Keys sorted: Neo4j does not promise an order of properties(n), and a rewrite of equal values may reorder them.
const sortedKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(sortedKeys)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, v]) => [k, sortedKeys(v)]),
        )
      : value;
const snapshot = async (): Promise<string> => JSON.stringify(sortedKeys(await graph.read(SNAPSHOT)));

beforeAll(() => {
  graph = GraphClient.connect(parseConfig(testEnv()).neo4j);
});
afterAll(() => graph.close());

describe('the seed loader against the real Neo4j', () => {
  it('is idempotent: a second run changes no count and no property', async () => {
    const before = await snapshot();
    const report = await seedGraph(graph, 'seed');
    expect(report.after).toEqual(report.before);
    // 32 actors, 1 source, 6 sanctions, 1 dispute; 44 relations, 14 SANCTIONED, 32 MENTIONED_IN, 10 IMPOSED,
    // 7 TARGETS, 2 ON_LIST, 4 DISPUTES (seed/disputes.yaml: the ends of its two claims).
    expect(report.after).toEqual({ nodes: 40, relationships: 113, actors: 32 });
    expect(await snapshot()).toBe(before);
  });

  it('skips the write when asked to seed only an empty graph (what npm start does)', async () => {
    const before = await snapshot();
    expect(await seedGraph(graph, 'seed', { onlyIfEmpty: true })).toBeNull();
    expect(await snapshot()).toBe(before);
  });

  it('leaves the database exactly as it was when a file is malformed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'seed-'));
    try {
      await cp('seed', dir, { recursive: true });
      const file = path.join(dir, 'relations.yaml');
      const text = await readFile(file, 'utf8');
      // The last LISTED_ON record points at an actor that does not exist.
      await writeFile(file, text.replace('from: chinese-companies-trade-blacklisted-2021-11', 'from: nobody'));
      const before = await snapshot();
      await expect(seedGraph(graph, dir)).rejects.toThrow(SeedError);
      await expect(seedGraph(graph, dir)).rejects.toThrow(
        /relations\.yaml: record 43 \(rel-companies-listed-on-trade-blacklist\): field 'from': unknown actor 'nobody'/,
      );
      expect(await snapshot()).toBe(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes all or nothing: a statement failing mid-transaction rolls back the earlier ones', async () => {
    const fixture = graphFixture('atomic').actor('a').actor('b').relate('a', 'DENOUNCED', 'b');
    const data = fixture.data();
    // Valid for validation, rejected by Neo4j (a map is not a storable property) at the relationship step,
    // after the source and actor statements of the same transaction succeeded.
    const broken = {
      ...data,
      relationships: data.relationships.map((r) => ({ ...r, topics: [{ nested: true }] as unknown as string[] })),
    };
    const before = await countGraph(graph);
    await expect(writeSeed(graph, broken)).rejects.toThrow();
    expect(await countGraph(graph)).toEqual(before);
  });
});
