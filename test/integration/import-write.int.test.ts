import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { parseConfig } from '../../src/config/config.js';
import { cypher } from '../../src/graph/cypher/cypher-query.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import { GraphRepository } from '../../src/graph/graph-repository.js';
import { OperationTrace } from '../../src/graph/operation-trace.js';
import { CurationRepository } from '../../src/graph/repositories/curation-repository.js';
import { MatchRepository } from '../../src/graph/repositories/match-repository.js';
import { exportFormat } from '../../src/services/export/export-formats.js';
import { exportGraph } from '../../src/services/export/export-graph.js';
import { writableSink } from '../../src/services/export/export-sink.js';
import { type ImportRequest, openImport } from '../../src/services/import/open-import.js';
import { importedActorId, importedSanctionId, importFile, type ImportResult } from '../../src/services/import/write-import.js';
import { graphCounts, useTestApp } from '../support/test-app.js';
import { testEnv } from '../support/test-env.js';

const FIXTURES = 'test/fixtures/import';
/** Series of this file's own; what they wrote is removed after the file (other suites plan against the seed alone). */
const SDN = 'test-write-sdn';
const FTM = 'test-write-ftm';
const BROKEN = 'test-write-broken';
/** The series the docs' worked import shows. */
const CLI = 'ofac-sdn-example';
const ROUND_TRIP = 'test-write-round-trip';
const CSV = 'test-write-csv';
const SERIES = [SDN, FTM, BROKEN, CLI, ROUND_TRIP, CSV];

/**
 * Removes what this file's imports wrote (not the Change records: the audit trail keeps its numbering):
 * the actors they created, their sanctions and relations (live and history), records, sources and reviews.
 */
const REMOVE_IMPORTS = cypher(
  'testRemoveImports',
  `
CALL () {
  MATCH (r:SourceRecord) WHERE r.seriesId IN $series
  OPTIONAL MATCH (r)-[d:DESCRIBES]->(a:Actor) WHERE d.matched = false
  WITH collect(DISTINCT a) AS actors, collect(DISTINCT r) AS records, collect(coalesce(r.relationIds, [])) AS lists
  WITH actors, records, reduce(ids = [], x IN lists | ids + x) AS relationIds
  CALL (relationIds) { MATCH ()-[e]->() WHERE e.id IN relationIds DELETE e }
  CALL (actors) { UNWIND actors AS a OPTIONAL MATCH (v:ActorVersion)-[:VERSION_OF]->(a) DETACH DELETE v, a }
  CALL (records) { UNWIND records AS r DETACH DELETE r }
}
CALL () {
  MATCH (s) WHERE (s:Sanction OR s:SanctionVersion) AND s.seriesId IN $series
  WITH collect(s) AS sanctions, collect(DISTINCT s.id) AS ids
  CALL (ids) { MATCH ()-[e]->() WHERE e.sanctionId IN ids DELETE e }
  CALL (sanctions) { UNWIND sanctions AS s DETACH DELETE s }
}
CALL () { MATCH (n) WHERE (n:Source OR n:MatchReview) AND n.seriesId IN $series DETACH DELETE n }
CALL () { MATCH (a:Actor) WHERE a.id STARTS WITH 'authority-' DETACH DELETE a }`,
);
const COUNT_CHANGES = cypher('testCountChanges', `MATCH (c:Change) RETURN count(c) AS changes, max(c.seq) AS last`);
const CHANGES_AFTER = cypher(
  'testChangesAfter',
  `MATCH (c:Change) WHERE c.seq > $after RETURN c.mutation AS mutation, c.principal AS principal, c.ids AS ids, c.reason AS reason ORDER BY c.seq`,
);
const SANCTION_OF = cypher(
  'testSanctionOfRecord',
  `
MATCH (s:Sanction {seriesId: $seriesId, recordId: $recordId})
RETURN s.id AS id, s.version AS version, toString(s.date) AS date, s.timeBasis AS timeBasis, s.sourceId AS sourceId,
       s.records AS records, toString(s.delistedOn) AS delistedOn, s.delistingSourceId AS delistingSourceId,
       COUNT { MATCH (v:SanctionVersion {id: s.id}) } AS versions,
       [(a:Actor)-[:IMPOSED]->(s) | a.id] AS authorities, [(s)-[:TARGETS]->(t:Actor) | t.id] AS targets`,
);
const RECORD = cypher(
  'testSourceRecord',
  `
MATCH (r:SourceRecord {seriesId: $seriesId, recordId: $recordId})
RETURN r.hash AS hash, r.firstEdition AS firstEdition, r.lastEdition AS lastEdition, r.endedIn AS endedIn,
       [(r)-[d:DESCRIBES]->(a:Actor) | {actorId: a.id, score: d.score, rule: d.rule, matched: d.matched}] AS describes`,
);
const SOURCE = cypher(
  'testImportSource',
  `MATCH (s:Source {id: $id}) RETURN s.kind AS kind, s.seriesId AS seriesId, s.edition AS edition, toString(s.publishedOn) AS publishedOn,
   s.contentHash AS contentHash, s.publisher AS publisher, size(s.sentences) AS sentences`,
);
const ACTOR = cypher('testImportedActor', `MATCH (a:Actor {id: $id}) RETURN a.name AS name, a.aliases AS aliases, a.version AS version`);
const REVIEWS = cypher(
  'testMatchReviews',
  `
MATCH (m:MatchReview) WHERE m.seriesId = $seriesId
RETURN m.id AS id, m.status AS status, m.recordId AS recordId, m.name AS name, m.version AS version,
       [(m)-[:REVIEWS]->(a) | a.id] AS reviews, [(m)-[c:CANDIDATE]->(a) | {actorId: a.id, score: c.score, rank: c.rank}] AS candidates`,
);
const ACTORS_NAMED = cypher('testActorsNamed', `MATCH (a:Actor) WHERE a.name IN $names RETURN a.name AS name, a.id AS id ORDER BY a.id`);

