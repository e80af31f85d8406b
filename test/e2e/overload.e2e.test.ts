/**
 * Admission control (issue 12, item 4; RELIABILITY checklist 32, 33): past the bound on concurrent
 * transactions and its short queue, an operation is answered 503 OVERLOADED with Retry-After, never
 * SERVICE_UNAVAILABLE while the database is healthy; /healthz keeps answering within 100 ms meanwhile.
 */
import { spawn } from 'node:child_process';

import { cypher } from '../../src/graph/cypher/cypher-query.js';
import { expectWithinBound, summarise } from '../support/latency.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SLOW = cypher('testHoldTurn', 'UNWIND range(1, 1000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n');
const CHEAP = { query: '{ actor(id: "china") { name } }' };

/** Times one GET /healthz, in milliseconds. */
async function healthzMs(base: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${base}/healthz`);
  await res.text();
  if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
  return performance.now() - started;
}

describe('admission control, bounds reached on purpose', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await startTestApp({
      env: {
        LOG_LEVEL: 'silent',
        NEO4J_MAX_POOL_SIZE: '4',
        ADMISSION_MAX_CONCURRENT: '1',
        ADMISSION_MAX_QUEUE: '0',
        ADMISSION_QUEUE_TIMEOUT_MS: '1000',
        NEO4J_TX_TIMEOUT_MS: '2000',
      },
      captureLogs: true,
    });
  });
  afterAll(() => h.close());

  it('answers 503 OVERLOADED with Retry-After and no data while every turn is taken, then recovers', async () => {
    // The app's own client holds the only turn with a statement that runs until its timeout.
    const holder = h.graph.read(SLOW).catch((error: unknown) => error);
    while (h.graph.admissionStats().active === 0) await new Promise((r) => setImmediate(r));
    const refused = await h.post(CHEAP);
    expect({ status: refused.status, retryAfter: refused.headers.get('retry-after') }).toEqual({ status: 503, retryAfter: '1' });
    expect(refused.body).toEqual({
      errors: [{ message: expect.any(String) as string, extensions: { code: 'OVERLOADED', retryAfterSeconds: 1 } }],
      extensions: expect.anything() as unknown,
    });
    await holder;
    const ok = await h.post(CHEAP);
    expect({ status: ok.status, data: ok.body['data'] }).toEqual({ status: 200, data: { actor: { name: 'China' } } });
  });
});

describe('500 concurrent connections on a healthy database', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await startTestApp({ env: { LOG_LEVEL: 'silent' }, captureLogs: true });
  });
  afterAll(() => h.close());

  it('answers only successes or 503 OVERLOADED with Retry-After, and /healthz within 100 ms meanwhile', async () => {
    const total = 2000;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/support/load-client.ts', h.url, '500', String(total), JSON.stringify(CHEAP)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    let running = true;
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => {
        running = false;
        resolve(code);
      }),
    );
    // Probe /healthz one request after the other for as long as the load runs.
    const probes: number[] = [];
    while (running) probes.push(await healthzMs(h.base));
    expect(await exited).toBe(0);
    const summary = JSON.parse(out) as { sent: number; durationMs: number; byOutcome: Record<string, number>; missingRetryAfter: number };
    process.stdout.write(`500 connections: ${JSON.stringify(summary)}; /healthz ms ${JSON.stringify(summarise(probes))}\n`);
    expect(summary.sent).toBe(total);
    expect(Object.keys(summary.byOutcome).filter((k) => k !== '200 ok' && k !== '503 OVERLOADED')).toEqual([]);
    expect(summary.byOutcome['200 ok'] ?? 0).toBeGreaterThan(0);
    expect(summary.missingRetryAfter).toBe(0);
    expectWithinBound(probes, 100);
  });
});
