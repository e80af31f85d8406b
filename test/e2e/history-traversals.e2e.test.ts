/**
 * `recordedAsOf` on the graph-wide traversals (issue 15): `relationships`, `paths` and `neighbourhood` as the
 * graph recorded them at an instant, over HTTP on the real Neo4j. A small world is written through the
 * mutations, then corrected and retracted; each traversal at an instant returns what the graph held then
 * (the old edge before a correction or retraction, and not after), never what was recorded later, while the
 * current reads are unchanged. Each historical read is one statement of its own.
 */
import { randomUUID } from 'node:crypto';

import { parseConfig } from '../../src/config/config.js';
import { cypher } from '../../src/graph/cypher/cypher-query.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import { authHeaders } from '../support/auth-headers.js';
import { type GraphQLResponse, useTestApp } from '../support/test-app.js';
import { testEnv } from '../support/test-env.js';

const t = useTestApp();

const PREFIX = `hist-${randomUUID().slice(0, 8)}`;
const A = `${PREFIX}-canada`;
const B = `${PREFIX}-acme`;
const C = `${PREFIX}-ruritania`;
const D = `${PREFIX}-spokesman`;
const LOCATED = `${PREFIX}-located`;
const DENOUNCED = `${PREFIX}-denounced`;
const SPEAKS = `${PREFIX}-speaks`;

/** What this file wrote goes again after it (its records by prefix, its source by title, their changes). */
const CLEAN_UP = cypher(
  'testHistoryTraversalsCleanUp',
  `
CALL () {
  MATCH (s:Source) WHERE s.title = 'Article ' + $prefix
  RETURN collect(s.id) AS sources
}
CALL (sources) {
  MATCH (c:Change) WHERE any(id IN c.ids WHERE id STARTS WITH $prefix OR id IN sources)
  OPTIONAL MATCH (k:IdempotencyRecord {changeSeq: c.seq})
  DETACH DELETE c, k
}
CALL (sources) {
  MATCH (n) WHERE n.id STARTS WITH $prefix OR (n:Source AND n.id IN sources)
  DETACH DELETE n
}`,
);
afterAll(async () => {
  const graph = GraphClient.connect(parseConfig(testEnv()).neo4j);
  try {
    await graph.write(CLEAN_UP, { prefix: PREFIX });
  } finally {
    await graph.close();
  }
});

type Data = Record<string, unknown>;

