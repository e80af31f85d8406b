/**
 * The audit trail, read side (issue 15 item 4, issue 20 item 2): `changes` pages every write by seq,
 * filtered by record or author; `recordedBetween` answers what the graph recorded between two moments of
 * its own time, with who and why, and counts by mutation over the whole period. The changes are made with
 * the key-management mutations.
 */
import { bearer, createTestKey } from '../support/api-keys.js';
import { firstCode, type TestApp, useTestApp } from '../support/test-app.js';

type Body = Record<string, unknown>;

interface ChangeNode {
  seq: number;
  at: string;
  mutation: string;
  ids: string[];
  reason: string | null;
  principal: { name: string };
}

const NODE = 'seq at mutation ids reason principal { name }';
const RECORDED = `query R($from: DateTime!, $to: DateTime!, $first: Int, $after: Int) {
  recordedBetween(from: $from, to: $to, first: $first, after: $after) {
    totalCount countsByMutation { mutation count }
    edges { cursor node { ${NODE} } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function statementNames(t: TestApp, work: () => Promise<unknown>): Promise<string[]> {
  const names: string[] = [];
  const off = t.graph.onStatement((q) => names.push(q.name));
  try {
    await work();
  } finally {
    off();
  }
  return names;
}

describe('changes and recordedBetween', () => {
  const t = useTestApp();
  let admin = '';
  const made: ChangeNode[] = [];
  const names = ['a', 'b', 'c'].map((x) => `trail-${x}-${Math.random().toString(36).slice(2, 8)}`);

  beforeAll(async () => {
    admin = await createTestKey('ADMIN', `trail-admin-${Math.random().toString(36).slice(2, 8)}`);
    for (const name of names) {
      const res = await t.post(
        { query: 'mutation($n: String!) { createApiKey(name: $n, role: VIEWER, reason: "trail") { changeSeq } }', variables: { n: name } },
        bearer(admin),
      );
      expect(res.status).toBe(200);
    }
    const revoked = await t.post(
      { query: 'mutation($n: String!) { revokeApiKey(name: $n, reason: "done") { changeSeq } }', variables: { n: names[0] } },
      bearer(admin),
    );
    expect(revoked.status).toBe(200);
    for (const name of names) {
      const res = await t.post({ query: `{ changes(target: "api-key:${name}") { edges { node { ${NODE} } } } }` });
      made.push(...(res.body['data'] as { changes: { edges: { node: ChangeNode }[] } }).changes.edges.map((e) => e.node));
    }
    made.sort((x, y) => x.seq - y.seq);
  });

  it('records each write once, in seq order, with growing times', () => {
    expect(made.map((c) => c.mutation)).toEqual(['createApiKey', 'createApiKey', 'createApiKey', 'revokeApiKey']);
    expect(made.map((c) => c.seq)).toEqual([0, 1, 2, 3].map((i) => (made[0]?.seq ?? 0) + i));
    const times = made.map((c) => Date.parse(c.at));
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });

  it('filters by author and pages with after', async () => {
    const adminName = made[0]?.principal.name ?? '';
    const res = await t.post({
      query: `{ changes(author: "${adminName}", first: 2) { edges { node { seq } } pageInfo { hasNextPage endCursor } } }`,
    });
    const page = (res.body['data'] as { changes: { edges: { node: { seq: number } }[]; pageInfo: Body } }).changes;
    expect(page.edges.map((e) => e.node.seq)).toEqual(made.slice(0, 2).map((c) => c.seq));
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: String(made[1]?.seq) });
    const next = await t.post({
      query: `{ changes(author: "${adminName}", after: ${made[1]?.seq}) { edges { node { seq } } pageInfo { hasNextPage } } }`,
    });
    expect(next.body['data']).toEqual({
      changes: { edges: made.slice(2).map((c) => ({ node: { seq: c.seq } })), pageInfo: { hasNextPage: false } },
    });
    const nobody = await t.post({ query: '{ changes(author: "nobody-at-all") { edges { node { seq } } } }' });
    expect(nobody.body['data']).toEqual({ changes: { edges: [] } });
  });

  it('answers what was recorded between two moments, with who and why and counts by mutation, in two statements', async () => {
    const from = made[0]?.at ?? '';
    const to = new Date(Date.parse(made[3]?.at ?? '') + 1).toISOString();
    let res = { status: 0, headers: new Headers(), body: {} as Body };
    const statements = await statementNames(t, async () => {
      res = await t.post({ query: RECORDED, variables: { from, to, first: 3 } });
    });
    expect(statements.sort()).toEqual(['changesRecordedBetween', 'countChangesRecordedBetween']);
    const page = (res.body['data'] as { recordedBetween: Body }).recordedBetween;
    expect(page['totalCount']).toBe(4);
    expect(page['countsByMutation']).toEqual([
      { mutation: 'createApiKey', count: 3 },
      { mutation: 'revokeApiKey', count: 1 },
    ]);
    expect((page['edges'] as { node: ChangeNode }[]).map((e) => e.node)).toEqual(made.slice(0, 3));
    expect(page['pageInfo']).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: String(made[0]?.seq),
      endCursor: String(made[2]?.seq),
    });
    const rest = await t.post({ query: RECORDED, variables: { from, to, after: made[2]?.seq } });
    const restPage = (rest.body['data'] as { recordedBetween: { edges: { node: ChangeNode }[]; pageInfo: Body } }).recordedBetween;
    expect(restPage.edges.map((e) => e.node)).toEqual(made.slice(3));
    expect(restPage.pageInfo['hasNextPage']).toBe(false);
    expect(made[3]?.reason).toBe('done');
  });

  it('excludes the end moment and what came before the start', async () => {
    const res = await t.post({ query: RECORDED, variables: { from: made[1]?.at, to: made[3]?.at } });
    const page = (res.body['data'] as { recordedBetween: { totalCount: number; edges: { node: ChangeNode }[] } }).recordedBetween;
    // Changes 1 and 2, unless change 3 shares change 2's millisecond (then the end excludes both).
    const expected = made.slice(1, 3).filter((c) => c.at < (made[3]?.at ?? ''));
    expect(page.edges.map((e) => e.node.seq)).toEqual(expected.map((c) => c.seq));
    expect(page.totalCount).toBe(expected.length);
  });

  it('refuses an empty or reversed period and a malformed moment with BAD_USER_INPUT', async () => {
    const at = made[0]?.at ?? '';
    expect(firstCode((await t.post({ query: RECORDED, variables: { from: at, to: at } })).body)).toBe('BAD_USER_INPUT');
    expect(firstCode((await t.post({ query: RECORDED, variables: { from: '2026-12-01', to: at } })).body)).toBe('BAD_USER_INPUT');
    expect(firstCode((await t.post({ query: RECORDED, variables: { from: at, to: at, first: 501 } })).body)).toBe('BAD_USER_INPUT');
  });
});
