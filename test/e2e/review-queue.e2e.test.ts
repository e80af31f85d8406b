/**
 * The match review queue of imports over HTTP on the real Neo4j (issue 16 item 3, CONTRACT-16R): pending
 * reviews (written in the contract's storage by test/support/match-reviews.ts, as the import write step
 * does) read in a deterministic, bounded page; `resolveMatch` merging an imported twin into the seed's
 * SenseTime (its id resolves there, its sanction targets SenseTime, one audited change) or keeping both;
 * refusals that write nothing; one of two concurrent decisions winning.
 */
import { parseConfig } from '../../src/config/config.js';
import { cypher } from '../../src/graph/cypher/cypher-query.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import { authHeaders } from '../support/auth-headers.js';
import { type GraphFixture, graphFixture } from '../support/graph-fixture.js';
import { deleteTestReviews, type TestReview, writeTestReviews } from '../support/match-reviews.js';
import { firstCode, graphCounts, useTestApp } from '../support/test-app.js';
import { testEnv } from '../support/test-env.js';

const t = useTestApp();

type Data = Record<string, unknown>;
interface GqlError {
  message: string;
  extensions?: Record<string, unknown>;
}
interface Body {
  data?: Data | null;
  errors?: GqlError[];
  extensions?: { statements?: string[] };
}

