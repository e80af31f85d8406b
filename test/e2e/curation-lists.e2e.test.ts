/**
 * Lists on the curated write path (issue 16): a LIST source without text cited by record id (`addSource`
 * with `kind`, `records` on evidence, checked against the source's records), and delistings:
 * `recordSanction` and `correctSanction` take one, store it as `Sanction.delisting` reads it (the
 * properties the seed and the import write), keep it through a correction that does not mention it, and
 * take it away on an explicit null.
 */
import { createHash, randomUUID } from 'node:crypto';

import { parseConfig } from '../../src/config/config.js';
import { cypher } from '../../src/graph/cypher/cypher-query.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import { authHeaders } from '../support/auth-headers.js';
import { useTestApp } from '../support/test-app.js';
import { testEnv } from '../support/test-env.js';

const t = useTestApp();

/** What these tests wrote goes again after them, by the `dl-` prefix (the change counter keeps its value). */
const CLEAN_UP = cypher(
  'testDelistingCleanUp',
  `
CALL () {
  MATCH (s:Source) WHERE s.title STARTS WITH 'Article dl-'
  RETURN collect(s.id) AS sources
}
CALL (sources) {
  MATCH (c:Change) WHERE any(id IN c.ids WHERE id STARTS WITH 'dl-' OR id IN sources)
  OPTIONAL MATCH (k:IdempotencyRecord {changeSeq: c.seq})
  DETACH DELETE c, k
}
CALL (sources) {
  MATCH (n) WHERE n.id STARTS WITH 'dl-' OR (n:Source AND n.id IN sources)
  DETACH DELETE n
}`,
);
afterAll(async () => {
  const graph = GraphClient.connect(parseConfig(testEnv()).neo4j);
  try {
    await graph.write(CLEAN_UP);
  } finally {
    await graph.close();
  }
});

type Data = Record<string, unknown>;
interface GqlError {
  message: string;
  extensions?: Record<string, unknown>;
}

async function send(query: string, variables?: Record<string, unknown>): Promise<{ data?: Data | null; errors?: GqlError[] }> {
  const res = await t.post({ query, variables }, await authHeaders('EDITOR'));
  return res.body;
}

async function ok<T = Data>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const body = await send(query, variables);
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

const ARTICLE = ['Canada imposed sanctions on Acme Ltd on Monday.', 'Canada lifted the sanctions on Acme Ltd in March.'].join('\n');

async function world(): Promise<{ prefix: string; source: string; a: string; b: string }> {
  const prefix = `dl-${randomUUID().slice(0, 8)}`;
  const source = (
    await ok<{ addSource: { source: { id: string } } }>(
      'mutation($input: AddSourceInput!) { addSource(input: $input) { source { id } } }',
      {
        input: { title: `Article ${prefix}`, text: `${ARTICLE}\n${prefix}` },
      },
    )
  ).addSource.source.id;
  for (const [id, kind] of [
    [`${prefix}-canada`, 'STATE'],
    [`${prefix}-acme`, 'COMPANY'],
  ] as const) {
    await ok('mutation($input: UpsertActorInput!) { upsertActor(input: $input) { seq } }', {
      input: { id, kind, name: id, mentionedIn: { source, sentences: [1] } },
    });
  }
  return { prefix, source, a: `${prefix}-canada`, b: `${prefix}-acme` };
}

const SANCTION = `query($id: ID!) {
  sanction(id: $id) {
    version
    date { date }
    delisting { date { date precision } evidence { sentences quotes claim source { id kind } } }
  }
}`;

describe('delistings through recordSanction and correctSanction', () => {
  it('records a delisted sanction, keeps the delisting through a correction, and takes it away on null', async () => {
    const w = await world();
    const id = `${w.prefix}-sanction`;
    const delisting = {
      date: { date: '2022-03-01', precision: 'MONTH' },
      evidence: { source: w.source, sentences: [2], claim: 'Canada lifted the sanctions on Acme.', confidence: 0.8 },
    };
    await ok('mutation($input: RecordSanctionInput!) { recordSanction(input: $input) { seq } }', {
      input: {
        id,
        measure: 'ASSET_FREEZE',
        date: { date: '2021-12-06', precision: 'DAY' },
        authorities: [{ actor: w.a, sentences: [1] }],
        targets: [{ actor: w.b, sentences: [1] }],
        evidence: { source: w.source, sentences: [1], claim: 'Canada sanctioned Acme.', confidence: 0.9 },
        delisting,
      },
    });
    const delisted = {
      date: { date: '2022-03-01', precision: 'MONTH' },
      evidence: {
        sentences: [2],
        quotes: ['Canada lifted the sanctions on Acme Ltd in March.'],
        claim: 'Canada lifted the sanctions on Acme.',
        source: { id: w.source, kind: 'ARTICLE' },
      },
    };
    expect(await ok(SANCTION, { id })).toEqual({ sanction: { version: 1, date: { date: '2021-12-06' }, delisting: delisted } });

    const correct =
      'mutation($id: ID!, $v: Int!, $patch: SanctionPatch!) { correctSanction(id: $id, expectedVersion: $v, patch: $patch, reason: "fix") { seq } }';
    await ok(correct, { id, v: 1, patch: { measure: 'TRAVEL_BAN' } });
    expect(await ok(SANCTION, { id })).toEqual({ sanction: { version: 2, date: { date: '2021-12-06' }, delisting: delisted } });

    await ok(correct, { id, v: 2, patch: { delisting: null } });
    expect(await ok(SANCTION, { id })).toEqual({ sanction: { version: 3, date: { date: '2021-12-06' }, delisting: null } });
  });

  it('refuses a delisting before the sanction and one citing a sentence the source does not have, writing nothing', async () => {
    const w = await world();
    const input = (delisting: unknown) => ({
      id: `${w.prefix}-refused`,
      measure: 'ASSET_FREEZE',
      date: { date: '2021-12-06', precision: 'DAY' },
      authorities: [{ actor: w.a, sentences: [1] }],
      targets: [{ actor: w.b, sentences: [1] }],
      evidence: { source: w.source, sentences: [1], claim: 'Canada sanctioned Acme.', confidence: 0.9 },
      delisting,
    });
    const record = 'mutation($input: RecordSanctionInput!) { recordSanction(input: $input) { seq } }';
    const early = await send(record, {
      input: input({
        date: { date: '2021-01-01', precision: 'DAY' },
        evidence: { source: w.source, sentences: [2], claim: 'Lifted.', confidence: 0.8 },
      }),
    });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.delisting.date.date' });
    const unknown = await send(record, {
      input: input({
        date: { date: '2022-03-01', precision: 'DAY' },
        evidence: { source: w.source, sentences: [9], claim: 'Lifted.', confidence: 0.8 },
      }),
    });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.delisting.evidence.sentences[0]' });
    expect(await ok(SANCTION, { id: `${w.prefix}-refused` })).toEqual({ sanction: null });
  });
});

