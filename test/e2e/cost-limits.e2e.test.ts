/**
 * The cost model and per-caller budgets over HTTP (issue 12, item 3): every accepted operation reports its
 * cost like GitHub's and Shopify's rate-limit objects; an operation over the budget is refused before any
 * database work with its computed cost and the budget; a caller whose window budget is spent gets 429 with
 * Retry-After, again before any database work. Time is a clock the test moves, never a sleep.
 */
import { bearer, createTestKey } from '../support/api-keys.js';
import { firstCode, startTestApp, type TestApp } from '../support/test-app.js';

type Body = Record<string, unknown>;
const errorsOf = (body: Body): { message: string; extensions: Record<string, unknown> }[] =>
  (body['errors'] as { message: string; extensions: Record<string, unknown> }[] | undefined) ?? [];
const costOf = (body: Body): Record<string, unknown> | undefined =>
  (body['extensions'] as { cost?: Record<string, unknown> } | undefined)?.cost;

describe('cost model, default budgets', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await startTestApp({ env: { LOG_LEVEL: 'silent' }, captureLogs: true });
  });
  afterAll(() => h.close());

  it('reports the cost of an accepted operation: requested, budget, limit, remaining, reset time', async () => {
    const before = Date.now();
    const { status, body } = await h.post({ query: '{ sanctions(first: 10) { id } }' }, bearer(await createTestKey('VIEWER')));
    expect(status).toBe(200);
    expect(body['errors']).toBeUndefined();
    // statement 1 + 10 sanctions x (object 1 + id 1)
    expect(costOf(body)).toEqual({
      requested: 21,
      budget: 50_000,
      limit: 500_000,
      remaining: 500_000 - 21,
      resetAt: expect.any(String) as string,
      windowSeconds: 60,
    });
    // The bucket refills 500000 points per minute: 21 points are back within a few milliseconds.
    const resetAt = Date.parse(String(costOf(body)?.['resetAt']));
    expect(resetAt).toBeGreaterThanOrEqual(before);
    expect(resetAt).toBeLessThan(Date.now() + 1000);
  });

  it('refuses the two requests that froze Neo4j (15 aliases of an indirect sanctionedBy): 400, cost and budget, 0 statements', async () => {
    const aliases = (fields: string): string =>
      `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: sanctionedBy(actorId: "united-states", includeIndirect: true) { ${fields} }`).join(' ')} }`;
    for (const query of [aliases('sanction { id }'), aliases('sanction { id } target { id name } targetChain { id }')]) {
      let res = { status: 0, body: {} as Body };
      const statements = await h.statementsDuring(async () => {
        res = await h.post({ query });
      });
      expect({ status: res.status, code: firstCode(res.body), statements }).toEqual({
        status: 400,
        code: 'COST_LIMIT_EXCEEDED',
        statements: 0,
      });
      expect(res.body['data']).toBeUndefined();
      const [error] = errorsOf(res.body);
      expect(Object.keys(error?.extensions ?? {}).sort()).toEqual(['budget', 'code', 'cost']);
      expect(error?.extensions['budget']).toBe(50_000);
      expect(error?.extensions['cost']).toBeGreaterThan(100_000);
      // The message names no figure; the figures are in extensions.
      expect(error?.message).not.toMatch(/\d/);
    }
    // One of them alone is accepted and answered.
    const one = await h.post({ query: '{ sanctionedBy(actorId: "united-states", includeIndirect: true) { sanction { id } } }' });
    expect(one.status).toBe(200);
    expect(one.body['errors']).toBeUndefined();
    expect(costOf(one.body)?.['requested']).toBeLessThan(50_000 / 4);
  });
});

describe('per-caller budgets over a window', () => {
  let h: TestApp;
  let now = 1_700_000_000_000;
  let key = '';
  beforeAll(async () => {
    key = await createTestKey('VIEWER');
    h = await startTestApp({
      env: { LOG_LEVEL: 'silent', LIMIT_MAX_COST: '100', RATE_LIMIT_POINTS: '100', RATE_LIMIT_WINDOW_MS: '60000' },
      captureLogs: true,
      clock: () => now,
    });
  });
  afterAll(() => h.close());

  // Costs 21 points (see above): four fit in 100, the fifth does not.
  const QUERY = { query: '{ sanctions(first: 10) { id } }' };

  it('answers 429 RATE_LIMITED with Retry-After once the window budget is spent, before any database work, and recovers', async () => {
    for (let i = 0; i < 4; i += 1) {
      const ok = await h.post(QUERY);
      expect({ status: ok.status, remaining: costOf(ok.body)?.['remaining'] }).toEqual({ status: 200, remaining: 100 - 21 * (i + 1) });
    }
    let refused = { status: 0, headers: new Headers(), body: {} as Body };
    const statements = await h.statementsDuring(async () => {
      refused = await h.post(QUERY);
    });
    // 16 points left, 21 needed: 5 points at 100 per 60 s come back in 3 s.
    expect({ status: refused.status, retryAfter: refused.headers.get('retry-after'), statements }).toEqual({
      status: 429,
      retryAfter: '3',
      statements: 0,
    });
    expect(refused.body['data']).toBeUndefined();
    expect(errorsOf(refused.body)[0]?.extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 3,
      cost: 21,
      limit: 100,
      remaining: 16,
    });

    // Another caller (a verified API key) has its own budget.
    expect((await h.post(QUERY, bearer(key))).status).toBe(200);

    // Not yet: 2.9 s later the points are not back.
    now += 2_900;
    expect((await h.post(QUERY)).status).toBe(429);
    now += 100;
    const back = await h.post(QUERY);
    expect({ status: back.status, remaining: costOf(back.body)?.['remaining'] }).toEqual({ status: 200, remaining: 0 });
  });
});