let graph: GraphClient;
beforeAll(async () => {
  graph = GraphClient.connect(parseConfig(testEnv()).neo4j);
  await graph.write(REMOVE_IMPORTS, { series: SERIES });
});
afterAll(async () => {
  await graph.write(REMOVE_IMPORTS, { series: SERIES });
  await graph.close();
});

async function changes(): Promise<{ changes: number; last: number }> {
  const [row] = await graph.read<{ changes: number; last: number }>(COUNT_CHANGES);
  return row ?? { changes: 0, last: 0 };
}

async function importOf(request: ImportRequest, recordsPerTransaction = 200): Promise<ImportResult> {
  const trace = new OperationTrace();
  return importFile(
    async () => (await openImport(request)).items,
    new CurationRepository(graph, trace),
    new MatchRepository(graph, trace),
    { recordsPerTransaction },
  );
}

describe('writing two editions of the SDN list', () => {
  const t = useTestApp();
  const request = (file: string): ImportRequest => ({ file: `${FIXTURES}/${file}`, format: 'ofac-sdn', seriesId: SDN });
  const alpha = importedActorId(SDN, '90002');

  it('writes the first edition: one audited change per record, the authority and the source, as SYSTEM', async () => {
    const before = await changes();
    const result = await importOf(request('sdn-2021-12-10.xml'));
    expect(result.plan.records).toEqual({ read: 4, new: 3, changed: 0, unchanged: 0, gone: 0, rejected: 1 });
    expect(result.written).toMatchObject({
      changes: 5,
      actors: { created: 4, matched: 0, review: 0, corrected: 0 },
      sanctions: { created: 3, corrected: 0, delisted: 0 },
      relations: { created: 0, corrected: 0 },
      records: { written: 3, corrected: 0, confirmed: 0, unchanged: 0, ended: 0, own: 0 },
      replayedBatches: 0,
      skipped: { total: 0, first: [] },
    });
    expect((await changes()).changes).toBe(before.changes + 5);
    const log = await graph.read<{ mutation: string; principal: string; ids: string[] }>(CHANGES_AFTER, { after: before.last });
    expect(log.map((c) => c.mutation)).toEqual(['importSource', 'importActor', 'importRecord', 'importRecord', 'importRecord']);
    expect(new Set(log.map((c) => c.principal))).toEqual(new Set(['system']));
    expect(log[1]!.ids).toEqual(['authority-office-of-foreign-assets-control']);

    expect(await graph.read(SOURCE, { id: `${SDN}@2021-12-10` })).toEqual([
      {
        kind: 'LIST',
        seriesId: SDN,
        edition: '2021-12-10',
        publishedOn: '2021-12-10',
        contentHash: result.plan.source!.fileHash,
        publisher: result.plan.source!.publisher,
        sentences: 0,
      },
    ]);
    const [record] = await graph.read(RECORD, { seriesId: SDN, recordId: '90002' });
    expect(record).toMatchObject({ firstEdition: '2021-12-10', lastEdition: '2021-12-10', endedIn: null });
    expect((record as { describes: unknown[] }).describes).toEqual([{ actorId: alpha, score: null, rule: null, matched: false }]);
    expect(await graph.read(SANCTION_OF, { seriesId: SDN, recordId: '90004' })).toEqual([
      {
        id: importedSanctionId(SDN, '90004', 0),
        version: 1,
        date: '2021-12-10',
        timeBasis: 'BOUNDED',
        sourceId: `${SDN}@2021-12-10`,
        records: ['90004'],
        delistedOn: null,
        delistingSourceId: null,
        versions: 0,
        authorities: ['authority-office-of-foreign-assets-control'],
        targets: [importedActorId(SDN, '90004')],
      },
    ]);
  });

  it('writes nothing when the same file is imported again (the Change count is unchanged)', async () => {
    const before = await changes();
    const counts = await graphCounts(graph);
    const result = await importOf(request('sdn-2021-12-10.xml'));
    expect(result.plan.records).toEqual({ read: 4, new: 0, changed: 0, unchanged: 3, gone: 0, rejected: 1 });
    expect(result.written).toMatchObject({ changes: 0, replayedBatches: 1 });
    expect(await changes()).toEqual(before);
    expect(await graphCounts(graph)).toEqual(counts);
  });

  it('writes nothing again with other batch sizes (no stored key matches: the plan finds nothing to change)', async () => {
    const before = await changes();
    const result = await importOf(request('sdn-2021-12-10.xml'), 1);
    expect(result.written).toMatchObject({ changes: 0, replayedBatches: 0, records: { unchanged: 3 } });
    expect(await changes()).toEqual(before);
  });

  it('writes the second edition: one delisting on its date, one correction, one new listing, one confirmed', async () => {
    const before = await changes();
    const result = await importOf(request('sdn-2021-12-17.xml'));
    expect(result.plan.records).toEqual({ read: 4, new: 1, changed: 1, unchanged: 1, gone: 1, rejected: 1 });
    expect(result.written).toMatchObject({
      changes: 5,
      actors: { created: 1, matched: 0, review: 0, corrected: 1 },
      sanctions: { created: 1, corrected: 0, delisted: 1 },
      records: { written: 1, corrected: 1, confirmed: 1, unchanged: 0, ended: 1, own: 0 },
    });
    const log = await graph.read<{ mutation: string; ids: string[]; reason: string | null }>(CHANGES_AFTER, { after: before.last });
    expect(log.map((c) => c.mutation)).toEqual(['importSource', 'correctRecord', 'importRecord', 'confirmRecords', 'delistRecord']);
    expect(log[1]).toMatchObject({ ids: [alpha], reason: `record 90002 changed in ${SDN}@2021-12-17` });
    expect(log[3]).toMatchObject({ ids: ['90001'] });
    const delisted = importedSanctionId(SDN, '90004', 0);
    expect(log[4]!.ids[0]).toBe(delisted);

    // The changed entry: its actor corrected (the new alias), the old version kept.
    expect(await graph.read(ACTOR, { id: alpha })).toEqual([
      { name: 'Alpha TESTPERSON', aliases: ['Al TESTPERSON', 'Alfa TESTPERSON'], version: 2 },
    ]);
    // The gone entry: its sanction ends on the new edition's date, cited from that edition; version 1 is history.
    expect(await graph.read(SANCTION_OF, { seriesId: SDN, recordId: '90004' })).toEqual([
      expect.objectContaining({
        id: delisted,
        version: 2,
        date: '2021-12-10',
        delistedOn: '2021-12-17',
        delistingSourceId: `${SDN}@2021-12-17`,
        versions: 1,
      }),
    ]);
    expect(await graph.read(RECORD, { seriesId: SDN, recordId: '90004' })).toEqual([
      expect.objectContaining({ firstEdition: '2021-12-10', lastEdition: '2021-12-10', endedIn: '2021-12-17' }),
    ]);
    expect(await graph.read(RECORD, { seriesId: SDN, recordId: '90001' })).toEqual([
      expect.objectContaining({ firstEdition: '2021-12-10', lastEdition: '2021-12-17', endedIn: null }),
    ]);
    // The unchanged sanction of the changed entry keeps its first bound and its first citation.
    expect(await graph.read(SANCTION_OF, { seriesId: SDN, recordId: '90002' })).toEqual([
      expect.objectContaining({ version: 1, date: '2021-12-10', sourceId: `${SDN}@2021-12-10` }),
    ]);
  });

  it('answers "when was it listed, when delisted, by whom" in one query', async () => {
    const response = await t.gql(
      `query Listing($id: ID!) {
        actor(id: $id) {
          name
          sanctionsReceived(first: 10) {
            date { date precision derivation }
            timeBasis
            authorities { name }
            evidence { records sentences source { id kind series edition publisher publishedOn { date } } }
            delisting { date { date precision derivation } evidence { claim source { id kind edition } } }
          }
        }
      }`,
      { id: importedActorId(SDN, '90004') },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      actor: {
        name: 'SAMPLE HOLDINGS INC.',
        sanctionsReceived: [
          {
            date: { date: '2021-12-10', precision: 'DAY', derivation: `listed in ${SDN}@2021-12-10` },
            timeBasis: 'BOUNDED',
            authorities: [{ name: 'Office of Foreign Assets Control' }],
            evidence: {
              records: ['90004'],
              sentences: [],
              source: {
                id: `${SDN}@2021-12-10`,
                kind: 'LIST',
                series: SDN,
                edition: '2021-12-10',
                publisher: expect.any(String) as string,
                publishedOn: { date: '2021-12-10' },
              },
            },
            delisting: {
              date: {
                date: '2021-12-17',
                precision: 'DAY',
                derivation: `absent from ${SDN}@2021-12-17: delisted on or before its publication`,
              },
              evidence: {
                claim: expect.stringMatching(/no longer holds record 90004\.$/) as string,
                source: { id: `${SDN}@2021-12-17`, kind: 'LIST', edition: '2021-12-17' },
              },
            },
          },
        ],
      },
    });
  });

  it('writes nothing for the second edition again, and refuses the older edition after it', async () => {
    const before = await changes();
    const again = await importOf(request('sdn-2021-12-17.xml'));
    expect(again.plan.records).toEqual({ read: 4, new: 0, changed: 0, unchanged: 3, gone: 0, rejected: 1 });
    expect(again.written?.changes).toBe(0);
    const older = await importOf(request('sdn-2021-12-10.xml'));
    expect(older.plan.refused?.code).toBe('OLDER_EDITION');
    expect(older.written).toBeNull();
    expect(await changes()).toEqual(before);
  });

  it('refuses a file that is not well-formed and leaves the graph as it was', async () => {
    const before = await changes();
    const counts = await graphCounts(graph);
    const result = await importOf({ file: `${FIXTURES}/sdn-broken.xml`, format: 'ofac-sdn', seriesId: BROKEN });
    expect(result.plan.refused?.code).toBe('MALFORMED_FILE');
    expect(result.written).toBeNull();
    expect(await graphCounts(graph)).toEqual(counts);
    expect(await changes()).toEqual(before);
  });
});

