/**
 * HTTP hardening (RELIABILITY checklist 9, 13-15) and observability: CSRF, mutations over GET, batching,
 * body size, security headers, CORS, and Prometheus metrics per app instance.
 */
import { firstCode, startTestApp, type TestApp } from '../support/test-app.js';

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp({ env: { LOG_LEVEL: 'silent', CORS_ORIGINS: 'https://app.example.org' }, captureLogs: true });
});
afterAll(() => h.close());

const get = (query: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${h.url}?query=${encodeURIComponent(query)}`, { headers });

describe('HTTP hardening', () => {
  it('CSRF: a GET without a preflight header and a text/plain POST are both 400, with 0 statements', async () => {
    const statements = await h.statementsDuring(async () => {
      const simpleGet = await get('{ actor(id: "china") { name } }');
      expect(simpleGet.status).toBe(400);
      expect(await simpleGet.text()).toMatch(/CSRF/);
      const textPost = await fetch(h.url, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ query: '{ actor(id: "china") { name } }' }),
      });
      expect(textPost.status).toBe(400);
    });
    expect(statements).toBe(0);
  });

  it('runs a query over GET with the preflight header', async () => {
    const res = await get('{ actor(id: "china") { name } }', { 'apollo-require-preflight': 'true' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ data: { actor: { name: 'China' } } });
  });

  it('answers a mutation (or subscription) over GET with 405 and allow: POST', async () => {
    for (const query of ['mutation { apiVersion }', 'subscription { apiVersion }', 'query Q { apiVersion } mutation M { x }']) {
      const op = query.includes('mutation M') ? '&operationName=M' : '';
      const res = await fetch(`${h.url}?query=${encodeURIComponent(query)}${op}`, { headers: { 'apollo-require-preflight': 'true' } });
      expect({ query, status: res.status, allow: res.headers.get('allow') }).toEqual({ query, status: 405, allow: 'POST' });
    }
  });

  it('refuses batched requests (JSON arrays) with 400', async () => {
    const { status, body } = await h.post([{ query: '{ apiVersion }' }, { query: '{ apiVersion }' }]);
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toMatch(/batching/i);
  });

  it('answers 413 for a body over 64 KB, declared or streamed', async () => {
    const big = JSON.stringify({ query: `{ apiVersion } # ${'x'.repeat(70_000)}` });
    const declared = await h.post(big);
    expect(declared.status).toBe(413);
    const streamed = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big));
          controller.close();
        },
      }),
      duplex: 'half',
    });
    expect(streamed.status).toBe(413);
  });

  it('sends security headers on every response', async () => {
    for (const res of [await h.post({ query: '{ apiVersion }' }), { headers: (await fetch(`${h.base}/healthz`)).headers }]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
    }
  });

  it('CORS: an allowed origin gets its preflight answered; any other origin gets 403 and no CORS headers', async () => {
    const preflight = (origin: string): Promise<Response> =>
      fetch(h.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight('https://app.example.org');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    expect(allowed.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('content-type');
    const other = await preflight('https://evil.example.com');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await h.post({ query: '{ apiVersion }' }, { origin: 'https://evil.example.com' });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('CORS default: no origin is allowed', async () => {
    const plain = await startTestApp({ env: { LOG_LEVEL: 'silent' }, captureLogs: true });
    try {
      const res = await fetch(plain.url, {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example.org', 'access-control-request-method': 'POST' },
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await plain.close();
    }
  });
});

describe('GET /metrics', () => {
  it('counts operations, latency, errors by code, round trips and statements, per app instance', async () => {
    const other = await startTestApp({ env: { LOG_LEVEL: 'silent' }, captureLogs: true });
    try {
      await other.post({ query: 'query MetricsProbe { actor(id: "china") { name } }' });
      await other.post({ query: 'query MetricsProbe { actor(id: "china") { name } }' });
      await other.post({ query: 'query MetricsBad { actors(first: 0) { totalCount } }' });
      await other.post({ query: '{ nope }' });
      const res = await fetch(`${other.base}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      const text = await res.text();
      const value = (pattern: RegExp): number => Number(pattern.exec(text)?.[1] ?? NaN);
      expect(value(/^graphql_operations_total\{operation="MetricsProbe",outcome="ok"\} (\d+)$/m)).toBe(2);
      expect(value(/^graphql_operations_total\{operation="MetricsBad",outcome="error"\} (\d+)$/m)).toBe(1);
      expect(value(/^graphql_errors_total\{code="BAD_USER_INPUT"\} (\d+)$/m)).toBe(1);
      expect(value(/^graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} (\d+)$/m)).toBe(1);
      expect(value(/^graphql_operation_duration_seconds_count\{operation="MetricsProbe"\} (\d+)$/m)).toBe(2);
      expect(value(/^graphql_operation_round_trips_sum\{operation="MetricsProbe"\} (\d+)$/m)).toBe(2);
      expect(value(/^neo4j_statements_total\{statement="findActorsByIds"\} (\d+)$/m)).toBe(2);
      expect(value(/^graphql_operations_in_flight (\d+)$/m)).toBe(0);
      expect(value(/^neo4j_pool_max_size (\d+)$/m)).toBe(100);
      expect(text).toMatch(/^process_cpu_user_seconds_total /m);
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
      // The first app's registry did not see the second app's operations.
      const first = await (await fetch(`${h.base}/metrics`)).text();
      expect(first).not.toContain('MetricsProbe');
    } finally {
      await other.close();
    }
  });

  it('bounds operation-name labels: odd names are reported as "other"', async () => {
    await h.post({ query: 'query Fine { apiVersion }', operationName: 'Fine' });
    const { body } = await h.post({ query: '{ apiVersion }', operationName: 'x'.repeat(200) });
    expect(firstCode(body)).toBe('OPERATION_RESOLUTION_FAILURE');
    const text = await (await fetch(`${h.base}/metrics`)).text();
    expect(text).not.toContain('x'.repeat(100));
  });
});
