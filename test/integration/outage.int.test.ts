/**
 * The database goes away under load and comes back: readiness turns 503 within seconds, requests fail
 * fast with SERVICE_UNAVAILABLE, the process stays up, and it recovers without a restart. Runs against
 * the test Neo4j that the global setup started (it stops and restarts it); skipped when NEO4J_URI names
 * an outside database, which this test must not stop.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import { startLocalNeo4j, stopLocalNeo4j } from '../../neo4j/local-neo4j.js';
import { parseConfig } from '../../src/config/config.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_NEO4J_DIR, testEnv } from '../support/test-env.js';

const ownsDatabase = existsSync(path.join(TEST_NEO4J_DIR, 'started-by-tests'));
const QUERY = '{ actor(id: "china") { name } }';

interface Sample {
  at: number;
  ms: number;
  ok: boolean;
  code: string | undefined;
}

(ownsDatabase ? describe : describe.skip)('database outage and recovery', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { NEO4J_ACQUISITION_TIMEOUT_MS: '2000', NEO4J_MAX_RETRY_TIME_MS: '1000', NEO4J_TX_TIMEOUT_MS: '3000' } });
  });
  afterAll(() => t.close());

  async function probe(): Promise<Sample> {
    const started = Date.now();
    const res = await t.gql<{ actor: { name: string } | null }>(QUERY);
    return { at: started, ms: Date.now() - started, ok: res.data?.actor?.name === 'China', code: res.errors?.[0]?.extensions?.code };
  }

  async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (await check()) return Date.now() - started;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`condition not met within ${timeoutMs} ms`);
  }

  it('fails fast while Neo4j is down and recovers without a restart', async () => {
    expect((await probe()).ok).toBe(true);
    // Background load during the whole fault: 4 closed loops.
    const samples: Sample[] = [];
    let running = true;
    const loops = Array.from({ length: 4 }, async () => {
      while (running) samples.push(await probe());
    });

    const stopAt = Date.now();
    await stopLocalNeo4j(TEST_NEO4J_DIR, () => undefined);
    const stopped = Date.now();
    const toNotReady = await waitFor(async () => (await t.get('/readyz')).status === 503, 5000);

    const during = await probe();
    expect(during.ok).toBe(false);
    expect(during.code).toBe('SERVICE_UNAVAILABLE');
    expect(during.ms).toBeLessThan(5000);
    expect((await t.get('/healthz')).status).toBe(200);
    // Stay down until the load has seen the database dead (not stopping or starting): several requests
    // begun and refused while it was down. Waiting on that, not on a fixed time, holds on a slow machine.
    const refusedWhileDown = (): number => samples.filter((s) => s.at > stopped && !s.ok).length;
    await waitFor(async () => refusedWhileDown() >= 8, 60_000);

    const config = parseConfig(testEnv());
    const restartBegan = Date.now();
    await startLocalNeo4j({ ...config.localNeo4j, log: () => undefined });
    const restarted = Date.now();
    const toReady = await waitFor(async () => (await t.get('/readyz')).status === 200, 30_000);
    const toRecovered = await waitFor(async () => (await probe()).ok, 30_000);
    running = false;
    await Promise.all(loops);

    const faultSamples = samples.filter((s) => s.at >= stopAt && s.at < restarted);
    const failures = faultSamples.filter((s) => !s.ok);
    expect(failures.length).toBeGreaterThan(0);
    // Every failure carried a stable code and came back within 5 s: no hang, no masked crash. Queries
    // caught inside Neo4j's own shutdown or start-up end by the client deadline (TIMEOUT); while it is
    // down, every request is refused at once (SERVICE_UNAVAILABLE).
    const codes = new Set(failures.map((s) => s.code ?? 'none'));
    expect([...codes].filter((c) => c !== 'SERVICE_UNAVAILABLE' && c !== 'TIMEOUT')).toEqual([]);
    expect(Math.max(...failures.map((s) => s.ms))).toBeLessThan(5000);
    const afterDown = failures.filter((s) => s.at > stopped && s.at + s.ms < restartBegan);
    expect(afterDown.length).toBeGreaterThanOrEqual(8);
    expect([...new Set(afterDown.map((s) => s.code))]).toEqual(['SERVICE_UNAVAILABLE']);
    const firstError = failures[0]!.at + failures[0]!.ms - stopAt;
    const after = samples.filter((s) => s.at >= restarted + toRecovered);
    expect(after.every((s) => s.ok)).toBe(true);
    process.stdout.write(
      `outage figures: neo4j stop took ${stopped - stopAt} ms; first error ${firstError} ms after stop began; ` +
        `/readyz 503 ${toNotReady} ms after stop; ${faultSamples.length} requests during the fault, ${failures.length} failed ` +
        `(${[...codes].join(', ')}; slowest ${Math.max(...failures.map((s) => s.ms))} ms); /readyz 200 ${toReady} ms and queries ok ${toRecovered} ms after Neo4j was back\n`,
    );
  }, 180_000);
});
