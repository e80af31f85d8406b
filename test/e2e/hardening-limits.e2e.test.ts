/**
 * Operation limits (RELIABILITY checklist 1-8, 16): every rejection is a 4xx with a stable code, names no
 * limit value, and reaches no database (statements counted at the GraphClient boundary).
 */
import { firstCode, startTestApp, type TestApp } from '../support/test-app.js';

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp({ env: { LOG_LEVEL: 'silent' }, captureLogs: true });
});
afterAll(() => h.close());

/** `actor { relationships { edges { other { relationships ... } } } }`, `levels` times: depth 3 per level + 2. */
function deepQuery(levels: number): string {
  let inner = 'id';
  for (let i = 0; i < levels; i += 1) inner = `relationships(first: 1) { edges { other { ${inner} } } }`;
  return `{ actor(id: "china") { ${inner} } }`;
}

/** Limit values are never disclosed: the message holds no number. */
function expectNoLimitValues(body: Record<string, unknown>): void {
  const messages = ((body['errors'] as { message: string }[] | undefined) ?? []).map((e) => e.message).join(' ');
  expect(messages).not.toMatch(/\d/);
}

async function rejected(query: string, expectedCode: string, expectedStatus = 400): Promise<Record<string, unknown>> {
  let body: Record<string, unknown> = {};
  let status = 0;
  const statements = await h.statementsDuring(async () => {
    ({ status, body } = await h.post({ query }));
  });
  expect({ status, code: firstCode(body), statements }).toEqual({ status: expectedStatus, code: expectedCode, statements: 0 });
  expect(body['data']).toBeUndefined();
  expectNoLimitValues(body);
  return body;
}

describe('operation limits, before any database work', () => {
  it('rejects a 20-deep query (400 GRAPHQL_VALIDATION_FAILED, 0 statements) and accepts a 12-deep one', async () => {
    await rejected(deepQuery(6), 'GRAPHQL_VALIDATION_FAILED'); // depth 20
    const ok = await h.post({ query: deepQuery(3) }); // depth 11
    expect(ok.status).toBe(200);
    expect(ok.body['errors']).toBeUndefined();
  });

  it('caps aliases: 16 rejected, 15 accepted', async () => {
    const aliased = (n: number): string => `{ ${Array.from({ length: n }, (_, i) => `a${i}: apiVersion`).join(' ')} }`;
    await rejected(aliased(16), 'GRAPHQL_VALIDATION_FAILED');
    const ok = await h.post({ query: aliased(15) });
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body['data'] as object)).toHaveLength(15);
  });

  it('caps directives per operation: 11 rejected, 10 accepted', async () => {
    // The same field selected n times, each with one directive (a directive may appear once per location).
    const directed = (n: number): string => `{ ${'apiVersion @include(if: true) '.repeat(n)}}`;
    await rejected(directed(11), 'GRAPHQL_VALIDATION_FAILED');
    const ok = await h.post({ query: directed(10) });
    expect(ok.status).toBe(200);
    expect(ok.body['data']).toEqual({ apiVersion: expect.any(String) as string });
  });

  it('rejects a fragment fan-out of 10^6 fields (cost), 0 statements, with the cost and budget in extensions', async () => {
    // F0 spreads F1 ten times, ..., F6 holds one field: 10^6 fields once expanded, a few hundred tokens.
    const fragments = Array.from({ length: 7 }, (_, i) =>
      i === 6 ? 'fragment F6 on Actor { id }' : `fragment F${i} on Actor { ${`...F${i + 1} `.repeat(10)}}`,
    );
    const body = await rejected(`{ actor(id: "china") { ...F0 } } ${fragments.join(' ')}`, 'COST_LIMIT_EXCEEDED');
    // The computed cost and the budget, nothing of the per-field table.
    expect((body['errors'] as { extensions: unknown }[])[0]?.extensions).toEqual({
      code: 'COST_LIMIT_EXCEEDED',
      cost: 1_000_002,
      budget: 50_000,
    });
  });

  it('rejects cyclic fragments with 400', async () => {
    await rejected(
      '{ actor(id: "china") { ...A } } fragment A on Actor { ...B } fragment B on Actor { ...A }',
      'GRAPHQL_VALIDATION_FAILED',
    );
  });

  it('answers a token flood with 400 GRAPHQL_PARSE_FAILED (never 5xx) without the limit in the message', async () => {
    // 60 KB of tokens, under the body limit.
    await rejected(`{ ${'apiVersion '.repeat(5000)}}`, 'GRAPHQL_PARSE_FAILED');
    await rejected(`{ apiVersion ${'@skip(if: false) '.repeat(3000)}}`, 'GRAPHQL_PARSE_FAILED');
  });

  it('refuses pathological nesting before parsing: 400 GRAPHQL_PARSE_FAILED "nested too deeply", over POST and GET', async () => {
    const documents: Record<string, (depth: number) => string> = {
      list: (d) => `{ actors(first: 1) { totalCount } search(text: ${'['.repeat(d)}${']'.repeat(d)}) { score } }`,
      object: (d) => `{ paths(from: ${'{a:'.repeat(d)}1${'}'.repeat(d)}) { length } }`,
      selection: (d) => `${'{a'.repeat(d)}${'}'.repeat(d)}`,
      getMutation: (d) => `mutation { a(x: ${'['.repeat(d)}${']'.repeat(d)}) }`,
    };
    const answers: Record<string, unknown>[] = [];
    const statements = await h.statementsDuring(async () => {
      for (const [name, document] of Object.entries(documents)) {
        // About 5 KB and under the token limit: the parser would overflow its stack on the list and the
        // object literal.
        if (name !== 'getMutation') {
          const { status, body } = await h.post({ query: document(name === 'selection' ? 1250 : 2500) });
          answers.push({ name, via: 'POST', status, body });
        }
        // GET runs the mutation-over-GET check, which parses too, before Apollo does. Shallower, so that
        // the URL stays under Node's 16 KB header limit.
        const url = `${h.url}?query=${encodeURIComponent(document(1000))}`;
        const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
        answers.push({ name, via: 'GET', status: res.status, body: await res.json() });
      }
    });
    expect(statements).toBe(0);
    expect(answers).toHaveLength(7);
    for (const answer of answers) {
      expect(answer).toEqual({
        ...answer,
        status: 400,
        body: { errors: [{ message: 'Syntax Error: the document is nested too deeply.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] },
      });
    }
    expect(JSON.stringify(answers)).not.toMatch(/call stack/i);
  });

  it('lets ordinary nesting through to validation and execution', async () => {
    const { status, body } = await h.post({ query: deepQuery(3) });
    expect({ status, errors: body['errors'] }).toEqual({ status: 200, errors: undefined });
  });

  it('keeps ordinary syntax errors at 400 GRAPHQL_PARSE_FAILED', async () => {
    const { status, body } = await h.post({ query: '{ actor(id: "china") { name }' });
    expect({ status, code: firstCode(body) }).toEqual({ status: 400, code: 'GRAPHQL_PARSE_FAILED' });
  });

  it('rejects first: 99999999 with BAD_USER_INPUT and the allowed range, 0 statements', async () => {
    let res = { status: 0, body: {} as Record<string, unknown> };
    const statements = await h.statementsDuring(async () => {
      res = await h.post({ query: '{ actors(first: 99999999) { totalCount } }' });
    });
    expect(statements).toBe(0);
    expect(firstCode(res.body)).toBe('BAD_USER_INPUT');
    expect((res.body['errors'] as { message: string }[])[0]?.message).toMatch(/between 1 and 100/);
  });
});
