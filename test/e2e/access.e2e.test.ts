/**
 * Who may do what (issue 15 item 1; RELIABILITY checklist 28): API keys with roles, verified per request;
 * `@requiresRole` enforced before execution, so a refused operation runs no resolver and sends no statement
 * (node and relationship counts unchanged); an invalid or revoked key is UNAUTHENTICATED even for reads;
 * revocation takes effect at once on the replica that revoked and within API_KEY_CACHE_MS on the others
 * (a clock the test moves, never a sleep); READ_ACCESS=key closes reads. Key management is recorded in the
 * audit trail, never with the token or its hash.
 */
import { hashToken } from '../../src/auth/api-keys.js';
import { bearer, createTestKey } from '../support/api-keys.js';
import { firstCode, graphCounts, startTestApp, type TestApp } from '../support/test-app.js';

type Body = Record<string, unknown>;
const dataOf = <T>(body: Body): T => body['data'] as T;

const CREATE = `mutation Create($name: String!, $role: Role!, $reason: String) {
  createApiKey(name: $name, role: $role, reason: $reason) { token changeSeq key { name role createdAt revokedAt } }
}`;
const REVOKE = `mutation Revoke($name: String!) { revokeApiKey(name: $name, reason: "left the project") { changeSeq key { name revokedAt } } }`;
const unique = (prefix: string): string => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;

/** Every statement sent while `work` runs, by name. */
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

