/**
 * Errors in production mode (RELIABILITY checklist 10-12): unexpected errors are masked and logged in
 * full with the request id; known codes pass; no field suggestions; introspection off unless enabled.
 */
import type { GraphRepository } from '../../src/graph/graph-repository.js';
import { firstCode, startTestApp, type TestApp } from '../support/test-app.js';

const SECRET = 'connect to bolt://neo4j:hunter2@db.internal:7687 failed';

/** A repository whose actor lookup fails like a bug or a leaking driver message would. */
function failingRepository(repo: GraphRepository): GraphRepository {
  const actors = Object.create(repo.actors) as GraphRepository['actors'];
  actors.findByIds = () => Promise.reject(new Error(SECRET));
  return Object.assign(Object.create(repo) as GraphRepository, { actors });
}

describe('production mode', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await startTestApp({ env: { NODE_ENV: 'production' }, captureLogs: true, wrapRepository: failingRepository });
  });
  afterAll(() => h.close());

  it('masks a resolver failure holding a URI and password; the log keeps it with the request id', async () => {
    const { status, headers, body } = await h.post(
      { query: 'query Lookup { actor(id: "china") { name } }' },
      { 'x-request-id': 'req-mask-1' },
    );
    expect(status).toBe(200);
    expect(headers.get('x-request-id')).toBe('req-mask-1');
    expect(body['errors']).toEqual([
      {
        message: 'Internal server error',
        path: ['actor'],
        locations: [{ line: 1, column: 16 }],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/hunter2|bolt:|stack/);

    const logged = h.logs.filter((line) => line['requestId'] === 'req-mask-1');
    const unexpected = logged.find((line) => line['msg'] === 'unexpected error') as { err: { message: string; stack: string } } | undefined;
    expect(unexpected?.err.message).toBe(SECRET);
    expect(unexpected?.err.stack).toContain('hardening-errors.e2e.test.ts');
    const operation = logged.find((line) => line['msg'] === 'operation');
    expect(operation).toMatchObject({ requestId: 'req-mask-1', operationName: 'Lookup', errorCodes: ['INTERNAL_SERVER_ERROR'] });
    expect(typeof operation?.['durationMs']).toBe('number');
    expect(operation?.['roundTrips']).toBe(0);
  });

  it('keeps known codes: BAD_USER_INPUT passes with its message', async () => {
    const { body } = await h.post({ query: '{ actors(first: 0) { totalCount } }' });
    expect(firstCode(body)).toBe('BAD_USER_INPUT');
    expect((body['errors'] as { message: string }[])[0]?.message).toMatch(/first must be between/);
  });

  it('gives no "Did you mean" suggestions', async () => {
    const { status, body } = await h.post({ query: '{ actor(id: "china") { nam } }' });
    expect({ status, code: firstCode(body) }).toEqual({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(JSON.stringify(body)).not.toContain('Did you mean');
  });

  it('refuses introspection by default', async () => {
    const { status, body } = await h.post({ query: '{ __schema { queryType { name } } }' });
    expect({ status, code: firstCode(body) }).toEqual({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
  });
});

describe('production mode with INTROSPECTION=true', () => {
  it('allows introspection', async () => {
    const h = await startTestApp({ env: { NODE_ENV: 'production', INTROSPECTION: 'true', LOG_LEVEL: 'silent' }, captureLogs: true });
    try {
      const { status, body } = await h.post({ query: '{ __schema { queryType { name } } }' });
      expect(status).toBe(200);
      expect(body['data']).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await h.close();
    }
  });
});

describe('development mode, for contrast', () => {
  it('suggests field names (so the production test above can fail)', async () => {
    const h = await startTestApp({ env: { NODE_ENV: 'development', LOG_LEVEL: 'silent' }, captureLogs: true });
    try {
      const { body } = await h.post({ query: '{ actor(id: "china") { nam } }' });
      expect(JSON.stringify(body)).toContain('Did you mean');
    } finally {
      await h.close();
    }
  });
});

describe('a malformed Date', () => {
  it('gets 400 BAD_USER_INPUT inline and as a variable alike, with the same message', async () => {
    const h = await startTestApp({ env: { NODE_ENV: 'production', LOG_LEVEL: 'silent' }, captureLogs: true });
    try {
      const inline = await h.post({ query: '{ actor(id: "china") { roles(asOf: "0000-02-30") { id } } }' });
      const variable = await h.post({
        query: 'query ($d: Date) { actor(id: "china") { roles(asOf: $d) { id } } }',
        variables: { d: '0000-02-30' },
      });
      const summary = (r: { status: number; body: Record<string, unknown> }) => ({ status: r.status, code: firstCode(r.body) });
      expect([summary(inline), summary(variable)]).toEqual([
        { status: 400, code: 'BAD_USER_INPUT' },
        { status: 400, code: 'BAD_USER_INPUT' },
      ]);
      const message = (r: { body: Record<string, unknown> }) => (r.body['errors'] as { message: string }[])[0]?.message;
      expect(message(inline)).toBe('Date must be a calendar date in YYYY-MM-DD form, such as "2021-12-10"');
      expect(message(variable)).toContain('Date must be a calendar date in YYYY-MM-DD form');
      // Years 0-99 are dates like any other.
      const early = await h.post({ query: '{ actor(id: "china") { roles(asOf: "0050-06-15") { id } } }' });
      expect({ status: early.status, errors: early.body['errors'] }).toEqual({ status: 200, errors: undefined });
    } finally {
      await h.close();
    }
  });
});