async function send(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Body> {
  return (await t.post({ query, variables }, headers)).body;
}

/** Sends as an editor and expects an answer without errors. */
async function edit<T = Data>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = await send(query, variables, await authHeaders('EDITOR'));
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

/** Reads as anyone (reads are public) and expects an answer without errors. */
async function read<T = Data>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = await send(query, variables);
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

/** Sends as an editor and expects exactly one error. */
async function refusedEdit(query: string, variables: Record<string, unknown>): Promise<GqlError> {
  const body = await send(query, variables, await authHeaders('EDITOR'));
  expect(body.errors).toHaveLength(1);
  expect(body.data ?? null).toBeNull();
  return body.errors?.[0] as GqlError;
}

const CHANGES = cypher('testReviewChanges', 'MATCH (c:Change) RETURN count(c) AS changes, max(c.seq) AS lastSeq');
async function changeCount(): Promise<{ changes: number; lastSeq: number }> {
  const [row] = await t.graph.read<{ changes: number; lastSeq: number }>(CHANGES);
  return row ?? { changes: -1, lastSeq: -1 };
}

const CHANGES_OF_REVIEW = cypher(
  'testChangesOfReview',
  `MATCH (c:Change) WHERE $id IN c.ids
   RETURN c.seq AS seq, c.mutation AS mutation, c.ids AS ids, c.principal AS principal, c.role AS role,
          c.before AS before, c.after AS after, c.reason AS reason
   ORDER BY c.seq`,
);
interface ChangeRow {
  seq: number;
  mutation: string;
  ids: string[];
  principal: string;
  role: string;
  before: string;
  after: string;
  reason: string;
}

const REVIEW_FIELDS = `id status version
  imported { name kind country seriesId recordId sourceId }
  importedActorId importedActor { id } candidates { rank score rule actorId actor { id name } } chosen { id }
  createdSeq createdAt resolvedSeq resolvedAt resolvedBy reason`;
const QUEUE = `query($status: [ReviewStatus!], $source: ID, $first: Int, $after: String) {
  matchCandidates(status: $status, source: $source, first: $first, after: $after) {
    totalCount edges { cursor node { ${REVIEW_FIELDS} } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const RESOLVE = `mutation($input: ResolveMatchInput!) {
  resolveMatch(input: $input) { seq changed replayed review { ${REVIEW_FIELDS} } }
}`;

interface Queue {
  matchCandidates: {
    totalCount: number;
    edges: { cursor: string; node: Data & { id: string } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}
interface Resolved {
  resolveMatch: { seq: number; changed: boolean; replayed: boolean; review: Data & { id: string } };
}

let f: GraphFixture;
/** The fixture's source: the edition every review of this file was read from. */
let source = '';
const written: string[] = [];

/** Writes reviews for one test and remembers them for the clean-up. */
async function reviews(items: readonly Omit<TestReview, 'sourceId' | 'seriesId'>[]): Promise<string[]> {
  const ids = await writeTestReviews(
    t.graph,
    items.map((r) => ({ ...r, sourceId: source, seriesId: `${f.prefix}list` })),
  );
  written.push(...ids);
  return ids;
}

/**
 * What the resolutions left beside the seed goes again after the file: the fixture (its merged actors,
 * versions and WAS edges with it), the reviews, the changes naming fixture ids with their idempotency
 * records, and the merged ids a SAME_AS left on the seed's SenseTime.
 */
const CLEAN_UP = cypher(
  'testReviewCleanUp',
  `
CALL () {
  MATCH (c:Change) WHERE any(id IN c.ids WHERE id STARTS WITH $prefix)
  OPTIONAL MATCH (k:IdempotencyRecord {changeSeq: c.seq})
  DETACH DELETE c, k
}
CALL () {
  MATCH (a:Actor) WHERE any(x IN coalesce(a.mergedIds, []) WHERE x STARTS WITH $prefix)
  WITH a, [x IN a.mergedIds WHERE NOT x STARTS WITH $prefix] AS kept
  SET a.mergedIds = CASE WHEN size(kept) = 0 THEN null ELSE kept END
}`,
);

beforeAll(async () => {
  f = graphFixture('review')
    .actor('ofac', 'GOVERNMENT_BODY', 'Fixture Treasury')
    .actor('place', 'STATE', 'Fixture Place')
    .actor('twin', 'COMPANY', 'SenseTime Group Limited')
    .actor('acme', 'COMPANY', 'Acme Ltd')
    .actor('acme-import', 'COMPANY', 'Acme Holdings')
    .actor('beta', 'COMPANY', 'Beta Ltd')
    .actor('beta-import', 'COMPANY', 'Beta Limited')
    .actor('gamma-import', 'COMPANY', 'Gamma Co.')
    .actor('delta', 'COMPANY', 'Delta Ltd')
    .actor('delta-import', 'COMPANY', 'Delta Limited')
    .actor('eps', 'COMPANY', 'Epsilon Ltd')
    .actor('eps-import', 'COMPANY', 'Epsilon Limited')
    .sanction('ofac', 'twin')
    .relate('twin', 'LOCATED_IN', 'place');
  await f.write(t.graph);
  source = f.id('source');
  // Keys first: creating one is a change of its own, which would shift the seqs the tests expect.
  await Promise.all((['VIEWER', 'EDITOR', 'ADMIN'] as const).map((role) => authHeaders(role)));
});

afterAll(async () => {
  // A client of its own: the app's may already be closed by useTestApp's afterAll.
  const graph = GraphClient.connect(parseConfig(testEnv()).neo4j);
  try {
    await deleteTestReviews(graph, written);
    // Every run's prefix: a run that died before its clean-up must not leave merged ids on SenseTime.
    await graph.write(CLEAN_UP, { prefix: 'fixture-review-' });
    await f.remove(graph);
  } finally {
    await graph.close();
  }
});

describe('matchCandidates', () => {
  let twinReview = '';
  let acmeReview = '';
  let gammaReview = '';
  let betaReview = '';
  beforeAll(async () => {
    [twinReview = '', acmeReview = '', gammaReview = '', betaReview = ''] = await reviews([
      {
        recordId: 'q-1',
        name: 'SenseTime Group Limited',
        kind: 'COMPANY',
        country: 'CN',
        importedActorId: f.id('twin'),
        candidates: [
          { actorId: 'sensetime', score: 0.78, rule: 'name+kind+country' },
          { actorId: f.id('acme'), score: 0.61, rule: 'name' },
        ],
        createdSeq: 901,
      },
      {
        recordId: 'q-2',
        name: 'Acme Holdings',
        kind: 'COMPANY',
        importedActorId: f.id('acme-import'),
        candidates: [{ actorId: f.id('acme'), score: 0.7, rule: 'name+kind' }],
        createdSeq: 902,
      },
      {
        recordId: 'q-3',
        name: 'Gamma Co.',
        kind: 'COMPANY',
        importedActorId: f.id('gamma-import'),
        candidates: [{ actorId: f.id('acme'), score: 0.6, rule: 'name' }],
        createdSeq: 902,
      },
      {
        recordId: 'q-4',
        name: 'Beta Limited',
        kind: 'COMPANY',
        importedActorId: f.id('beta-import'),
        candidates: [{ actorId: f.id('beta'), score: 0.8, rule: 'name+kind' }],
        createdSeq: 900,
        resolved: { status: 'DISTINCT', seq: 903, at: '2026-12-01T12:05:00.000Z', by: 'earlier-editor', reason: 'another company' },
      },
    ]);
  });

  it('answers the pending reviews of a source oldest first, with the entity as read, its actor and the ranked candidates', async () => {
    const data = await read<Queue>(QUEUE, { source });
    const ids = data.matchCandidates.edges.map((e) => e.node.id);
    // Created by changes 901, 902, 902: equal seqs by id; the resolved review (900) is not pending.
    const [second, third] = [acmeReview, gammaReview].sort();
    expect(ids).toEqual([twinReview, second, third]);
    expect(ids).not.toContain(betaReview);
    expect(data.matchCandidates.totalCount).toBe(3);
    expect(data.matchCandidates.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    expect(data.matchCandidates.edges[0]?.node).toEqual({
      id: twinReview,
      status: 'PENDING',
      version: 1,
      imported: {
        name: 'SenseTime Group Limited',
        kind: 'COMPANY',
        country: 'CN',
        seriesId: `${f.prefix}list`,
        recordId: 'q-1',
        sourceId: source,
      },
      importedActorId: f.id('twin'),
      importedActor: { id: f.id('twin') },
      candidates: [
        { rank: 1, score: 0.78, rule: 'name+kind+country', actorId: 'sensetime', actor: { id: 'sensetime', name: 'SenseTime Group' } },
        { rank: 2, score: 0.61, rule: 'name', actorId: f.id('acme'), actor: { id: f.id('acme'), name: 'Acme Ltd' } },
      ],
      chosen: null,
      createdSeq: 901,
      createdAt: '2026-12-01T12:00:00.000Z',
      resolvedSeq: null,
      resolvedAt: null,
      resolvedBy: null,
      reason: null,
    });
  });

  it('pages by cursor without overlap or gap, in one statement per page (two with the sources)', async () => {
    const page1 = await send(QUEUE, { source, first: 2 });
    const one = (page1.data as unknown as Queue).matchCandidates;
    expect(one.edges).toHaveLength(2);
    expect(one.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, endCursor: one.edges[1]?.cursor });
    expect(page1.extensions?.statements).toEqual(['matchReviewPage']);
    const page2 = await send(
      `query($source: ID, $after: String) { matchCandidates(source: $source, first: 2, after: $after) {
        totalCount edges { node { id imported { source { id title } } candidates(first: 1) { actorId } } } pageInfo { hasNextPage hasPreviousPage }
      } }`,
      { source, after: one.pageInfo.endCursor },
    );
    const two = (page2.data as { matchCandidates: { totalCount: number; edges: { node: Data }[]; pageInfo: Data } }).matchCandidates;
    const all = (await read<Queue>(QUEUE, { source })).matchCandidates.edges.map((e) => e.node.id);
    expect(two).toEqual({
      totalCount: 3,
      edges: [
        { node: { id: all[2], imported: { source: { id: source, title: 'Fixture source' } }, candidates: [{ actorId: f.id('acme') }] } },
      ],
      pageInfo: { hasNextPage: false, hasPreviousPage: true },
    });
    expect([...(page2.extensions?.statements ?? [])].sort()).toEqual(['findSourcesByIds', 'matchReviewPage']);
  });

  it('answers resolved reviews only when asked for their status, and refuses a cursor of another filter', async () => {
    const distinct = (await read<Queue>(QUEUE, { source, status: ['DISTINCT'] })).matchCandidates;
    expect(
      distinct.edges.map((e) => [e.node.id, e.node['status'], e.node['version'], e.node['resolvedBy'], e.node['resolvedSeq']]),
    ).toEqual([[betaReview, 'DISTINCT', 2, 'earlier-editor', 903]]);
    const both = (await read<Queue>(QUEUE, { source, status: ['PENDING', 'DISTINCT'] })).matchCandidates;
    expect(both.edges[0]?.node.id).toBe(betaReview);
    expect(both.totalCount).toBe(4);
    expect((await read<Queue>(QUEUE, { source, status: ['SAME_AS'] })).matchCandidates).toMatchObject({ totalCount: 0, edges: [] });
    const other = await send(QUEUE, { source, first: 1, after: both.edges[0]?.cursor });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after', reason: 'filter' });
    const empty = await send(QUEUE, { source, status: [] });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    const tooMany = await send(QUEUE, { source, first: 101 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first', max: 100 });
  });
});

describe('resolveMatch', () => {
  it('SAME_AS merges the imported twin into the seed SenseTime: its id resolves there, its sanction targets it, one audited change', async () => {
    const [review = ''] = await reviews([
      {
        recordId: 'r-1',
        name: 'SenseTime Group Limited',
        kind: 'COMPANY',
        country: 'CN',
        importedActorId: f.id('twin'),
        candidates: [
          { actorId: 'sensetime', score: 0.78, rule: 'name+kind+country' },
          { actorId: f.id('acme'), score: 0.61, rule: 'name' },
        ],
        createdSeq: 911,
      },
    ]);
    const before = await changeCount();
    const input = {
      review,
      decision: 'SAME_AS',
      candidate: 'sensetime',
      expectedVersion: 1,
      reason: 'the same company',
      idempotencyKey: `${f.prefix}same-as`,
    };
    const resolved = await edit<Resolved>(RESOLVE, { input });
    expect(resolved.resolveMatch).toMatchObject({ seq: before.lastSeq + 1, changed: true, replayed: false });
    expect(resolved.resolveMatch.review).toMatchObject({
      id: review,
      status: 'SAME_AS',
      version: 2,
      importedActorId: f.id('twin'),
      importedActor: { id: 'sensetime' },
      chosen: { id: 'sensetime' },
      resolvedSeq: before.lastSeq + 1,
      resolvedBy: expect.stringMatching(/^test-editor-/) as unknown,
      reason: 'the same company',
    });
    // The twin's id resolves to SenseTime, which now holds its sanction and its relationship.
    const after = await read<{ twin: Data; sanction: Data; sensetime: Data }>(
      `query($twin: ID!, $sanction: ID!) {
        twin: actor(id: $twin) { id mergedIds }
        sanction(id: $sanction) { targets { id } authorities { id } }
        sensetime: actor(id: "sensetime") { relationships(types: [LOCATED_IN]) { edges { node { id } other { id } } } }
      }`,
      { twin: f.id('twin'), sanction: f.id('sanction-0') },
    );
    expect(after).toEqual({
      twin: { id: 'sensetime', mergedIds: [f.id('twin')] },
      sanction: { targets: [{ id: 'sensetime' }], authorities: [{ id: f.id('ofac') }] },
      sensetime: { relationships: { edges: [{ node: { id: f.id('rel-1') }, other: { id: f.id('place') } }] } },
    });
    // One change, by the editor, naming the review, both actors and the moved relationships.
    const changes = await t.graph.read<ChangeRow>(CHANGES_OF_REVIEW, { id: review });
    expect(changes).toHaveLength(1);
    const [change] = changes;
    expect(change).toMatchObject({ seq: before.lastSeq + 1, mutation: 'resolveMatch', role: 'EDITOR', reason: 'the same company' });
    expect(change?.principal).toMatch(/^test-editor-/);
    expect(change?.ids).toEqual(
      expect.arrayContaining([review, f.id('twin'), 'sensetime', f.id('rel-1'), `${f.id('sanction-0')}:${f.id('ofac')}:${f.id('twin')}`]),
    );
    expect(JSON.parse(change?.before ?? '{}')).toMatchObject({
      review: { status: 'PENDING', version: 1 },
      merge: { merge: { id: f.id('twin') } },
    });
    expect(JSON.parse(change?.after ?? '{}')).toMatchObject({ review: { status: 'SAME_AS', version: 2, chosenId: 'sensetime' } });
    expect((await changeCount()).changes).toBe(before.changes + 1);
    // Gone from the pending queue, listed as SAME_AS; a retry with the key is the stored answer.
    const pending = (await read<Queue>(QUEUE, { source })).matchCandidates.edges.map((e) => e.node.id);
    expect(pending).not.toContain(review);
    const sameAs = (await read<Queue>(QUEUE, { source, status: ['SAME_AS'] })).matchCandidates.edges.map((e) => e.node.id);
    expect(sameAs).toContain(review);
    const retry = await edit<Resolved>(RESOLVE, { input });
    expect(retry.resolveMatch).toMatchObject({ seq: resolved.resolveMatch.seq, changed: false, replayed: true });
    expect((await changeCount()).changes).toBe(before.changes + 1);
  });

  it('DISTINCT records the decision and keeps both actors', async () => {
    const [review = ''] = await reviews([
      {
        recordId: 'r-2',
        name: 'Acme Holdings',
        kind: 'COMPANY',
        importedActorId: f.id('acme-import'),
        candidates: [{ actorId: f.id('acme'), score: 0.7, rule: 'name+kind' }],
        createdSeq: 912,
      },
    ]);
    let statements: string[] = [];
    const body = await send(
      RESOLVE,
      { input: { review, decision: 'DISTINCT', expectedVersion: 1, reason: 'a holding, not the company' } },
      await authHeaders('EDITOR'),
    );
    expect(body.errors).toBeUndefined();
    statements = (body.extensions?.statements ?? []).filter((name) => name !== 'findApiKeyByHash');
    expect(statements).toEqual([
      'beginChange',
      'findMatchReviewsForWrite',
      'resolveMatchReviews',
      'findMatchReviewsForWrite',
      'writeChanges',
    ]);
    const resolved = (body.data as unknown as Resolved).resolveMatch;
    expect(resolved.review).toMatchObject({ status: 'DISTINCT', version: 2, chosen: null, importedActor: { id: f.id('acme-import') } });
    const both = await read<{ a: Data; b: Data }>(
      'query($a: ID!, $b: ID!) { a: actor(id: $a) { id mergedIds } b: actor(id: $b) { id mergedIds } }',
      {
        a: f.id('acme-import'),
        b: f.id('acme'),
      },
    );
    expect(both).toEqual({ a: { id: f.id('acme-import'), mergedIds: [] }, b: { id: f.id('acme'), mergedIds: [] } });
    const changes = await t.graph.read<ChangeRow>(CHANGES_OF_REVIEW, { id: review });
    expect(changes.map((c) => [c.seq, c.mutation, c.ids, c.reason])).toEqual([
      [resolved.seq, 'resolveMatch', [review, f.id('acme-import')], 'a holding, not the company'],
    ]);
  });

  it('refuses unknown reviews and candidates, a missing or foreign candidate and stale versions, writing nothing', async () => {
    const [pending = '', resolved = ''] = await reviews([
      {
        recordId: 'r-3',
        name: 'Beta Limited',
        kind: 'COMPANY',
        importedActorId: f.id('beta-import'),
        candidates: [{ actorId: f.id('beta'), score: 0.8, rule: 'name+kind' }],
        createdSeq: 913,
      },
      {
        recordId: 'r-4',
        name: 'Gamma Co.',
        kind: 'COMPANY',
        importedActorId: f.id('gamma-import'),
        candidates: [{ actorId: f.id('beta'), score: 0.6, rule: 'name' }],
        createdSeq: 914,
        resolved: { status: 'DISTINCT', seq: 915, at: '2026-12-01T12:06:00.000Z', by: 'earlier-editor', reason: 'no' },
      },
    ]);
    const base = { review: pending, decision: 'SAME_AS', candidate: f.id('beta'), expectedVersion: 1, reason: 'checked' };
    const cases: [Record<string, unknown>, string, string, number | undefined][] = [
      [{ review: 'review:0000000000000000' }, 'NOT_FOUND', 'input.review', undefined],
      [{ candidate: null }, 'BAD_USER_INPUT', 'input.candidate', undefined],
      [{ candidate: 'china' }, 'BAD_USER_INPUT', 'input.candidate', undefined],
      [{ candidate: `${f.prefix}nobody` }, 'NOT_FOUND', 'input.candidate', undefined],
      [{ decision: 'DISTINCT' }, 'BAD_USER_INPUT', 'input.candidate', undefined],
      [{ reason: ' ' }, 'BAD_USER_INPUT', 'input.reason', undefined],
      [{ expectedVersion: 2 }, 'CONFLICT', 'input.expectedVersion', 1],
      [{ review: resolved, expectedVersion: 2 }, 'CONFLICT', 'input.expectedVersion', 2],
    ];
    const counts = await graphCounts(t.graph);
    const changes = await changeCount();
    for (const [patch, code, field, currentVersion] of cases) {
      const error = await refusedEdit(RESOLVE, { input: { ...base, ...patch } });
      expect({
        patch,
        code: error.extensions?.['code'],
        field: error.extensions?.['field'],
        currentVersion: error.extensions?.['currentVersion'],
      }).toEqual({
        patch,
        code,
        field,
        currentVersion,
      });
    }
    expect(await graphCounts(t.graph)).toEqual(counts);
    expect(await changeCount()).toEqual(changes);
    const still = (await read<Queue>(QUEUE, { source })).matchCandidates.edges.find((e) => e.node.id === pending);
    expect(still?.node).toMatchObject({ status: 'PENDING', version: 1 });
  });

  it('is for editors: a viewer gets FORBIDDEN and a caller without a key UNAUTHENTICATED, and nothing is written', async () => {
    const [review = ''] = await reviews([
      {
        recordId: 'r-5',
        name: 'Delta Limited',
        kind: 'COMPANY',
        importedActorId: f.id('delta-import'),
        candidates: [{ actorId: f.id('delta'), score: 0.8, rule: 'name+kind' }],
        createdSeq: 916,
      },
    ]);
    const input = { review, decision: 'SAME_AS', candidate: f.id('delta'), expectedVersion: 1, reason: 'same' };
    const counts = await graphCounts(t.graph);
    const changes = await changeCount();
    const viewer = await t.post({ query: RESOLVE, variables: { input } }, await authHeaders('VIEWER'));
    expect({ status: viewer.status, code: firstCode(viewer.body), data: viewer.body['data'] }).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      data: undefined,
    });
    expect((viewer.body['errors'] as { extensions: Data }[])[0]?.extensions).toEqual({ code: 'FORBIDDEN', requiredRole: 'EDITOR' });
    const anonymous = await t.post({ query: RESOLVE, variables: { input } });
    expect({ status: anonymous.status, code: firstCode(anonymous.body) }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await graphCounts(t.graph)).toEqual(counts);
    expect(await changeCount()).toEqual(changes);
    const still = (await read<Queue>(QUEUE, { source })).matchCandidates.edges.find((e) => e.node.id === review);
    expect(still?.node).toMatchObject({ status: 'PENDING', version: 1, importedActor: { id: f.id('delta-import') } });
  });

  it('lets one of two concurrent decisions win; the other is CONFLICT with the new version', async () => {
    const [review = ''] = await reviews([
      {
        recordId: 'r-6',
        name: 'Delta Limited',
        kind: 'COMPANY',
        importedActorId: f.id('delta-import'),
        candidates: [{ actorId: f.id('delta'), score: 0.8, rule: 'name+kind' }],
        createdSeq: 917,
      },
    ]);
    const headers = await authHeaders('EDITOR');
    const [x, y] = await Promise.all([
      send(RESOLVE, { input: { review, decision: 'SAME_AS', candidate: f.id('delta'), expectedVersion: 1, reason: 'same' } }, headers),
      send(RESOLVE, { input: { review, decision: 'DISTINCT', expectedVersion: 1, reason: 'different' } }, headers),
    ]);
    const outcomes = [x, y].map((b) => (b.errors ? b.errors[0]?.extensions?.['code'] : 'OK')).sort();
    expect(outcomes).toEqual(['CONFLICT', 'OK']);
    expect([x, y].find((b) => b.errors)?.errors?.[0]?.extensions?.['currentVersion']).toBe(2);
    const winner = [x, y].find((b) => !b.errors)?.data as unknown as Resolved;
    const changes = await t.graph.read<ChangeRow>(CHANGES_OF_REVIEW, { id: review });
    expect(changes.map((c) => [c.seq, c.mutation])).toEqual([[winner.resolveMatch.seq, 'resolveMatch']]);
    const status = winner.resolveMatch.review['status'];
    const delta = await read<{ actor: { id: string } }>('query($id: ID!) { actor(id: $id) { id } }', { id: f.id('delta-import') });
    // The graph says what the winner decided: merged into delta, or kept apart.
    expect(delta.actor.id).toBe(status === 'SAME_AS' ? f.id('delta') : f.id('delta-import'));
  });

  it('follows an admin merge of the imported actor: the review reviews the actor kept, and SAME_AS records it without a second merge', async () => {
    const [review = ''] = await reviews([
      {
        recordId: 'r-7',
        name: 'Epsilon Limited',
        kind: 'COMPANY',
        importedActorId: f.id('eps-import'),
        candidates: [{ actorId: f.id('eps'), score: 0.8, rule: 'name+kind' }],
        createdSeq: 918,
      },
    ]);
    const admin = await send(
      'mutation($keep: ID!, $merge: ID!) { mergeActors(keep: $keep, merge: $merge, reason: "seen by an admin") { actor { id } } }',
      { keep: f.id('eps'), merge: f.id('eps-import') },
      await authHeaders('ADMIN'),
    );
    expect(admin.errors).toBeUndefined();
    const queued = (await read<Queue>(QUEUE, { source })).matchCandidates.edges.find((e) => e.node.id === review);
    expect(queued?.node).toMatchObject({ status: 'PENDING', importedActorId: f.id('eps-import'), importedActor: { id: f.id('eps') } });
    const refused = await refusedEdit(RESOLVE, { input: { review, decision: 'DISTINCT', expectedVersion: 1, reason: 'different' } });
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.decision' });
    const resolved = await edit<Resolved>(RESOLVE, {
      input: { review, decision: 'SAME_AS', candidate: f.id('eps'), expectedVersion: 1, reason: 'as merged' },
    });
    expect(resolved.resolveMatch.review).toMatchObject({
      status: 'SAME_AS',
      importedActorId: f.id('eps-import'),
      importedActor: { id: f.id('eps') },
      chosen: { id: f.id('eps') },
    });
    const changes = await t.graph.read<ChangeRow>(CHANGES_OF_REVIEW, { id: review });
    expect(changes.map((c) => [c.mutation, c.ids])).toEqual([['resolveMatch', [review, f.id('eps-import'), f.id('eps')]]]);
  });
});