describe('writing an FtM file against the seed graph', () => {
  it('links SenseTime and Xi Jinping to the seed actors (no twin), creates the rest, and stores a review for Liu Peng', async () => {
    const before = await changes();
    const result = await importOf({ file: `${FIXTURES}/entities.ftm.json`, format: 'ftm', seriesId: FTM }, 3);
    expect(result.plan.records).toMatchObject({ read: 14, new: 8, rejected: 6 });
    // Testa, Proba, Exampleton Widgets and Liu Peng (in review) are created; the authority is the SDN import's.
    expect(result.written).toMatchObject({
      actors: { created: 4, matched: 2, review: 1, corrected: 0 },
      sanctions: { created: 1 },
      relations: { created: 1 },
      records: { written: 8 },
      skipped: { total: 0 },
    });
    // The source, then one change per record (the Family link has no relationship type: rejected).
    expect(result.written?.changes).toBe(9);
    expect((await changes()).changes).toBe(before.changes + 9);
    // No twin: no actor was created for the two linked records.
    expect(await graph.read(ACTOR, { id: importedActorId(FTM, 'fx-sensetime') })).toEqual([]);
    expect(await graph.read(ACTOR, { id: importedActorId(FTM, 'fx-xi') })).toEqual([]);
    expect(await graph.read(ACTORS_NAMED, { names: ['SenseTime Group Limited'] })).toEqual([]);
    expect(await graph.read(RECORD, { seriesId: FTM, recordId: 'fx-sensetime' })).toEqual([
      expect.objectContaining({ describes: [{ actorId: 'sensetime', score: 1, rule: 'ALIAS_EXACT+SAME_COUNTRY', matched: true }] }),
    ]);
    expect(await graph.read(SANCTION_OF, { seriesId: FTM, recordId: 'fx-sensetime-ns-cmic' })).toEqual([
      expect.objectContaining({ date: '2021-12-10', timeBasis: 'DATED', targets: ['sensetime'] }),
    ]);
    const liu = importedActorId(FTM, 'fx-liu-peng');
    expect(await graph.read(REVIEWS, { seriesId: FTM })).toEqual([
      {
        id: expect.stringMatching(/^review:[0-9a-f]{16}$/) as string,
        status: 'PENDING',
        recordId: 'fx-liu-peng',
        name: 'Liu Peng',
        version: 1,
        reviews: [liu],
        candidates: [{ actorId: 'liu-pengyu', score: 0.697, rank: 1 }],
      },
    ]);
  });

  it('writes nothing and stores no second review when the file is imported again', async () => {
    const before = await changes();
    const counts = await graphCounts(graph);
    const result = await importOf({ file: `${FIXTURES}/entities.ftm.json`, format: 'ftm', seriesId: FTM }, 3);
    expect(result.written?.changes).toBe(0);
    expect(await changes()).toEqual(before);
    expect(await graphCounts(graph)).toEqual(counts);
    expect(await graph.read(REVIEWS, { seriesId: FTM })).toHaveLength(1);
  });
});

