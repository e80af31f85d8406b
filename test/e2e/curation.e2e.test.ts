/**
 * Curated writes over HTTP on the real Neo4j (issue 15): mutations readable at once, validation that
 * writes nothing, idempotent retries (also after a cut during commit), optimistic concurrency, and the
 * graph's own history (versions and `recordedAsOf`).
 */
import { randomUUID } from 'node:crypto';

import type { Role } from '../../src/auth/principal.js';
import { parseConfig } from '../../src/config/config.js';
import { AppError } from '../../src/errors/app-error.js';
import { ErrorCode } from '../../src/errors/error-code.js';
import { cypher } from '../../src/graph/cypher/cypher-query.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import type { GraphRepository } from '../../src/graph/graph-repository.js';
import { authHeaders } from '../support/auth-headers.js';
import { graphCounts, startTestApp, type TestApp, useTestApp } from '../support/test-app.js';
import { testEnv } from '../support/test-env.js';

const t = useTestApp();

/**
 * What these tests wrote goes again after them (by the `cur-` prefix of their records and the titles of
 * their sources, with the changes and idempotency records naming them), so that the seed graph other test
 * files count is the seed's. The change counter keeps its value: sequence numbers are never reused.
 */
const CLEAN_UP = cypher(
  'testCurationCleanUp',
  `
CALL () {
  MATCH (s:Source) WHERE s.title STARTS WITH 'Article cur-'
  RETURN collect(s.id) AS sources
}
CALL (sources) {
  MATCH (c:Change) WHERE any(id IN c.ids WHERE id STARTS WITH 'cur-' OR id IN sources)
  OPTIONAL MATCH (k:IdempotencyRecord {changeSeq: c.seq})
  DETACH DELETE c, k
}
CALL (sources) {
  MATCH (n) WHERE n.id STARTS WITH 'cur-' OR (n:Source AND n.id IN sources)
  DETACH DELETE n
}`,
);
afterAll(async () => {
  // A client of its own: the app's may already be closed by useTestApp's afterAll.
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

async function send(app: TestApp, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await app.post({ query, variables }, { ...(await authHeaders('EDITOR')), ...headers });
  return res.body as { data?: Data | null; errors?: GqlError[] };
}

/** As {@link ok}, with a key of another role (mergeActors needs ADMIN). */
async function okAs<T = Data>(role: Role, query: string, variables?: Record<string, unknown>): Promise<T> {
  const body = await send(t, query, variables, await authHeaders(role));
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

async function ok<T = Data>(query: string, variables?: Record<string, unknown>, app: TestApp = t): Promise<T> {
  const body = await send(app, query, variables);
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

async function refused(query: string, variables?: Record<string, unknown>): Promise<GqlError> {
  const body = await send(t, query, variables);
  expect(body.errors).toHaveLength(1);
  return body.errors?.[0] as GqlError;
}

const CHANGES = cypher('testChanges', 'MATCH (c:Change) RETURN count(c) AS changes, max(c.seq) AS lastSeq');
async function changeCount(app: TestApp = t): Promise<{ changes: number; lastSeq: number }> {
  const [row] = await app.graph.read<{ changes: number; lastSeq: number }>(CHANGES);
  return row ?? { changes: -1, lastSeq: -1 };
}

const CHANGES_OF_KEY = cypher(
  'testChangesOfKey',
  'MATCH (c:Change {idempotencyKey: $key}) RETURN count(c) AS changes, collect(c.mutation) AS mutations, collect(c.principal) AS principals',
);

const ARTICLE = [
  'Canada imposed sanctions on Acme Ltd on Monday.',
  'The company denied wrongdoing. It said it would appeal the decision.',
  'Acme Ltd is based in Ruritania.',
].join('\n');

const ADD_SOURCE = `mutation($input: AddSourceInput!) {
  addSource(input: $input) { seq changed replayed source { id contentHash sentences { number text } } }
}`;
const UPSERT_ACTOR = `mutation($input: UpsertActorInput!) {
  upsertActor(input: $input) { seq changed actor { id name version recordedFrom } }
}`;
const ASSERT = `mutation($input: AssertRelationInput!) {
  assertRelation(input: $input) { seq changed replayed relationship { id type version recordedFrom from { id } to { id } evidence { sentences quotes } } }
}`;
const CORRECT = `mutation($id: ID!, $v: Int!, $patch: RelationshipPatch!, $reason: String!, $key: String) {
  correctRelation(id: $id, expectedVersion: $v, patch: $patch, reason: $reason, idempotencyKey: $key) {
    seq changed replayed relationship { id type version to { id } recordedFrom }
  }
}`;

/** A fresh source and two actors under a unique prefix, for one test. */
async function world(app: TestApp = t): Promise<{ prefix: string; source: string; a: string; b: string; c: string }> {
  const prefix = `cur-${randomUUID().slice(0, 8)}`;
  const text = `${ARTICLE}\n${prefix}`;
  const source = (await ok<{ addSource: { source: { id: string } } }>(ADD_SOURCE, { input: { title: `Article ${prefix}`, text } }, app))
    .addSource.source.id;
  for (const [id, kind] of [
    [`${prefix}-canada`, 'STATE'],
    [`${prefix}-acme`, 'COMPANY'],
    [`${prefix}-ruritania`, 'STATE'],
  ] as const) {
    await ok(UPSERT_ACTOR, { input: { id, kind, name: id, mentionedIn: { source, sentences: [1] } } }, app);
  }
  return { prefix, source, a: `${prefix}-canada`, b: `${prefix}-acme`, c: `${prefix}-ruritania` };
}

function relationInput(w: { prefix: string; source: string; b: string; c: string }, extra: Record<string, unknown> = {}) {
  return {
    id: `${w.prefix}-located`,
    type: 'LOCATED_IN',
    from: w.b,
    to: w.c,
    evidence: { source: w.source, sentences: [4], claim: 'Acme is based in Ruritania.', confidence: 0.9, status: 'ASSERTED' },
    ...extra,
  };
}

describe('the seed goes through the same door', () => {
  it('wrote the seed as the SYSTEM principal, one change per record, and live records carry version 1', async () => {
    const [row] = await t.graph.read<{ principals: string[]; mutations: string[]; first: number }>(
      cypher(
        'testSeedChanges',
        "MATCH (c:Change) WHERE c.mutation STARTS WITH 'seed' RETURN collect(DISTINCT c.principal) AS principals, collect(DISTINCT c.mutation) AS mutations, min(c.seq) AS first",
      ),
    );
    expect(row?.principals).toEqual(['system']);
    expect(row?.mutations).toEqual(expect.arrayContaining(['seedActor', 'seedRelation', 'seedSanction', 'seedSource']));
    expect(row?.first).toBe(1);
    const data = await ok<{
      actor: { version: number; recordedFrom: string | null; relationships: { edges: { node: { version: number } }[] } };
    }>('{ actor(id: "liu-pengyu") { version recordedFrom relationships(first: 5) { edges { node { version } } } } }');
    expect(data.actor.version).toBe(1);
    expect(data.actor.recordedFrom).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(data.actor.relationships.edges.map((e) => e.node.version)).toEqual(data.actor.relationships.edges.map(() => 1));
  });
});

describe('addSource and assertRelation', () => {
  it('splits the text into numbered sentences, and the same text twice is the same source with no new change', async () => {
    const text = `${ARTICLE}\nunique ${randomUUID()}`;
    const first = await ok<{
      addSource: {
        seq: number;
        changed: boolean;
        source: { id: string; contentHash: string; sentences: { number: number; text: string }[] };
      };
    }>(ADD_SOURCE, { input: { title: 'Article cur-twice', text, url: 'https://example.org/a' } });
    expect(first.addSource.changed).toBe(true);
    expect(first.addSource.source.sentences.slice(0, 4)).toEqual([
      { number: 1, text: 'Canada imposed sanctions on Acme Ltd on Monday.' },
      { number: 2, text: 'The company denied wrongdoing.' },
      { number: 3, text: 'It said it would appeal the decision.' },
      { number: 4, text: 'Acme Ltd is based in Ruritania.' },
    ]);
    expect(first.addSource.source.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const before = await changeCount();
    const second = await ok<{ addSource: { seq: number; changed: boolean; source: { id: string } } }>(ADD_SOURCE, {
      input: { title: 'Another title', text },
    });
    expect({ ...second.addSource, source: second.addSource.source.id }).toEqual({
      seq: first.addSource.seq,
      changed: false,
      replayed: false,
      source: first.addSource.source.id,
    });
    expect(await changeCount()).toEqual(before);
  });

  it('makes a relationship citing a new source readable at once, from its actor and from the source', async () => {
    const w = await world();
    const written = await ok<{
      assertRelation: { seq: number; relationship: { id: string; version: number; evidence: { quotes: string[] } } };
    }>(ASSERT, {
      input: relationInput(w),
    });
    expect(written.assertRelation.relationship).toMatchObject({
      id: `${w.prefix}-located`,
      version: 1,
      evidence: { quotes: ['Acme Ltd is based in Ruritania.'] },
    });
    const read = await ok<{
      actor: { relationships: { edges: { node: { id: string; version: number }; other: { id: string } }[] } };
      source: unknown;
    }>(`query($id: ID!) { actor(id: $id) { relationships { edges { node { id version } other { id } } } } }`, { id: w.b });
    expect(read.actor.relationships.edges).toEqual([{ node: { id: `${w.prefix}-located`, version: 1 }, other: { id: w.c } }]);
    const bySource = await ok<{ sources: { id: string; relationships: { id: string }[] }[] }>(
      '{ sources(first: 100) { id relationships { id } } }',
    );
    expect(bySource.sources.find((s) => s.id === w.source)?.relationships).toEqual([{ id: `${w.prefix}-located` }]);
    // Recorded as the editor's key (test/support/auth-headers.ts), with its role.
    const [change] = await t.graph.read<{
      mutation: string;
      ids: string[];
      principal: string;
      role: string;
      after: string;
      before: string | null;
    }>(
      cypher(
        'testChangeBySeq',
        'MATCH (c:Change {seq: $seq}) RETURN c.mutation AS mutation, c.ids AS ids, c.principal AS principal, c.role AS role, c.after AS after, c.before AS before',
      ),
      { seq: written.assertRelation.seq },
    );
    expect(change).toMatchObject({
      mutation: 'assertRelation',
      ids: [`${w.prefix}-located`],
      principal: expect.stringMatching(/^test-editor-/) as unknown,
      role: 'EDITOR',
      before: null,
    });
    expect(JSON.parse(change?.after ?? '{}')).toMatchObject({ id: `${w.prefix}-located`, type: 'LOCATED_IN', fromId: w.b, toId: w.c });
  });
});

describe('validation', () => {
  it('refuses every input mistake with BAD_USER_INPUT naming the field path, and writes nothing', async () => {
    const w = await world();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ evidence: { ...relationInput(w).evidence, sentences: [4, 1, 99] } }, 'BAD_USER_INPUT', 'input.evidence.sentences[2]'],
      [{ evidence: { ...relationInput(w).evidence, confidence: 1.5 } }, 'BAD_USER_INPUT', 'input.evidence.confidence'],
      [{ evidence: { ...relationInput(w).evidence, status: 'INFERRED' } }, 'BAD_USER_INPUT', 'input.evidence.inferredFrom'],
      [
        { validFrom: { date: '2021-12-10', precision: 'DAY' }, validTo: { date: '2021-01-01', precision: 'DAY' } },
        'BAD_USER_INPUT',
        'input.validTo',
      ],
      [{ validFrom: { date: '2021-12-10', precision: 'MONTH' } }, 'BAD_USER_INPUT', 'input.validFrom.date'],
      [{ type: 'SANCTIONED' }, 'BAD_USER_INPUT', 'input.type'],
      [{ to: `${w.prefix}-nobody` }, 'NOT_FOUND', 'input.to'],
      [{ evidence: { ...relationInput(w).evidence, source: 'no-such-source' } }, 'NOT_FOUND', 'input.evidence.source'],
    ];
    const before = await graphCounts(t.graph);
    const changes = await changeCount();
    for (const [extra, code, field] of cases) {
      const error = await refused(ASSERT, { input: relationInput(w, extra) });
      expect({ code: error.extensions?.['code'], field: error.extensions?.['field'] }).toEqual({ code, field });
      expect(error.message).toContain(field);
    }
    expect(await graphCounts(t.graph)).toEqual(before);
    expect(await changeCount()).toEqual(changes);
  });

  it('refuses a date without a precision before any resolver runs', async () => {
    const w = await world();
    const error = await refused(ASSERT, { input: relationInput(w, { validFrom: { date: '2021-12-10' } }) });
    expect(error.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('precision');
  });
});

describe('idempotency', () => {
  it('returns the stored answer to a retry with the same key and writes nothing more; another request with it is refused', async () => {
    const w = await world();
    const key = `key-${randomUUID()}`;
    const input = relationInput(w, { idempotencyKey: key });
    const first = await ok<{ assertRelation: { seq: number; replayed: boolean; relationship: { id: string } } }>(ASSERT, { input });
    const counts = await graphCounts(t.graph);
    const retry = await ok<{ assertRelation: { seq: number; replayed: boolean; changed: boolean } }>(ASSERT, { input });
    expect(retry.assertRelation).toMatchObject({ seq: first.assertRelation.seq, replayed: true, changed: false });
    expect(await graphCounts(t.graph)).toEqual(counts);
    const [row] = await t.graph.read<{ changes: number }>(CHANGES_OF_KEY, { key });
    expect(row?.changes).toBe(1);
    const other = await refused(ASSERT, { input: relationInput(w, { id: `${w.prefix}-other`, idempotencyKey: key }) });
    expect(other.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
  });

  it('takes the key from the Idempotency-Key header when the input has none', async () => {
    const w = await world();
    const key = `header-${randomUUID()}`;
    const input = relationInput(w);
    const first = await send(t, ASSERT, { input }, { 'Idempotency-Key': key });
    const second = await send(t, ASSERT, { input }, { 'Idempotency-Key': key });
    expect((second.data?.['assertRelation'] as Data)['replayed']).toBe(true);
    expect((second.data?.['assertRelation'] as Data)['seq']).toBe((first.data?.['assertRelation'] as Data)['seq']);
    const [row] = await t.graph.read<{ changes: number }>(CHANGES_OF_KEY, { key });
    expect(row?.changes).toBe(1);
  });

  it('leaves one result and one change when the connection is cut after the commit and the client retries', async () => {
    let cut = false;
    // The write commits, then the client sees the connection fail, as when a network cut loses the answer.
    const cutting = await startTestApp({
      wrapRepository: (repo: GraphRepository) => {
        const change = repo.curation.change.bind(repo.curation);
        repo.curation.change = async (options, work) => {
          const result = await change(options, work);
          if (cut && result.outcome === 'written') {
            cut = false;
            throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The graph database is unavailable; try again shortly.');
          }
          return result;
        };
        return repo;
      },
    });
    try {
      const w = await world(cutting);
      cut = true;
      const key = `cut-${randomUUID()}`;
      const input = relationInput(w, { idempotencyKey: key });
      const lost = await send(cutting, ASSERT, { input });
      expect(lost.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
      const retry = await ok<{ assertRelation: { replayed: boolean; relationship: { id: string; version: number } } }>(
        ASSERT,
        { input },
        cutting,
      );
      expect(retry.assertRelation).toMatchObject({ replayed: true, relationship: { id: `${w.prefix}-located`, version: 1 } });
      const [row] = await cutting.graph.read<{ changes: number }>(CHANGES_OF_KEY, { key });
      expect(row?.changes).toBe(1);
      const [edges] = await cutting.graph.read<{ n: number }>(cypher('testEdgesById', 'MATCH ()-[r {id: $id}]->() RETURN count(r) AS n'), {
        id: `${w.prefix}-located`,
      });
      expect(edges?.n).toBe(1);
    } finally {
      await cutting.close();
    }
  });
});

describe('corrections and the history', () => {
  it('gives exactly one of two concurrent corrections with the same expectedVersion, the other CONFLICT', async () => {
    const w = await world();
    await ok(ASSERT, { input: relationInput(w) });
    const correct = (confidence: number) =>
      send(t, CORRECT, { id: `${w.prefix}-located`, v: 1, patch: { evidence: { confidence } }, reason: 'concurrent' });
    const [x, y] = await Promise.all([correct(0.5), correct(0.6)]);
    const outcomes = [x, y].map((b) => (b.errors ? b.errors[0]?.extensions?.['code'] : 'OK')).sort();
    expect(outcomes).toEqual(['CONFLICT', 'OK']);
    const loser = [x, y].find((b) => b.errors);
    expect(loser?.errors?.[0]?.extensions?.['currentVersion']).toBe(2);
    const history = await ok<{ actor: { relationships: { edges: { node: { version: number; history: { version: number }[] } }[] } } }>(
      'query($id: ID!) { actor(id: $id) { relationships { edges { node { version history { version } } } } } }',
      { id: w.b },
    );
    expect(history.actor.relationships.edges).toEqual([{ node: { version: 2, history: [{ version: 2 }, { version: 1 }] } }]);
  });

  it('shows the relationship as recorded before a correction with recordedAsOf, and both versions in its history', async () => {
    const w = await world();
    const asserted = await ok<{ assertRelation: { relationship: { recordedFrom: string } } }>(ASSERT, { input: relationInput(w) });
    const corrected = await ok<{ correctRelation: { relationship: { version: number; to: { id: string }; recordedFrom: string } } }>(
      CORRECT,
      {
        id: `${w.prefix}-located`,
        v: 1,
        patch: { type: 'NATIONAL_OF', to: w.a },
        reason: 'the article says Canada',
      },
    );
    expect(corrected.correctRelation.relationship).toMatchObject({ version: 2, to: { id: w.a } });
    const before = asserted.assertRelation.relationship.recordedFrom;
    const q = `query($id: ID!, $t: DateTime) {
      actor(id: $id) { relationships(recordedAsOf: $t) { totalCount edges { node { id type version recordedTo endReason } other { id } } } }
    }`;
    const then = await ok<{ actor: { relationships: Data } }>(q, { id: w.b, t: before });
    expect(then.actor.relationships).toEqual({
      totalCount: 1,
      edges: [
        {
          node: {
            id: `${w.prefix}-located`,
            type: 'LOCATED_IN',
            version: 1,
            recordedTo: corrected.correctRelation.relationship.recordedFrom,
            endReason: 'CORRECTED',
          },
          other: { id: w.c },
        },
      ],
    });
    const now = await ok<{ actor: { relationships: Data } }>(q, { id: w.b, t: null });
    expect(now.actor.relationships).toEqual({
      totalCount: 1,
      edges: [
        { node: { id: `${w.prefix}-located`, type: 'NATIONAL_OF', version: 2, recordedTo: null, endReason: null }, other: { id: w.a } },
      ],
    });
    // Before anything was asserted, the actor had no relationship on record.
    const earlier = new Date(Date.parse(before) - 1).toISOString();
    expect((await ok<{ actor: { relationships: Data } }>(q, { id: w.b, t: earlier })).actor.relationships).toEqual({
      totalCount: 0,
      edges: [],
    });
    // The current graph has one edge of that id; the WAS edge is seen by no traversal and no degree.
    const live = await ok<{ actor: { degree: number } }>('query($id: ID!) { actor(id: $id) { degree } }', { id: w.b });
    expect(live.actor.degree).toBe(1);
  });

  it('retracts a relationship: the live graph no longer has it, its history and recordedAsOf still do', async () => {
    const w = await world();
    const asserted = await ok<{ assertRelation: { relationship: { recordedFrom: string } } }>(ASSERT, { input: relationInput(w) });
    const retracted = await ok<{ retractRelation: { relationship: { version: number; recordedTo: string; endReason: string } } }>(
      'mutation($id: ID!) { retractRelation(id: $id, reason: "not in the article") { relationship { version recordedTo endReason } } }',
      { id: `${w.prefix}-located` },
    );
    expect(retracted.retractRelation.relationship).toMatchObject({ version: 1, endReason: 'RETRACTED' });
    const read = await ok<{ now: { relationships: { totalCount: number } }; then: { relationships: { totalCount: number } } }>(
      'query($id: ID!, $t: DateTime) { now: actor(id: $id) { relationships { totalCount } } then: actor(id: $id) { relationships(recordedAsOf: $t) { totalCount } } }',
      { id: w.b, t: asserted.assertRelation.relationship.recordedFrom },
    );
    expect(read).toEqual({ now: { relationships: { totalCount: 0 } }, then: { relationships: { totalCount: 1 } } });
    const again = await refused('mutation($id: ID!) { retractRelation(id: $id, reason: "twice") { seq } }', { id: `${w.prefix}-located` });
    expect(again.extensions?.['code']).toBe('NOT_FOUND');
  });
});

describe('sanctions', () => {
  const RECORD = `mutation($input: RecordSanctionInput!) {
    recordSanction(input: $input) { seq sanction { id version authorities { id } targets { id } } }
  }`;

  it('records a sanction with its SANCTIONED edges, corrects it (old version readable as recorded) and retracts it', async () => {
    const w = await world();
    const input = {
      id: `${w.prefix}-sanction`,
      measure: 'ASSET_FREEZE',
      date: { date: '2021-12-06', precision: 'DAY' },
      authorities: [{ actor: w.a, sentences: [1] }],
      targets: [{ actor: w.b, sentences: [1] }],
      evidence: { source: w.source, sentences: [1], claim: 'Canada sanctioned Acme.', confidence: 0.9 },
    };
    const recorded = await ok<{ recordSanction: { sanction: Data } }>(RECORD, { input });
    expect(recorded.recordSanction.sanction).toEqual({
      id: `${w.prefix}-sanction`,
      version: 1,
      authorities: [{ id: w.a }],
      targets: [{ id: w.b }],
    });
    const sanctioned = `query($id: ID!) { actor(id: $id) { relationships(types: [SANCTIONED]) { edges { node { id version sanction { id version } } } } } }`;
    expect((await ok<{ actor: { relationships: Data } }>(sanctioned, { id: w.a })).actor.relationships).toEqual({
      edges: [{ node: { id: `${w.prefix}-sanction:${w.a}:${w.b}`, version: 1, sanction: { id: `${w.prefix}-sanction`, version: 1 } } }],
    });
    const first = await ok<{ sanction: { recordedFrom: string } }>('query($id: ID!) { sanction(id: $id) { recordedFrom } }', {
      id: input.id,
    });
    await ok(
      'mutation($id: ID!, $patch: SanctionPatch!) { correctSanction(id: $id, expectedVersion: 1, patch: $patch, reason: "it was a travel ban") { seq } }',
      { id: input.id, patch: { measure: 'TRAVEL_BAN', targets: [{ actor: w.c, sentences: [1] }] } },
    );
    const read = await ok<{ now: Data; then: Data }>(
      `query($id: ID!, $t: DateTime) {
        now: sanction(id: $id) { measure version targets { id } history { version measure endReason } }
        then: sanction(id: $id, recordedAsOf: $t) { measure version targets { id } }
      }`,
      { id: input.id, t: first.sanction.recordedFrom },
    );
    expect(read).toEqual({
      now: {
        measure: 'TRAVEL_BAN',
        version: 2,
        targets: [{ id: w.c }],
        history: [
          { version: 2, measure: 'TRAVEL_BAN', endReason: null },
          { version: 1, measure: 'ASSET_FREEZE', endReason: 'CORRECTED' },
        ],
      },
      then: { measure: 'ASSET_FREEZE', version: 1, targets: [{ id: w.b }] },
    });
    expect((await ok<{ actor: { relationships: Data } }>(sanctioned, { id: w.a })).actor.relationships).toEqual({
      edges: [{ node: { id: `${w.prefix}-sanction:${w.a}:${w.c}`, version: 2, sanction: { id: `${w.prefix}-sanction`, version: 2 } } }],
    });
    await ok('mutation($id: ID!) { retractSanction(id: $id, reason: "withdrawn") { seq } }', { id: input.id });
    expect((await ok<{ sanction: unknown }>('query($id: ID!) { sanction(id: $id) { id } }', { id: input.id })).sanction).toBeNull();
    expect((await ok<{ actor: { relationships: Data } }>(sanctioned, { id: w.a })).actor.relationships).toEqual({ edges: [] });
  });

  it('refuses a party citing a sentence the source does not have, naming the party path', async () => {
    const w = await world();
    const error = await refused(RECORD, {
      input: {
        measure: 'ASSET_FREEZE',
        date: { date: '2021-12-06', precision: 'DAY' },
        authorities: [{ actor: w.a, sentences: [1] }],
        targets: [{ actor: w.b, sentences: [1, 40] }],
        evidence: { source: w.source, sentences: [1], claim: 'Canada sanctioned Acme.', confidence: 0.9 },
      },
    });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.targets[0].sentences[1]' });
  });
});

describe('actors', () => {
  it('corrects an actor (history keeps the old name, recordedAsOf shows it), adds an alias, and refuses a stale version', async () => {
    const w = await world();
    const created = await ok<{ actor: { recordedFrom: string } }>('query($id: ID!) { actor(id: $id) { recordedFrom } }', { id: w.b });
    await ok(
      'mutation($id: ID!) { correctActor(id: $id, expectedVersion: 1, patch: { name: "Acme Limited", country: "CA" }, reason: "full name") { seq } }',
      { id: w.b },
    );
    await ok('mutation($id: ID!) { addAlias(input: { actor: $id, alias: "Acme" }) { seq } }', { id: w.b });
    const read = await ok<{ now: Data; then: Data }>(
      `query($id: ID!, $t: DateTime) {
        now: actor(id: $id) { name aliases country version history { version name aliases endReason } }
        then: actor(id: $id, recordedAsOf: $t) { name country version }
      }`,
      { id: w.b, t: created.actor.recordedFrom },
    );
    expect(read).toEqual({
      now: {
        name: 'Acme Limited',
        aliases: ['Acme'],
        country: 'CA',
        version: 3,
        history: [
          { version: 3, name: 'Acme Limited', aliases: ['Acme'], endReason: null },
          { version: 2, name: 'Acme Limited', aliases: [], endReason: 'CORRECTED' },
          { version: 1, name: w.b, aliases: [], endReason: 'CORRECTED' },
        ],
      },
      then: { name: w.b, country: null, version: 1 },
    });
    const stale = await refused(
      'mutation($id: ID!) { correctActor(id: $id, expectedVersion: 1, patch: { name: "X" }, reason: "stale") { seq } }',
      { id: w.b },
    );
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 3 });
  });

  it('merges an actor: relationships move to the one kept, the merged id is kept, the old edges are history', async () => {
    const w = await world();
    await ok(ASSERT, { input: relationInput(w) });
    const MERGE =
      'mutation($keep: ID!, $merge: ID!) { mergeActors(keep: $keep, merge: $merge, reason: "same company") { actor { id mergedIds relationships { edges { node { id version } other { id } } } } } }';
    // An editor may not merge: FORBIDDEN, and nothing moves.
    const refused = await send(t, MERGE, { keep: w.a, merge: w.b });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'ADMIN' });
    const merged = await okAs<{
      mergeActors: {
        actor: {
          id: string;
          mergedIds: string[];
          relationships: { edges: { node: { id: string; version: number }; other: { id: string } }[] };
        };
      };
    }>('ADMIN', MERGE, { keep: w.a, merge: w.b });
    expect(merged.mergeActors.actor).toEqual({
      id: w.a,
      mergedIds: [w.b],
      relationships: { edges: [{ node: { id: `${w.prefix}-located`, version: 2 }, other: { id: w.c } }] },
    });
    // The merged id still resolves, to the actor kept: as a lookup, with nested pages (compiled), and as a path's end.
    expect((await ok<{ actor: unknown }>('query($id: ID!) { actor(id: $id) { id } }', { id: w.b })).actor).toEqual({ id: w.a });
    const nested = await ok<{ actor: unknown }>('query($id: ID!) { actor(id: $id) { id relationships { edges { other { id } } } } }', {
      id: w.b,
    });
    expect(nested.actor).toEqual({ id: w.a, relationships: { edges: [{ other: { id: w.c } }] } });
    const paths = await ok<{ paths: unknown }>('query($from: ID!, $to: ID!) { paths(from: $from, to: $to) { actors { id } } }', {
      from: w.b,
      to: w.c,
    });
    expect(paths.paths).toEqual([{ actors: [{ id: w.a }, { id: w.c }] }]);
    const history = await ok<{
      actor: { relationships: { edges: { node: { history: { version: number; endReason: string | null; from: { id: string } }[] } }[] } };
    }>('query($id: ID!) { actor(id: $id) { relationships { edges { node { history { version endReason from { id } } } } } } }', {
      id: w.c,
    });
    expect(history.actor.relationships.edges[0]?.node.history.map((h) => [h.version, h.endReason])).toEqual([
      [2, null],
      [1, 'MERGED'],
    ]);
  });

  it('retracts an actor: it and its relationships leave the live graph', async () => {
    const w = await world();
    await ok(ASSERT, { input: relationInput(w) });
    await ok('mutation($id: ID!) { retractActor(id: $id, reason: "not an actor") { actor { id } } }', { id: w.c });
    const read = await ok<{ gone: unknown; b: { degree: number; relationships: { totalCount: number } } }>(
      'query($c: ID!, $b: ID!) { gone: actor(id: $c) { id } b: actor(id: $b) { degree relationships { totalCount } } }',
      { c: w.c, b: w.b },
    );
    expect(read).toEqual({ gone: null, b: { degree: 0, relationships: { totalCount: 0 } } });
    const dangling = await refused(ASSERT, { input: relationInput(w, { id: `${w.prefix}-again` }) });
    expect(dangling.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.to' });
  });
});