describe('roles and keys, READ_ACCESS=public', () => {
  let now = 1_800_000_000_000;
  let t: TestApp;
  let other: TestApp;
  let admin = '';
  let editor = '';
  let viewer = '';
  beforeAll(async () => {
    [admin, editor, viewer] = await Promise.all([createTestKey('ADMIN'), createTestKey('EDITOR'), createTestKey('VIEWER')]);
    // Two replicas over one database; the first with a clock the test moves.
    t = await startTestApp({ env: { API_KEY_CACHE_MS: '5000' }, authClock: () => now });
    other = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    await other.close();
  });

  it('refuses a mutation without a key: 401 UNAUTHENTICATED, no data, no statement, counts unchanged', async () => {
    const before = await graphCounts(t.graph);
    let res = { status: 0, headers: new Headers(), body: {} as Body };
    const names = await statementNames(t, async () => {
      res = await t.post({ query: CREATE, variables: { name: unique('nokey'), role: 'ADMIN' } });
    });
    expect({ status: res.status, code: firstCode(res.body), names, data: res.body['data'] }).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      names: [],
      data: undefined,
    });
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(await graphCounts(t.graph)).toEqual(before);
  });

  it('refuses a viewer and an editor an admin mutation: 403 FORBIDDEN, only the key look-up ran, counts unchanged', async () => {
    const before = await graphCounts(t.graph);
    for (const [token, role] of [
      [viewer, 'VIEWER'],
      [editor, 'EDITOR'],
    ] as const) {
      let res = { status: 0, headers: new Headers(), body: {} as Body };
      now += 10_000; // past the cache, so the look-up shows
      const names = await statementNames(t, async () => {
        res = await t.post({ query: CREATE, variables: { name: unique('forbidden'), role: 'VIEWER' } }, bearer(token));
      });
      expect({ status: res.status, code: firstCode(res.body), names, data: res.body['data'] }).toEqual({
        status: 403,
        code: 'FORBIDDEN',
        names: ['findApiKeyByHash'],
        data: undefined,
      });
      const [error] = res.body['errors'] as { message: string; extensions: Body }[];
      expect(error?.message).toBe(`Mutation.createApiKey needs the ADMIN role; this caller holds ${role}`);
      expect(error?.extensions).toEqual({ code: 'FORBIDDEN', requiredRole: 'ADMIN' });
    }
    expect(await graphCounts(t.graph)).toEqual(before);
  });

  it('checks nested and fragment fields too: apiKeys inside a fragment is FORBIDDEN for an editor', async () => {
    const query = 'query { ...Keys } fragment Keys on Query { apiVersion apiKeys { name } }';
    const res = await t.post({ query }, bearer(editor));
    expect({ status: res.status, code: firstCode(res.body), data: res.body['data'] }).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      data: undefined,
    });
    expect((await t.post({ query: '{ apiKeys { name } }' })).status).toBe(401);
  });

  it('lets anyone read while reads are public, and a valid key read too', async () => {
    expect((await t.post({ query: '{ apiVersion }' })).status).toBe(200);
    const res = await t.post({ query: '{ apiVersion }' }, bearer(viewer));
    expect({ status: res.status, data: res.body['data'] }).toEqual({ status: 200, data: { apiVersion: '0.1.0' } });
  });

  it('refuses a made-up, malformed or non-Bearer credential even for reads: 401, never anonymous', async () => {
    const madeUp = `sgk_${'A'.repeat(43)}`;
    for (const authorization of [`Bearer ${madeUp}`, 'Bearer not-a-key', 'Basic dXNlcjpwYXNz', 'Bearer']) {
      let res = { status: 0, headers: new Headers(), body: {} as Body };
      const names = await statementNames(t, async () => {
        res = await t.post({ query: '{ apiVersion }' }, { authorization });
      });
      expect({ authorization, status: res.status, code: firstCode(res.body), data: res.body['data'] }).toEqual({
        authorization,
        status: 401,
        code: 'UNAUTHENTICATED',
        data: undefined,
      });
      // Only a well-formed token costs a look-up.
      expect(names).toEqual(authorization === `Bearer ${madeUp}` ? ['findApiKeyByHash'] : []);
    }
  });

  it('lets an admin create a key over GraphQL: the token works at once with its role, and the audit trail records it without token or hash', async () => {
    const name = unique('curator');
    const res = await t.post({ query: CREATE, variables: { name, role: 'EDITOR', reason: 'new curator' } }, bearer(admin));
    expect(res.status).toBe(200);
    const created = dataOf<{ createApiKey: { token: string; changeSeq: number; key: Body } }>(res.body).createApiKey;
    expect(created.token).toMatch(/^sgk_[A-Za-z0-9_-]{43}$/);
    expect(created.key).toEqual({
      name,
      role: 'EDITOR',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) as string,
      revokedAt: null,
    });

    const changes = await t.post({
      query: `{ changes(target: "api-key:${name}") { edges { cursor node { seq at mutation ids before after reason principal { name role via } } } } }`,
    });
    const edges = dataOf<{ changes: { edges: { cursor: string; node: Body }[] } }>(changes.body).changes.edges;
    expect(edges).toEqual([
      {
        cursor: String(created.changeSeq),
        node: {
          seq: created.changeSeq,
          at: created.key['createdAt'],
          mutation: 'createApiKey',
          ids: [`api-key:${name}`],
          before: null,
          after: JSON.stringify({ name, role: 'EDITOR', createdAt: created.key['createdAt'], revokedAt: null }),
          reason: 'new curator',
          principal: { name: expect.stringMatching(/^test-admin-/) as string, role: 'ADMIN', via: 'api-key' },
        },
      },
    ]);
    const text = JSON.stringify(edges);
    expect(text).not.toContain(created.token);
    expect(text).not.toContain(hashToken(created.token).slice(7));

    // The new key may do what an editor may, and no more.
    const asCurator = await t.post({ query: CREATE, variables: { name: unique('x'), role: 'VIEWER' } }, bearer(created.token));
    expect({ status: asCurator.status, code: firstCode(asCurator.body) }).toEqual({ status: 403, code: 'FORBIDDEN' });
    // A taken name: BAD_USER_INPUT naming the argument, nothing written.
    const before = await graphCounts(t.graph);
    const again = await t.post({ query: CREATE, variables: { name, role: 'ADMIN' } }, bearer(admin));
    expect({ code: firstCode(again.body), argument: (again.body['errors'] as { extensions: Body }[])[0]?.extensions['argument'] }).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'name',
    });
    expect(await graphCounts(t.graph)).toEqual(before);
  });

  it('stops a revoked key at once on the replica that revoked it', async () => {
    const name = unique('leaver');
    const token = dataOf<{ createApiKey: { token: string } }>(
      (await t.post({ query: CREATE, variables: { name, role: 'VIEWER' } }, bearer(admin))).body,
    ).createApiKey.token;
    expect((await t.post({ query: '{ apiVersion }' }, bearer(token))).status).toBe(200);
    const revoked = await t.post({ query: REVOKE, variables: { name } }, bearer(admin));
    expect(dataOf<{ revokeApiKey: { key: Body } }>(revoked.body).revokeApiKey.key).toEqual({
      name,
      revokedAt: expect.any(String) as string,
    });
    const res = await t.post({ query: '{ apiVersion }' }, bearer(token));
    expect({ status: res.status, code: firstCode(res.body) }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    // Revoking again changes nothing and records nothing.
    const twice = await t.post({ query: REVOKE, variables: { name } }, bearer(admin));
    expect(dataOf<{ revokeApiKey: { changeSeq: number | null } }>(twice.body).revokeApiKey.changeSeq).toBeNull();
  });

  it('stops a key revoked on another replica within API_KEY_CACHE_MS (5 s of the injected clock), not before', async () => {
    const name = unique('remote');
    const token = dataOf<{ createApiKey: { token: string } }>(
      (await other.post({ query: CREATE, variables: { name, role: 'VIEWER' } }, bearer(admin))).body,
    ).createApiKey.token;
    expect((await t.post({ query: '{ apiVersion }' }, bearer(token))).status).toBe(200); // verified and cached on t
    expect((await other.post({ query: REVOKE, variables: { name } }, bearer(admin))).status).toBe(200);
    expect((await other.post({ query: '{ apiVersion }' }, bearer(token))).status).toBe(401);
    now += 4_999;
    expect((await t.post({ query: '{ apiVersion }' }, bearer(token))).status).toBe(200);
    now += 1;
    expect((await t.post({ query: '{ apiVersion }' }, bearer(token))).status).toBe(401);
  });

  it('answers NOT_FOUND naming the argument for revoking an unknown key, and refuses a malformed name', async () => {
    const missing = await t.post({ query: REVOKE, variables: { name: 'nobody-has-this-key' } }, bearer(admin));
    expect(firstCode(missing.body)).toBe('NOT_FOUND');
    const bad = await t.post({ query: CREATE, variables: { name: 'no spaces', role: 'VIEWER' } }, bearer(admin));
    expect(firstCode(bad.body)).toBe('BAD_USER_INPUT');
  });

  it('lists keys for admins, never with hashes or tokens', async () => {
    const res = await t.post({ query: '{ apiKeys(first: 1000) { name role revokedAt } }' }, bearer(admin));
    const keys = dataOf<{ apiKeys: { name: string; role: string }[] }>(res.body).apiKeys;
    expect(keys.length).toBeGreaterThanOrEqual(3);
    expect(keys.map((k) => k.name)).toEqual([...keys.map((k) => k.name)].sort());
    expect(JSON.stringify(res.body)).not.toMatch(/sha256:|sgk_/);
  });
});

describe('READ_ACCESS=key', () => {
  let t: TestApp;
  let viewer = '';
  beforeAll(async () => {
    viewer = await createTestKey('VIEWER');
    t = await startTestApp({ env: { READ_ACCESS: 'key' } });
  });
  afterAll(() => t.close());

  it('refuses reads without a key (401, no statement) and answers them with a viewer key', async () => {
    let res = { status: 0, headers: new Headers(), body: {} as Body };
    const names = await statementNames(t, async () => {
      res = await t.post({ query: '{ actor(id: "sensetime") { name } }' });
    });
    expect({ status: res.status, code: firstCode(res.body), names }).toEqual({ status: 401, code: 'UNAUTHENTICATED', names: [] });
    const ok = await t.post({ query: '{ actor(id: "sensetime") { name } }' }, bearer(viewer));
    expect({ status: ok.status, data: ok.body['data'] }).toEqual({ status: 200, data: { actor: { name: 'SenseTime Group' } } });
  });
});