describe('writing a CSV file with its mapping', () => {
  const request: ImportRequest = {
    file: `${FIXTURES}/register.csv`,
    format: 'csv',
    mapping: `${FIXTURES}/register.mapping.yaml`,
    seriesId: CSV,
  };

  it('writes one actor for a company two rows name, links SenseTime, and resolves rows across batches', async () => {
    const before = await changes();
    // One record per transaction: the second row names the company of the first, written one batch before.
    const result = await importOf(request, 1);
    expect(result.plan.records).toMatchObject({ read: 6, new: 4, rejected: 2 });
    expect(result.written).toMatchObject({
      changes: 5,
      actors: { created: 5, matched: 1, review: 0 },
      sanctions: { created: 1 },
      relations: { created: 3 },
      records: { written: 4 },
      skipped: { total: 0 },
    });
    expect((await changes()).changes).toBe(before.changes + 5);
    const company = importedActorId(CSV, 'company:c1');
    for (const row of ['r1', 'r2']) {
      const [record] = await graph.read<{ describes: { actorId: string }[] }>(RECORD, { seriesId: CSV, recordId: row });
      expect(record?.describes.map((d) => d.actorId)).toContain(company);
    }
    expect(await graph.read(RECORD, { seriesId: CSV, recordId: 'r3' })).toEqual([
      expect.objectContaining({ describes: [{ actorId: 'sensetime', score: 0.98, rule: 'LEGAL_FORM+SAME_COUNTRY', matched: true }] }),
    ]);
    const again = await importOf(request, 1);
    expect(again.written?.changes).toBe(0);
  });
});