describe('a LIST source cited by record id', () => {
  const ADD =
    'mutation($input: AddSourceInput!) { addSource(input: $input) { changed source { id kind series edition contentHash sentences { number } } } }';

  async function list(prefix: string): Promise<string> {
    const fileHash = `sha256:${createHash('sha256').update(prefix).digest('hex')}`;
    const data = await ok<{ addSource: { source: Data } }>(ADD, {
      input: {
        id: `${prefix}-list`,
        kind: 'LIST',
        title: `Article ${prefix} list`,
        publisher: 'Example Authority (made up)',
        fileHash,
        records: ['r-1', 'r-2'],
        series: `${prefix}-series`,
        edition: '2021-12-10',
      },
    });
    expect(data.addSource.source).toEqual({
      id: `${prefix}-list`,
      kind: 'LIST',
      series: `${prefix}-series`,
      edition: '2021-12-10',
      contentHash: fileHash,
      sentences: [],
    });
    return `${prefix}-list`;
  }

  it('records a sanction and a relation citing its records, and reads them back', async () => {
    const w = await world();
    const source = await list(w.prefix);
    await ok('mutation($input: RecordSanctionInput!) { recordSanction(input: $input) { seq } }', {
      input: {
        id: `${w.prefix}-listed`,
        measure: 'ASSET_FREEZE',
        noLaterThan: { date: '2021-12-10', precision: 'DAY' },
        authorities: [{ actor: w.a, sentences: [] }],
        targets: [{ actor: w.b, sentences: [] }],
        evidence: { source, sentences: [], records: ['r-1'], claim: 'Record r-1 lists Acme.', confidence: 0.95 },
      },
    });
    await ok('mutation($input: AssertRelationInput!) { assertRelation(input: $input) { seq } }', {
      input: {
        id: `${w.prefix}-part`,
        type: 'PART_OF',
        from: w.b,
        to: w.a,
        evidence: {
          source,
          sentences: [],
          records: ['r-2'],
          claim: 'Record r-2 says Acme is Canadian.',
          confidence: 0.9,
          status: 'ASSERTED',
        },
      },
    });
    const read = await ok<Data>(
      `query($s: ID!, $a: ID!) {
        sanction(id: $s) { evidence { records sentences quotes source { kind } } }
        actor(id: $a) { relationships(types: [PART_OF]) { edges { node { id evidence { records sentences source { kind } } } } } }
      }`,
      { s: `${w.prefix}-listed`, a: w.b },
    );
    expect(read).toEqual({
      sanction: { evidence: { records: ['r-1'], sentences: [], quotes: [], source: { kind: 'LIST' } } },
      actor: {
        relationships: {
          edges: [{ node: { id: `${w.prefix}-part`, evidence: { records: ['r-2'], sentences: [], source: { kind: 'LIST' } } } }],
        },
      },
    });
  });

  it('refuses a record the source does not hold, sentence numbers for a list, and records for an article', async () => {
    const w = await world();
    const source = await list(w.prefix);
    const record = 'mutation($input: RecordSanctionInput!) { recordSanction(input: $input) { seq } }';
    const input = (evidence: Record<string, unknown>) => ({
      measure: 'ASSET_FREEZE',
      noLaterThan: { date: '2021-12-10', precision: 'DAY' },
      authorities: [{ actor: w.a, sentences: [] }],
      targets: [{ actor: w.b, sentences: [] }],
      evidence: { claim: 'Listed.', confidence: 0.9, ...evidence },
    });
    const cases: [Record<string, unknown>, string][] = [
      [{ source, sentences: [], records: ['r-9'] }, 'input.evidence.records[0]'],
      [{ source, sentences: [1], records: ['r-1'] }, 'input.evidence.sentences'],
      [{ source, sentences: [], records: [] }, 'input.evidence.records'],
      [{ source: w.source, sentences: [1], records: ['r-1'] }, 'input.evidence.records'],
    ];
    for (const [evidence, field] of cases) {
      const body = await send(record, { input: input(evidence) });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const text = await send(ADD, {
      input: { kind: 'LIST', title: `Article ${w.prefix} bad`, text: 'A text.', fileHash: `sha256:${'0'.repeat(64)}`, records: ['x'] },
    });
    expect(text.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.text' });
    const article = await send(ADD, { input: { title: `Article ${w.prefix} none` } });
    expect(article.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.text' });
  });
});
