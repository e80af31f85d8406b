import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { parseConfig } from '../../src/config/config.js';
import { cypher } from '../../src/graph/cypher/cypher-query.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import { OperationTrace } from '../../src/graph/operation-trace.js';
import { MatchRepository } from '../../src/graph/repositories/match-repository.js';
import { dryRun, type ImportSummary } from '../../src/services/import/dry-run.js';
import type { ImportRecord } from '../../src/services/import/model.js';
import { type ImportRequest, openImport } from '../../src/services/import/open-import.js';
import { testEnv } from '../support/test-env.js';

const FIXTURES = 'test/fixtures/import';
/** A series of this test's own, so what it stores never meets another test's data. */
const SERIES = 'test-import-ofac-sdn';

/** Stores an edition as the write path will (editions.ts): its Source and one SourceRecord per record. */
const STORE_EDITION = cypher(
  'testStoreEdition',
  `
MERGE (s:Source {id: $id}) SET s.seriesId = $seriesId, s.edition = $edition, s.publishedOn = date($publishedOn), s.contentHash = $fileHash
WITH s
UNWIND $records AS r
MERGE (x:SourceRecord {seriesId: $seriesId, recordId: r.id}) SET x.hash = r.hash, x.firstEdition = $edition, x.lastEdition = $edition`,
);
const REMOVE_SERIES = cypher('testRemoveSeries', `MATCH (n) WHERE (n:Source OR n:SourceRecord) AND n.seriesId = $seriesId DETACH DELETE n`);
const COUNT = cypher('testCountGraph', `MATCH (n) RETURN count(n) AS nodes, COUNT { ()-[]->() } AS relationships`);

let graph: GraphClient;
beforeAll(async () => {
  graph = GraphClient.connect(parseConfig(testEnv()).neo4j);
  await graph.write(REMOVE_SERIES, { seriesId: SERIES });
});
afterAll(async () => {
  await graph.write(REMOVE_SERIES, { seriesId: SERIES });
  await graph.close();
});

async function run(request: ImportRequest, batchSize = 100): Promise<{ summary: ImportSummary; statements: string[] }> {
  const trace = new OperationTrace();
  const { items } = await openImport(request);
  const summary = await dryRun(items, new MatchRepository(graph, trace), { batchSize });
  return { summary, statements: trace.statements };
}

async function recordsOf(file: string): Promise<ImportRecord[]> {
  const out: ImportRecord[] = [];
  for await (const item of (await openImport({ file, format: 'ofac-sdn' })).items) if (item.type === 'record') out.push(item.record);
  return out;
}

describe('a dry run of an FtM file against the seed graph', () => {
  it('links SenseTime and Xi Jinping to the seed actors, sends Liu Peng to review, and writes nothing', async () => {
    const before = await graph.read(COUNT);
    const { summary, statements } = await run({ file: `${FIXTURES}/entities.ftm.json`, format: 'ftm', seriesId: 'test-import-ftm' }, 2);
    expect(await graph.read(COUNT)).toEqual(before);
    expect(summary.records).toEqual({ read: 14, new: 8, changed: 0, unchanged: 0, gone: 0, rejected: 6 });
    // Testa, Proba, Exampleton Widgets and OFAC (the sanction's authority) are new; nobody of the seed is twinned.
    expect(summary.actors).toEqual({ created: 4, matched: 2, review: 1 });
    expect(summary.sanctions).toEqual({ created: 1, updated: 0 });
    expect(summary.relations).toEqual({ created: 1, updated: 0 });
    expect(summary.unresolved).toEqual({ total: 0, first: [] });
    expect(summary.matches).toEqual([
      {
        recordId: 'fx-sensetime',
        name: 'SenseTime Group Limited',
        decision: { outcome: 'LINK', actorId: 'sensetime', score: 1, rule: 'ALIAS_EXACT+SAME_COUNTRY' },
      },
      { recordId: 'fx-xi', name: 'Xi Jinping', decision: { outcome: 'LINK', actorId: 'xi-jinping', score: 1, rule: 'EXACT+SAME_COUNTRY' } },
      {
        recordId: 'fx-liu-peng',
        name: 'Liu Peng',
        decision: {
          outcome: 'REVIEW',
          reason: 'AMBIGUOUS_SCORE',
          candidates: [{ actorId: 'liu-pengyu', score: 0.697, rule: 'SIMILAR_WORDS+SAME_COUNTRY' }],
        },
      },
    ]);
    expect(summary.rejectedByReason).toEqual({
      UNSUPPORTED_TYPE: 2,
      UNKNOWN_SCHEMA: 1,
      NOT_AN_ENTITY: 1,
      MALFORMED_RECORD: 1,
      MISSING_FIELD: 1,
    });
    // One read of the latest edition, then 7 actors matched two per round trip.
    expect(statements).toEqual(['latestEdition', 'matchCandidates', 'matchCandidates', 'matchCandidates', 'matchCandidates']);
  });

  it('matches "SenseTime Group Limited" with no alias to the seed SenseTime by its legal form, not to a twin (CSV)', async () => {
    const { summary, statements } = await run({
      file: `${FIXTURES}/register.csv`,
      format: 'csv',
      mapping: `${FIXTURES}/register.mapping.yaml`,
      seriesId: 'test-import-csv',
    });
    expect(summary.records).toEqual({ read: 6, new: 4, changed: 0, unchanged: 0, gone: 0, rejected: 2 });
    // c1 (named in two rows) is one actor; three directors; c3; OFAC, the authority. SenseTime is the seed's.
    expect(summary.actors).toEqual({ created: 6, matched: 1, review: 0 });
    expect(summary.matches).toEqual([
      {
        recordId: 'company:c2',
        name: 'SenseTime Group Limited',
        decision: { outcome: 'LINK', actorId: 'sensetime', score: 0.98, rule: 'LEGAL_FORM+SAME_COUNTRY' },
      },
    ]);
    expect(summary.relations).toEqual({ created: 3, updated: 0 });
    expect(summary.sanctions).toEqual({ created: 1, updated: 0 });
    expect(statements).toEqual(['latestEdition', 'matchCandidates']);
  });
});