describe('an FtM export of this graph, imported back into it', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'import-round-trip-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("is the graph's own: every actor and claim is found by its id, nothing is created and nothing changes", async () => {
    const file = join(dir, 'graph.ftm.json');
    const out = createWriteStream(file);
    await exportFormat('ftm').write(await exportGraph(new GraphRepository(graph), { kind: 'graph' }), writableSink(out));
    out.end();
    await once(out, 'finish');
    const before = await changes();
    const counts = await graphCounts(graph);
    const result = await importOf({ file, format: 'ftm', seriesId: ROUND_TRIP });
    expect(result.plan.refused).toBeNull();
    expect(result.plan.records.new).toBeGreaterThan(0);
    // FtM's Associate and UnknownLink hold no type of ours (docs/import-export.md): the importer rejects them.
    expect(Object.keys(result.plan.rejectedByReason)).toEqual(result.plan.records.rejected > 0 ? ['UNSUPPORTED_TYPE'] : []);
    expect(result.written).toMatchObject({
      changes: 0,
      actors: { created: 0, review: 0 },
      sanctions: { created: 0, corrected: 0 },
      relations: { created: 0, corrected: 0 },
      records: { written: 0, corrected: 0, own: result.plan.records.new },
    });
    expect(await changes()).toEqual(before);
    expect(await graphCounts(graph)).toEqual(counts);
  });
});