/** A mutation with an editor's key; fails the test on any error. */
async function write<T = Data>(query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await t.post({ query, variables }, await authHeaders('EDITOR'));
  const body = res.body as { data?: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

/** A read without a key, as a researcher sends it; fails the test on any error. */
async function read<T = Data>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T> & { data: T }> {
  const res = await t.gql<T>(query, variables);
  expect(res.errors).toBeUndefined();
  return res as GraphQLResponse<T> & { data: T };
}

async function refused(query: string, variables: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  const res = await t.gql(query, variables);
  expect(res.errors).toHaveLength(1);
  return res.errors?.[0]?.extensions;
}

const sorted = (statements: readonly string[] | undefined): string[] => [...(statements ?? [])].sort();
const earlier = (instant: string): string => new Date(Date.parse(instant) - 1).toISOString();

/** The instants of the story, each taken from what the mutation answered. */
const at = { created: '', asserted: '', corrected: '', retracted: '', spoke: '' };

beforeAll(async () => {
  const text = ['Canada denounced Acme Ltd on Monday.', 'Acme Ltd is based in Ruritania.', 'A spokesman spoke for Canada.', PREFIX].join(
    '\n',
  );
  const added = await write<{ addSource: { source: { id: string } } }>(
    'mutation($input: AddSourceInput!) { addSource(input: $input) { source { id } } }',
    { input: { title: `Article ${PREFIX}`, text } },
  );
  const source = added.addSource.source.id;
  const actors = [
    [A, 'STATE', 1],
    [B, 'COMPANY', 1],
    [C, 'STATE', 2],
    [D, 'PERSON', 3],
  ] as const;
  for (const [id, kind, sentence] of actors) {
    const upserted = await write<{ upsertActor: { actor: { recordedFrom: string } } }>(
      'mutation($input: UpsertActorInput!) { upsertActor(input: $input) { actor { recordedFrom } } }',
      { input: { id, kind, name: id, mentionedIn: { source, sentences: [sentence] } } },
    );
    at.created ||= upserted.upsertActor.actor.recordedFrom;
  }
  const assert = async (input: Record<string, unknown>): Promise<string> =>
    (
      await write<{ assertRelation: { relationship: { recordedFrom: string } } }>(
        'mutation($input: AssertRelationInput!) { assertRelation(input: $input) { relationship { recordedFrom } } }',
        { input },
      )
    ).assertRelation.relationship.recordedFrom;
  const evidence = (sentences: number[], claim: string) => ({ source, sentences, claim, confidence: 0.9, status: 'ASSERTED' });
  await assert({ id: LOCATED, type: 'LOCATED_IN', from: B, to: C, evidence: evidence([2], 'Acme is based in Ruritania.') });
  at.asserted = await assert({ id: DENOUNCED, type: 'DENOUNCED', from: A, to: B, evidence: evidence([1], 'Canada denounced Acme.') });
  // The correction moves the located edge to another actor and type; then the denunciation is retracted.
  const corrected = await write<{ correctRelation: { relationship: { recordedFrom: string } } }>(
    'mutation($id: ID!, $patch: RelationshipPatch!) { correctRelation(id: $id, expectedVersion: 1, patch: $patch, reason: "it says Canada") { relationship { recordedFrom } } }',
    { id: LOCATED, patch: { type: 'NATIONAL_OF', to: A } },
  );
  at.corrected = corrected.correctRelation.relationship.recordedFrom;
  const retracted = await write<{ retractRelation: { relationship: { recordedTo: string } } }>(
    'mutation($id: ID!) { retractRelation(id: $id, reason: "not a denunciation") { relationship { recordedTo } } }',
    { id: DENOUNCED },
  );
  at.retracted = retracted.retractRelation.relationship.recordedTo;
  // Recorded after every instant asked about below but the last: no historical read before it may see it.
  at.spoke = await assert({
    id: SPEAKS,
    type: 'SPEAKS_FOR',
    from: D,
    to: A,
    role: 'spokesman',
    evidence: evidence([3], 'A spokesman spoke for Canada.'),
  });
  await write(
    'mutation($id: ID!) { correctActor(id: $id, expectedVersion: 1, patch: { name: "Acme Limited" }, reason: "full name") { seq } }',
    {
      id: B,
    },
  );
  await write('mutation($id: ID!) { retractActor(id: $id, reason: "not an actor") { seq } }', { id: C });
});

describe('Query.relationships with recordedAsOf', () => {
  const QUERY = `query($actor: ID!, $t: DateTime) {
    relationships(where: { actor: $actor }, recordedAsOf: $t) {
      totalCount
      aggregate { count byType { type count } }
      edges { node { id type version recordedTo endReason from { id name degree } to { id name degree } } }
    }
  }`;

  it('returns the edges held at the instant, corrected and retracted since, with their ends as they then stood', async () => {
    const then = await read<{ relationships: Data }>(QUERY, { actor: B, t: at.asserted });
    expect(then.data.relationships).toEqual({
      totalCount: 2,
      aggregate: {
        count: 2,
        byType: [
          { type: 'DENOUNCED', count: 1 },
          { type: 'LOCATED_IN', count: 1 },
        ],
      },
      edges: [
        {
          node: {
            id: DENOUNCED,
            type: 'DENOUNCED',
            version: 1,
            recordedTo: at.retracted,
            endReason: 'RETRACTED',
            from: { id: A, name: A, degree: 1 },
            to: { id: B, name: B, degree: 2 },
          },
        },
        {
          node: {
            id: LOCATED,
            type: 'LOCATED_IN',
            version: 1,
            recordedTo: at.corrected,
            endReason: 'CORRECTED',
            from: { id: B, name: B, degree: 2 },
            // Retracted since: only the historical read still finds it, as it was then.
            to: { id: C, name: C, degree: 1 },
          },
        },
      ],
    });
    // One statement each for the page, the total and the aggregate; the ends cost nothing more.
    expect(sorted(then.extensions?.statements)).toEqual([
      'aggregateRelationshipsAsOfByActor',
      'countRelationshipsAsOfByActor',
      'listRelationshipsAsOfByActor',
    ]);
  });

  it('leaves the current read as it was: the corrected edge only, under its new type and end', async () => {
    const now = await read<{ relationships: Data }>(QUERY, { actor: B, t: null });
    expect(now.data.relationships).toEqual({
      totalCount: 1,
      aggregate: { count: 1, byType: [{ type: 'NATIONAL_OF', count: 1 }] },
      edges: [
        {
          node: {
            id: LOCATED,
            type: 'NATIONAL_OF',
            version: 2,
            recordedTo: null,
            endReason: null,
            from: { id: B, name: 'Acme Limited', degree: 1 },
            to: { id: A, name: A, degree: 2 },
          },
        },
      ],
    });
    expect(sorted(now.extensions?.statements)).toEqual(
      expect.arrayContaining(['aggregateRelationshipsByActor', 'countRelationshipsByActor', 'listRelationshipsByActor']),
    );
  });

  it('never returns an edge recorded after the instant', async () => {
    const q = `query($actor: ID!, $t: DateTime) { relationships(where: { actor: $actor }, recordedAsOf: $t) { totalCount edges { node { id version } } } }`;
    // Before the correction, Canada had the denunciation only: neither the corrected edge nor the spokesman.
    expect((await read<{ relationships: Data }>(q, { actor: A, t: at.asserted })).data.relationships).toEqual({
      totalCount: 1,
      edges: [{ node: { id: DENOUNCED, version: 1 } }],
    });
    // After the retraction, before the spokesman: the corrected edge alone.
    expect((await read<{ relationships: Data }>(q, { actor: A, t: earlier(at.spoke) })).data.relationships).toEqual({
      totalCount: 1,
      edges: [{ node: { id: LOCATED, version: 2 } }],
    });
    expect((await read<{ relationships: Data }>(q, { actor: A, t: at.spoke })).data.relationships).toEqual({
      totalCount: 2,
      edges: [{ node: { id: LOCATED, version: 2 } }, { node: { id: SPEAKS, version: 1 } }],
    });
  });

  it('names where.actor NOT_FOUND when it named no actor at the instant, and finds a retracted one that existed then', async () => {
    const q = `query($actor: ID!, $t: DateTime) { relationships(where: { actor: $actor }, recordedAsOf: $t) { edges { node { id } } } }`;
    expect((await read<{ relationships: Data }>(q, { actor: C, t: at.asserted })).data.relationships).toEqual({
      edges: [{ node: { id: LOCATED } }],
    });
    expect(await refused(q, { actor: C, t: null })).toMatchObject({ code: 'NOT_FOUND', argument: 'where.actor' });
    expect(await refused(q, { actor: B, t: earlier(at.created) })).toMatchObject({ code: 'NOT_FOUND', argument: 'where.actor' });
  });

  it('refuses a cursor of the current read on a historical one (a cursor is scoped to its instant)', async () => {
    const q = `query($actor: ID!, $t: DateTime, $after: String) { relationships(where: { actor: $actor }, first: 1, recordedAsOf: $t, after: $after) { edges { cursor node { id } } } }`;
    const first = await read<{ relationships: { edges: { cursor: string; node: { id: string } }[] } }>(q, { actor: B, t: at.asserted });
    const cursor = first.data.relationships.edges[0]?.cursor;
    expect(first.data.relationships.edges.map((e) => e.node.id)).toEqual([DENOUNCED]);
    const next = await read<{ relationships: { edges: { node: { id: string } }[] } }>(q, { actor: B, t: at.asserted, after: cursor });
    expect(next.data.relationships.edges.map((e) => e.node.id)).toEqual([LOCATED]);
    expect(await refused(q, { actor: B, t: null, after: cursor })).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('Query.paths with recordedAsOf', () => {
  const QUERY = `query($from: ID!, $to: ID!, $t: DateTime) {
    paths(from: $from, to: $to, recordedAsOf: $t) {
      length actors { id name } hops { direction relationship { id type version from { id name } to { id name } } }
    }
  }`;

  it('crosses the edge held at the instant, in one statement, and not after its correction', async () => {
    const then = await read<{ paths: Data[] }>(QUERY, { from: B, to: C, t: at.asserted });
    expect(then.data.paths).toEqual([
      {
        length: 1,
        actors: [
          { id: B, name: B },
          { id: C, name: C },
        ],
        hops: [
          {
            direction: 'OUTGOING',
            relationship: { id: LOCATED, type: 'LOCATED_IN', version: 1, from: { id: B, name: B }, to: { id: C, name: C } },
          },
        ],
      },
    ]);
    expect(then.extensions?.statements).toEqual(['shortestPathsAsOf4']);
    expect((await read<{ paths: Data[] }>(QUERY, { from: B, to: C, t: at.corrected })).data.paths).toEqual([]);
    // Now Ruritania is retracted: the current read does not know it.
    expect(await refused(QUERY, { from: B, to: C, t: null })).toMatchObject({ code: 'NOT_FOUND', argument: 'to' });
  });

  it('never crosses an edge recorded after the instant', async () => {
    const q = `query($t: DateTime) { paths(from: "${D}", to: "${A}", recordedAsOf: $t) { length hops { relationship { id } } } }`;
    expect((await read<{ paths: Data[] }>(q, { t: at.asserted })).data.paths).toEqual([]);
    expect((await read<{ paths: Data[] }>(q, { t: earlier(at.spoke) })).data.paths).toEqual([]);
    const spoke = { length: 1, hops: [{ relationship: { id: SPEAKS } }] };
    expect((await read<{ paths: Data[] }>(q, { t: at.spoke })).data.paths).toEqual([spoke]);
    expect((await read<{ paths: Data[] }>(q, { t: null })).data.paths).toEqual([spoke]);
  });

  it('is NOT_FOUND for an end that did not exist at the instant', async () => {
    expect(await refused(QUERY, { from: B, to: C, t: earlier(at.created) })).toMatchObject({ code: 'NOT_FOUND', argument: 'from' });
  });
});

describe('Query.neighbourhood with recordedAsOf', () => {
  const QUERY = `query($id: ID!, $hops: Int, $t: DateTime) {
    neighbourhood(id: $id, hops: $hops, recordedAsOf: $t) {
      truncated nodes { id name degree } edges { id type version from { id } to { id } }
    }
  }`;
  type Answer = { neighbourhood: { truncated: boolean; nodes: { id: string }[]; edges: { id: string }[] } };
  const byId = <T extends { id: string }>(items: readonly T[]): T[] => [...items].sort((x, y) => (x.id < y.id ? -1 : 1));

  it('walks the edges held at the instant (the actors as they then stood), in one statement', async () => {
    const then = await read<Answer>(QUERY, { id: A, hops: 2, t: at.asserted });
    expect(then.data.neighbourhood.nodes[0]?.id).toBe(A);
    expect(byId(then.data.neighbourhood.nodes)).toEqual([
      { id: B, name: B, degree: 2 },
      { id: A, name: A, degree: 1 },
      { id: C, name: C, degree: 1 },
    ]);
    expect(byId(then.data.neighbourhood.edges)).toEqual([
      { id: DENOUNCED, type: 'DENOUNCED', version: 1, from: { id: A }, to: { id: B } },
      { id: LOCATED, type: 'LOCATED_IN', version: 1, from: { id: B }, to: { id: C } },
    ]);
    expect(then.data.neighbourhood.truncated).toBe(false);
    expect(then.extensions?.statements).toEqual(['neighbourhoodAsOf2']);
  });

  it('after the correction and retraction, before the spokesman: the corrected edge alone', async () => {
    const then = await read<Answer>(QUERY, { id: A, hops: 2, t: earlier(at.spoke) });
    expect(byId(then.data.neighbourhood.nodes).map((n) => n.id)).toEqual([B, A]);
    expect(then.data.neighbourhood.edges).toEqual([{ id: LOCATED, type: 'NATIONAL_OF', version: 2, from: { id: B }, to: { id: A } }]);
  });

  it('leaves the current read as it was', async () => {
    const now = await read<Answer>(QUERY, { id: A, hops: 2, t: null });
    expect(byId(now.data.neighbourhood.nodes)).toEqual([
      { id: B, name: 'Acme Limited', degree: 1 },
      { id: A, name: A, degree: 2 },
      { id: D, name: D, degree: 1 },
    ]);
    expect(byId(now.data.neighbourhood.edges)).toEqual([
      { id: LOCATED, type: 'NATIONAL_OF', version: 2, from: { id: B }, to: { id: A } },
      { id: SPEAKS, type: 'SPEAKS_FOR', version: 1, from: { id: D }, to: { id: A } },
    ]);
    expect(await refused(QUERY, { id: C, hops: 1, t: null })).toMatchObject({ code: 'NOT_FOUND', argument: 'id' });
  });

  it('starts from a retracted actor that existed then, and is NOT_FOUND before it existed', async () => {
    const then = await read<Answer>(QUERY, { id: C, hops: 1, t: at.asserted });
    expect(then.data.neighbourhood.nodes.map((n) => n.id)).toEqual([C, B]);
    expect(then.data.neighbourhood.edges.map((e) => e.id)).toEqual([LOCATED]);
    expect(await refused(QUERY, { id: C, hops: 1, t: earlier(at.created) })).toMatchObject({ code: 'NOT_FOUND', argument: 'id' });
  });

  it('does not mix instants in one operation: the historical actors are not the current ones', async () => {
    const mixed = await read<{ then: { nodes: { id: string; name: string }[] }; now: { name: string } }>(
      `query($t: DateTime) { then: neighbourhood(id: "${B}", recordedAsOf: $t) { nodes { id name } } now: actor(id: "${B}") { name } }`,
      { t: at.asserted },
    );
    expect(mixed.data.then.nodes[0]).toEqual({ id: B, name: B });
    expect(mixed.data.now).toEqual({ name: 'Acme Limited' });
  });
});
