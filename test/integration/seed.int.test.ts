import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { parseConfig } from '../../src/config/config.js';
import { cypher } from '../../src/graph/cypher/cypher-query.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import { OperationTrace } from '../../src/graph/operation-trace.js';
import { HistoryRepository } from '../../src/graph/repositories/history-repository.js';
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

/** The nodes the seed writes, apart from the audit trail (which other suites' writes add to). */
const SEED_NODES = cypher(
  'testSeedNodes',
  `
CALL () { MATCH (n) WHERE n:Actor OR n:Source OR n:Sanction OR n:Dispute RETURN count(n) AS seedNodes }
CALL () {
  MATCH (a)-[r]->(b)
  WHERE (a:Actor OR a:Source OR a:Sanction OR a:Dispute) AND (b:Actor OR b:Source OR b:Sanction OR b:Dispute)
  RETURN count(r) AS seedRelationships
}
CALL () { MATCH (c:Change) RETURN count(c) AS changes }
RETURN seedNodes, seedRelationships, changes`,
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
    // 32 actors, 1 source, 6 sanctions, 1 dispute, and the audit trail of writing them (83 changes, one per
    // record, and the change counter); 44 relations, 14 SANCTIONED, 32 MENTIONED_IN, 10 IMPOSED, 7 TARGETS,
    // 2 ON_LIST, 4 DISPUTES (seed/disputes.yaml: the ends of its two claims). Other suites' API keys and
    // their changes are not the seed's.
    expect(report.after).toMatchObject({ actors: 32 });
    // Other suites' curated writes leave their history (versions of retracted actors, audit records) beside
    // the seed: the seed's own nodes and the relationships between them are counted apart.
    const [labels] = await graph.read<{ seedNodes: number; seedRelationships: number; changes: number }>(SEED_NODES);
    expect(labels?.seedNodes).toBe(40);
    expect(labels?.seedRelationships).toBe(113);
    expect(labels?.changes).toBeGreaterThanOrEqual(83);
    expect(report.changes).toEqual({ created: 0, corrected: 0, retracted: 0, seqs: [] });
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

const EDGE = cypher(
  'testSeedEdge',
  `
MATCH (a {id: $from})-[r]->(b {id: $to})
WHERE r.id = $id
RETURN type(r) AS type, r.type AS was, r.version AS version, r.endReason AS endReason, r.seeded AS seeded`,
);
const SEED_CHANGES = cypher(
  'testSeedChangeRecords',
  'UNWIND $seqs AS seq MATCH (c:Change {seq: seq}) RETURN c.mutation AS mutation, c.ids AS ids, c.principal AS principal ORDER BY c.seq',
);

describe('re-seeding after an edit (the seed through the door of the mutations)', () => {
  it('corrects what changed, retracts what is gone, keeps both in the history, and restores the original', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'reseed-'));
    const history = new HistoryRepository(graph, new OperationTrace());
    try {
      await cp('seed', dir, { recursive: true });
      const file = path.join(dir, 'relations.yaml');
      const text = await readFile(file, 'utf8');
      const edited = text.replace(
        /(id: rel-military-ousted-nld,\s+type: OUSTED,\s+from: myanmar-military,\s+)to: nld,/,
        '$1to: aung-san-suu-kyi,',
      );
      expect(edited).not.toBe(text);
      // And one relation less: the last record, rel-companies-national-of-china.
      const cut = edited.slice(0, edited.lastIndexOf('  - {'));
      await writeFile(file, cut);

      const report = await seedGraph(graph, dir);
      expect({ ...report.changes, seqs: report.changes.seqs.length }).toEqual({ created: 0, corrected: 1, retracted: 1, seqs: 2 });
      expect(await graph.read(SEED_CHANGES, { seqs: report.changes.seqs })).toEqual([
        { mutation: 'seedRelation', ids: ['rel-military-ousted-nld'], principal: 'system' },
        { mutation: 'seedRetractRelation', ids: ['rel-companies-national-of-china'], principal: 'system' },
      ]);
      // The old edge is history (WAS), the new one is live with the next version.
      expect(await graph.read(EDGE, { id: 'rel-military-ousted-nld', from: 'myanmar-military', to: 'nld' })).toEqual([
        { type: 'WAS', was: 'OUSTED', version: 1, endReason: 'CORRECTED', seeded: true },
      ]);
      expect(await graph.read(EDGE, { id: 'rel-military-ousted-nld', from: 'myanmar-military', to: 'aung-san-suu-kyi' })).toEqual([
        { type: 'OUSTED', was: null, version: 2, endReason: null, seeded: true },
      ]);
      const [versions] = await history.relationshipVersions(['rel-military-ousted-nld'], 10);
      expect(versions?.map((v) => [v.recorded?.version, v.toId, v.recorded?.endReason])).toEqual([
        [2, 'aung-san-suu-kyi', null],
        [1, 'nld', 'CORRECTED'],
      ]);
      expect(
        await graph.read(EDGE, { id: 'rel-companies-national-of-china', from: 'chinese-companies-trade-blacklisted-2021-11', to: 'china' }),
      ).toEqual([{ type: 'WAS', was: 'NATIONAL_OF', version: 1, endReason: 'RETRACTED', seeded: true }]);
      // The same edited seed again writes nothing.
      expect((await seedGraph(graph, dir)).changes).toEqual({ created: 0, corrected: 0, retracted: 0, seqs: [] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // The original seed puts everything back, as new versions; nothing stale stays live.
    const restored = await seedGraph(graph, 'seed');
    expect({ ...restored.changes, seqs: restored.changes.seqs.length }).toEqual({ created: 1, corrected: 1, retracted: 0, seqs: 2 });
    const toNld = await graph.read<{ version: number }>(EDGE, { id: 'rel-military-ousted-nld', from: 'myanmar-military', to: 'nld' });
    expect(toNld.sort((x, y) => x.version - y.version)).toEqual([
      { type: 'WAS', was: 'OUSTED', version: 1, endReason: 'CORRECTED', seeded: true },
      { type: 'OUSTED', was: null, version: 3, endReason: null, seeded: true },
    ]);
    expect(await graph.read(EDGE, { id: 'rel-military-ousted-nld', from: 'myanmar-military', to: 'aung-san-suu-kyi' })).toEqual([
      { type: 'WAS', was: 'OUSTED', version: 2, endReason: 'CORRECTED', seeded: true },
    ]);
    expect((await countGraph(graph)).actors).toBe(32);
  });
});