describe('malformed FtM lines', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'import-write-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('skips a 10-MB line, a line that is not an entity and an unknown schema, each with its reason, and writes the rest', async () => {
    const file = join(dir, 'mixed.ftm.json');
    const entity = (id: string, name: string) =>
      JSON.stringify({ id, schema: 'Person', properties: { name: [name], nationality: ['gb'] }, datasets: ['fixture'] });
    await writeFile(
      file,
      [
        entity('fx-made-up-one', 'Quintus Madeupson'),
        `{"id": "fx-long", "schema": "Person", "properties": {"name": ["${'x'.repeat(10 * 1024 * 1024)}"]}}`,
        '[1, 2, 3]',
        JSON.stringify({ id: 'fx-unknown', schema: 'Spaceship', properties: { name: ['Not An FtM Schema'] } }),
        entity('fx-made-up-two', 'Sextus Madeupson'),
        '',
      ].join('\n'),
    );
    const before = await changes();
    const result = await importOf({ file, format: 'ftm', seriesId: BROKEN });
    expect(result.plan.rejectedByReason).toEqual({ TOO_LARGE: 1, NOT_AN_ENTITY: 1, UNKNOWN_SCHEMA: 1 });
    expect(result.plan.rejections.map((r) => r.position)).toEqual([2, 3, 4]);
    expect(result.written).toMatchObject({ changes: 3, actors: { created: 2 }, records: { written: 2 } });
    expect((await changes()).changes).toBe(before.changes + 3);
  });
});

describe('npm run import (writing), as docs/import-export.md shows it', () => {
  const exec = promisify(execFile);
  const cli = (args: string[]) =>
    exec('node_modules/.bin/tsx', ['scripts/import.ts', ...args], { env: testEnv() }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  /** The output the docs show under `$ <command>`, in the fenced block that holds it. */
  async function documented(command: string): Promise<string> {
    const doc = await readFile('docs/import-export.md', 'utf8');
    const at = doc.indexOf(`\n$ ${command}\n`);
    if (at === -1) throw new Error(`docs/import-export.md shows no \`$ ${command}\``);
    const from = at + command.length + 4;
    return doc.slice(from, doc.indexOf('```', from));
  }
  // As on a graph that holds no import: the docs show a first import.
  beforeAll(async () => {
    await graph.write(REMOVE_IMPORTS, { series: SERIES });
  });

  it('writes a list file without --dry-run and prints what it wrote, exactly as the docs show', async () => {
    for (const file of ['sdn-2021-12-10.xml', 'sdn-2021-12-17.xml']) {
      const command = `npm run import -- test/fixtures/import/${file} --format ofac-sdn --source-id ${CLI}`;
      const { code, stdout, stderr } = await cli([`${FIXTURES}/${file}`, '--format', 'ofac-sdn', '--source-id', CLI]);
      expect(code).toBe(0);
      expect(stdout).toBe(await documented(command));
      expect(stderr).toMatch(/^import: 4 records, \d+ records\/s, 100\.0% of \d+ bytes, ETA 0 s$/m);
    }
  });

  it('writes nothing when run again', async () => {
    const before = await changes();
    const { code, stdout } = await cli([`${FIXTURES}/sdn-2021-12-17.xml`, '--format', 'ofac-sdn', '--source-id', CLI]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Wrote 0 audited changes: /m);
    expect(stdout).toMatch(/batches already written \(replayed\): 1$/m);
    expect(await changes()).toEqual(before);
  });
});
