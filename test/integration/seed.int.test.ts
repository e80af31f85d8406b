import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { parseConfig } from '../../src/config/config.js';
import { cypher } from '../../src/graph/cypher/cypher-query.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import { GraphRepository } from '../../src/graph/graph-repository.js';
import { OperationTrace } from '../../src/graph/operation-trace.js';
import { HistoryRepository } from '../../src/graph/repositories/history-repository.js';
import { countGraph, writeSeed } from '../../src/graph/seed-repository.js';
import { loadSeed, SeedError } from '../../src/services/seed/load-seed.js';
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

/** The seed's one source folder today. */
const ARTICLE = path.join('sources', 'article-2021-12-10-sanctions');

const DISPUTE_CHANGES = cypher(
  'testSeedDisputeChanges',
  "MATCH (c:Change {mutation: 'seedDispute'}) WHERE $id IN c.ids RETURN c.principal AS principal, c.ids AS ids",
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
    // 32 actors, 1 source, 6 sanctions, 1 dispute, and the audit trail of writing them (84 changes, one per
    // record, and the change counter); 44 relations, 14 SANCTIONED, 32 MENTIONED_IN, 10 IMPOSED, 7 TARGETS,
    // 2 ON_LIST, 4 DISPUTES (the article folder's disputes.yaml: the ends of its two claims). Other suites' API keys and
    // their changes are not the seed's.
    expect(report.after).toMatchObject({ actors: 32 });
    // Other suites' curated writes leave their history (versions of retracted actors, audit records) beside
    // the seed: the seed's own nodes and the relationships between them are counted apart.
    const [labels] = await graph.read<{ seedNodes: number; seedRelationships: number; changes: number }>(SEED_NODES);
    expect(labels?.seedNodes).toBe(40);
    expect(labels?.seedRelationships).toBe(113);
    expect(labels?.changes).toBeGreaterThanOrEqual(84);
    expect(report.changes).toEqual({ created: 0, corrected: 0, retracted: 0, seqs: [] });
    expect(await snapshot()).toBe(before);
    // The dispute went through the audit trail with the records, as the SYSTEM principal.
    expect(await graph.read(DISPUTE_CHANGES, { id: 'dispute-election-fraud-dismissed' })).toEqual([
      {
        principal: 'system',
        ids: ['dispute-election-fraud-dismissed', 'rel-military-alleged-fraud', 'rel-commission-dismissed-fraud'],
      },
    ]);
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
      const file = path.join(dir, ARTICLE, 'relations.yaml');
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
      const file = path.join(dir, ARTICLE, 'relations.yaml');
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

/**
 * A second source folder, clearly made up for this test: its own text, two actors of its own, one actor
 * of the article's (`united-states`, referred to by id and mentions only), two relations and a sanction.
 */
const MADE_UP = 'made-up-test-briefing';
const MADE_UP_TEXT = [
  'This briefing is invented for a test of the seed loader; none of it happened.',
  'The Ruritanian Trade Office said on Tuesday that it controls Acme Widgets.',
  'The United States froze the assets of Acme Widgets on Monday.',
  'The Ruritanian Trade Office denounced the United States for the freeze.',
].join('\n');
const MADE_UP_FILES: Record<string, string> = {
  'source.yaml': `title: A made-up briefing (test data, not a real source)
publisher: null
publishedOn: { date: '2030-01-08', precision: DAY, derivation: null }
file: briefing.txt
contentHash: sha256:${createHash('sha256').update(MADE_UP_TEXT).digest('hex')}
`,
  'briefing.txt': MADE_UP_TEXT,
  'dates.yaml': `dates:
  briefing-day: { date: '2030-01-08', precision: DAY, derivation: null }
  monday: { date: '2030-01-07', precision: DAY, derivation: The briefing of Tuesday 8 January 2030 says "on Monday". }
`,
  'actors.yaml': `actors:
  - { id: made-up-trade-office, kind: GOVERNMENT_BODY, name: Ruritanian Trade Office, aliases: [], country: null, mentions: [2, 4] }
  - { id: made-up-acme-widgets, kind: COMPANY, name: Acme Widgets, aliases: [], country: null, mentions: [2, 3] }
  - { id: united-states, mentions: [3, 4] }
`,
  'relations.yaml': `relations:
  - { id: made-up-acme-part-of-office, type: PART_OF, from: made-up-acme-widgets, to: made-up-trade-office, noLaterThan: briefing-day,
      sentences: [2], claim: The trade office controls Acme Widgets., confidence: 0.8, status: ASSERTED }
  - { id: made-up-office-denounced-us, type: DENOUNCED, from: made-up-trade-office, to: united-states, noLaterThan: briefing-day,
      sentences: [4], claim: The trade office denounced the United States., confidence: 0.9, status: ASSERTED }
`,
  'sanctions.yaml': `sanctions:
  - id: made-up-sanction-acme
    measure: ASSET_FREEZE
    program: null
    list: null
    date: monday
    reason: null
    reasonStatus: null
    sentences: [3]
    claim: The United States froze the assets of Acme Widgets.
    confidence: 0.9
    authorities: [{ actor: united-states, sentences: [3] }]
    targets: [{ actor: made-up-acme-widgets, sentences: [3] }]
`,
};

/** What the made-up folder left: history and audit records by its ids, its source and its actors' nodes. */
const REMOVE_MADE_UP = cypher(
  'testRemoveMadeUpSource',
  `
CALL () {
  MATCH (c:Change) WHERE any(id IN c.ids WHERE id STARTS WITH 'made-up-')
  DETACH DELETE c
}
CALL () {
  MATCH (n) WHERE n.id STARTS WITH 'made-up-'
  DETACH DELETE n
}`,
);

const MADE_UP_EDGE = cypher(
  'testMadeUpEdges',
  `
MATCH (a)-[r]->(b) WHERE r.id = $id
RETURN type(r) AS type, r.type AS was, a.id AS fromId, b.id AS toId, r.version AS version, r.endReason AS endReason
ORDER BY r.version`,
);

describe('a seed of several source folders', () => {
  it('refuses a second definition of an actor that conflicts with the first, naming both files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'seed-'));
    try {
      await cp('seed', dir, { recursive: true });
      await mkdir(path.join(dir, 'sources', MADE_UP));
      for (const [file, text] of Object.entries(MADE_UP_FILES)) {
        const content =
          file === 'actors.yaml'
            ? text.replace(
                '{ id: united-states, mentions: [3, 4] }',
                '{ id: united-states, kind: STATE, name: USA, aliases: [], country: US, mentions: [3, 4] }',
              )
            : text;
        await writeFile(path.join(dir, 'sources', MADE_UP, file), content);
      }
      const before = await snapshot();
      await expect(loadSeed(dir)).rejects.toThrow(
        new RegExp(
          `sources/${MADE_UP}/actors\\.yaml: record 3 \\(united-states\\): field 'name': "USA" conflicts with the definition of 'united-states' in .*sources/article-2021-12-10-sanctions/actors\\.yaml \\(record 1: "United States"\\)`,
        ),
      );
      await expect(seedGraph(graph, dir)).rejects.toThrow(SeedError);
      expect(await snapshot()).toBe(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes a second source folder readable with its evidence; re-seeding corrects a changed end, and removing the folder retracts it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'seed-'));
    const folder = path.join(dir, 'sources', MADE_UP);
    const repo = new GraphRepository(graph, new OperationTrace());
    // The seed's nodes, the relationships between them (with the WAS edges of the re-seed above) and the
    // audit trail, before the second folder: all the same again once its traces are removed.
    const [seedBefore] = await graph.read(SEED_NODES);
    try {
      await cp('seed', dir, { recursive: true });
      await mkdir(folder);
      for (const [file, text] of Object.entries(MADE_UP_FILES)) await writeFile(path.join(folder, file), text);
      const usVersion = (await repo.actors.findByIds(['united-states']))[0]?.recorded?.version;

      // One change per record: the source, its two actors, two relations, the sanction, and its mention
      // of an actor the article defines (a link, not a new version of that actor).
      const added = await seedGraph(graph, dir);
      expect({ ...added.changes, seqs: added.changes.seqs.length }).toEqual({ created: 7, corrected: 0, retracted: 0, seqs: 7 });
      const [denounced] = await repo.relationships.findByIds(['made-up-office-denounced-us']);
      expect(denounced).toMatchObject({
        type: 'DENOUNCED',
        fromId: 'made-up-trade-office',
        toId: 'united-states',
        evidence: { sourceId: MADE_UP, sentences: [4], claim: 'The trade office denounced the United States.' },
      });
      const [source] = await repo.sources.findByIds([MADE_UP]);
      expect(source?.sentences[3]).toBe('The Ruritanian Trade Office denounced the United States for the freeze.');
      const [sanction] = await repo.sanctions.findByIds(['made-up-sanction-acme']);
      expect(sanction).toMatchObject({
        authorityIds: ['united-states'],
        targetIds: ['made-up-acme-widgets'],
        evidence: { sourceId: MADE_UP },
      });
      const [us] = await repo.actors.findByIds(['united-states']);
      expect(us?.recorded?.version).toBe(usVersion);
      const [usMentions] = await repo.actors.mentions(['united-states'], 10);
      expect(usMentions?.map((m) => [m.sourceId, m.sentences])).toEqual([
        ['article-2021-12-10-sanctions', [1, 2, 5, 9, 11, 12, 13, 15]],
        [MADE_UP, [3, 4]],
      ]);
      expect((await seedGraph(graph, dir)).changes).toEqual({ created: 0, corrected: 0, retracted: 0, seqs: [] });

      // The denunciation now goes to Acme Widgets: the old edge is retracted (WAS), the new one current.
      const relations = path.join(folder, 'relations.yaml');
      const edited = (await readFile(relations, 'utf8')).replace(
        'from: made-up-trade-office, to: united-states,',
        'from: made-up-trade-office, to: made-up-acme-widgets,',
      );
      await writeFile(
        relations,
        edited.replace(
          'sentences: [4], claim: The trade office denounced the United States.',
          'sentences: [4], claim: The trade office denounced Acme Widgets.',
        ),
      );
      await writeFile(
        path.join(folder, 'actors.yaml'),
        MADE_UP_FILES['actors.yaml']?.replace(
          'name: Acme Widgets, aliases: [], country: null, mentions: [2, 3]',
          'name: Acme Widgets, aliases: [], country: null, mentions: [2, 3, 4]',
        ) ?? '',
      );
      const corrected = await seedGraph(graph, dir);
      // The relation, and Acme Widgets' mentions (sentence 4 now names it for the claim).
      expect({ ...corrected.changes, seqs: corrected.changes.seqs.length }).toEqual({ created: 0, corrected: 2, retracted: 0, seqs: 2 });
      expect(await graph.read(MADE_UP_EDGE, { id: 'made-up-office-denounced-us' })).toEqual([
        { type: 'WAS', was: 'DENOUNCED', fromId: 'made-up-trade-office', toId: 'united-states', version: 1, endReason: 'CORRECTED' },
        { type: 'DENOUNCED', was: null, fromId: 'made-up-trade-office', toId: 'made-up-acme-widgets', version: 2, endReason: null },
      ]);

      // Without the folder, everything it said is retracted; its history stays readable.
      await rm(folder, { recursive: true, force: true });
      const removed = await seedGraph(graph, dir);
      // Two relations, the sanction, the two actors of the folder.
      expect({ ...removed.changes, seqs: removed.changes.seqs.length }).toEqual({ created: 0, corrected: 0, retracted: 5, seqs: 5 });
      // Relations, then sanctions, then actors; within each kind in the order the graph lists them.
      const retractions = await graph.read<{ mutation: string; ids: string[]; principal: string }>(SEED_CHANGES, {
        seqs: removed.changes.seqs,
      });
      expect(retractions.map((c) => c.mutation)).toEqual([
        'seedRetractRelation',
        'seedRetractRelation',
        'seedRetractSanction',
        'seedRetractActor',
        'seedRetractActor',
      ]);
      const byIds = (x: { ids: string[] }, y: { ids: string[] }): number => ((x.ids[0] ?? '') < (y.ids[0] ?? '') ? -1 : 1);
      expect([...retractions].sort(byIds)).toEqual([
        { mutation: 'seedRetractRelation', ids: ['made-up-acme-part-of-office'], principal: 'system' },
        { mutation: 'seedRetractActor', ids: ['made-up-acme-widgets'], principal: 'system' },
        { mutation: 'seedRetractRelation', ids: ['made-up-office-denounced-us'], principal: 'system' },
        { mutation: 'seedRetractSanction', ids: ['made-up-sanction-acme'], principal: 'system' },
        { mutation: 'seedRetractActor', ids: ['made-up-trade-office'], principal: 'system' },
      ]);
      expect(await repo.relationships.findByIds(['made-up-office-denounced-us', 'made-up-acme-part-of-office'])).toEqual([
        undefined,
        undefined,
      ]);
      expect(await repo.sanctions.findByIds(['made-up-sanction-acme'])).toEqual([undefined]);
      expect(await repo.actors.findByIds(['made-up-trade-office', 'made-up-acme-widgets'])).toEqual([undefined, undefined]);
      const [versions] = await repo.history.relationshipVersions(['made-up-office-denounced-us'], 10);
      expect(versions?.map((v) => [v.recorded?.version, v.toId, v.recorded?.endReason])).toEqual([
        [2, 'made-up-acme-widgets', 'RETRACTED'],
        [1, 'united-states', 'CORRECTED'],
      ]);
      expect((await seedGraph(graph, dir)).changes).toEqual({ created: 0, corrected: 0, retracted: 0, seqs: [] });
    } finally {
      await rm(dir, { recursive: true, force: true });
      // The made-up source stays as the history's evidence (sources are never retracted); the test takes it
      // away with everything else it left, so that the graph is the seed's again for the other suites.
      await graph.write(REMOVE_MADE_UP);
    }
    const [seedAfter] = await graph.read(SEED_NODES);
    expect(seedAfter).toEqual(seedBefore);
    expect(seedAfter).toMatchObject({ seedNodes: 40 });
    expect((await seedGraph(graph, 'seed')).changes).toEqual({ created: 0, corrected: 0, retracted: 0, seqs: [] });
  });
});