describe('dry runs of two editions of the SDN list', () => {
  const request = (file: string): ImportRequest => ({ file: `${FIXTURES}/${file}`, format: 'ofac-sdn', seriesId: SERIES });

  it('plans the first edition as new listings when nothing is stored', async () => {
    const { summary, statements } = await run(request('sdn-2021-12-10.xml'));
    expect(summary.source).toMatchObject({ id: `${SERIES}@2021-12-10`, publishedOn: '2021-12-10' });
    expect(summary.previousEdition).toBeNull();
    expect(summary.records).toEqual({ read: 4, new: 3, changed: 0, unchanged: 0, gone: 0, rejected: 1 });
    expect(summary.actors).toEqual({ created: 4, matched: 0, review: 0 });
    expect(summary.sanctions).toEqual({ created: 3, updated: 0 });
    expect(statements).toEqual(['latestEdition', 'matchCandidates']);
  });

  describe('with the first edition stored', () => {
    beforeAll(async () => {
      const records = (await recordsOf(`${FIXTURES}/sdn-2021-12-10.xml`)).map((r) => ({ id: r.id, hash: r.hash }));
      await graph.write(STORE_EDITION, {
        id: `${SERIES}@2021-12-10`,
        seriesId: SERIES,
        edition: '2021-12-10',
        publishedOn: '2021-12-10',
        fileHash: 'sha256:test',
        records,
      });
    });

    it('plans the second: one delisting on its publication date, one correction, one new listing, one unchanged', async () => {
      const { summary, statements } = await run(request('sdn-2021-12-17.xml'));
      expect(summary.previousEdition).toBe('2021-12-10');
      expect(summary.refused).toBeNull();
      expect(summary.records).toEqual({ read: 4, new: 1, changed: 1, unchanged: 1, gone: 1, rejected: 1 });
      expect(summary.gone).toEqual([{ recordId: '90004', endedOn: '2021-12-17' }]);
      expect(summary.sanctions).toEqual({ created: 1, updated: 1 });
      // Beta Testperson is new; OFAC is matched by name only among live actors, and none is stored here.
      expect(summary.actors).toEqual({ created: 2, matched: 0, review: 0 });
      expect(statements).toEqual(['latestEdition', 'seriesRecords', 'matchCandidates']);
    });

    it('plans zero changes for the same edition again', async () => {
      const { summary, statements } = await run(request('sdn-2021-12-10.xml'));
      expect(summary.records).toEqual({ read: 4, new: 0, changed: 0, unchanged: 3, gone: 0, rejected: 1 });
      expect(summary.actors).toEqual({ created: 0, matched: 0, review: 0 });
      expect(summary.sanctions).toEqual({ created: 0, updated: 0 });
      expect(statements).toEqual(['latestEdition', 'seriesRecords']);
    });

    it('refuses a file that is not well-formed, with no delisting of the entries after the break', async () => {
      const { summary } = await run(request('sdn-broken.xml'));
      expect(summary.refused?.code).toBe('MALFORMED_FILE');
      expect(summary.refused?.detail).toMatch(/^not well-formed XML: /);
      expect(summary.gone).toEqual([]);
      expect(summary.records.gone).toBe(0);
    });
  });
});

describe('npm run import', () => {
  const exec = promisify(execFile);
  const cli = (args: string[]) =>
    exec('node_modules/.bin/tsx', ['scripts/import.ts', ...args], { env: testEnv() }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('prints the summary of a dry run, and logs progress lines when not on a terminal', async () => {
    const { code, stdout, stderr } = await cli([
      `${FIXTURES}/sdn-2021-12-17.xml`,
      '--format',
      'ofac-sdn',
      '--source-id',
      'test-import-cli',
      '--dry-run',
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'Source: test-import-cli@2021-12-17 (LIST, ofac-sdn), published 2021-12-17, sha256:' + stdout.split('sha256:')[1]!.split('\n')[0],
        'Previous edition: none stored',
        'Would write: created 7 (actors 4, sanctions 3, relations 0), matched 0, review 0, updated 0, retracted 0, rejected 1',
        'Records: read 4, new 3, changed 0, unchanged 0, gone 0, rejected 1',
        'Rejected by reason: UNSUPPORTED_TYPE 1',
        '  rejected: 3 (90003) UNSUPPORTED_TYPE: sdnType Vessel has no actor kind of ours',
        'Not mapped: sdnEntry/dateOfBirthList 1, sdnEntry/vesselInfo 1, sdnType:Vessel 1',
        'Dry run: nothing was written (2 read round trips).',
        '',
      ].join('\n'),
    );
    expect(stderr).toMatch(/^import: 4 records, \d+ records\/s, 100\.0% of \d+ bytes, ETA 0 s$/m);
  });

  it('refuses an unknown format and a csv file without its mapping', async () => {
    const unknown = await cli([`${FIXTURES}/register.csv`, '--format', 'xlsx', '--dry-run']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^--format must be one of ftm, ofac-sdn, csv/);
    const unmapped = await cli([`${FIXTURES}/register.csv`, '--format', 'csv', '--dry-run']);
    expect(unmapped.code).toBe(1);
    expect(unmapped.stderr).toMatch(/needs --mapping FILE/);
  });
});
