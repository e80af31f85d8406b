/**
 * Honest readiness (issue 12, items 5 and 10): with Neo4j frozen (SIGSTOP, so its sockets stay open and
 * silent), `/readyz` answers 503 within 1.5 s, with a warm pool and with a cold one, and 200 again once
 * Neo4j resumes; `/healthz` never waits. Freezes the test Neo4j that the global setup started; skipped
 * when NEO4J_URI names an outside database, which this test must not stop.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_NEO4J_DIR } from '../support/test-env.js';

const ownsDatabase = existsSync(path.join(TEST_NEO4J_DIR, 'started-by-tests'));
/** The bound the issue sets: a balancer must learn of a hung database within 1.5 s. */
const BOUND_MS = 1500;

/** GETs a path and times it; a request that has not answered after 10 s is aborted and counts as such. */
async function timed(t: TestApp, route: string): Promise<{ status: number | 'no answer'; ms: number }> {
  const started = Date.now();
  try {
    const res = await fetch(`${t.app.url.replace(/\/graphql$/, '')}${route}`, { signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    return { status: res.status, ms: Date.now() - started };
  } catch {
    return { status: 'no answer', ms: Date.now() - started };
  }
}

/** Repeats `check` until it holds, up to `timeoutMs`. */
async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

(ownsDatabase ? describe : describe.skip)('/readyz with a frozen database', () => {
  let warm: TestApp;
  let cold: TestApp;
  beforeAll(async () => {
    warm = await startTestApp();
    cold = await startTestApp();
  });
  afterAll(async () => {
    await warm.close();
    await cold.close();
  });

  it('answers 503 within 1.5 s with a warm pool and a cold one, and 200 once Neo4j resumes', async () => {
    // Warm: the request pool and the probe both hold open connections to Neo4j before it freezes.
    const queries = await Promise.all(
      Array.from({ length: 4 }, () => warm.gql<{ actor: { name: string } }>('{ actor(id: "china") { name } }')),
    );
    expect(queries.map((q) => q.data?.actor.name)).toEqual(['China', 'China', 'China', 'China']);
    expect((await timed(warm, '/readyz')).status).toBe(200);

    const pid = Number(readFileSync(path.join(TEST_NEO4J_DIR, 'neo4j.pid'), 'utf8').trim());
    process.kill(pid, 'SIGSTOP');
    let frozen: Record<string, { status: number | 'no answer'; ms: number }>;
    try {
      // Probes in a row and at once: none may wait behind a connection an earlier probe left hanging.
      const [warmFirst, coldFirst, healthz] = await Promise.all([timed(warm, '/readyz'), timed(cold, '/readyz'), timed(warm, '/healthz')]);
      const warmSecond = await timed(warm, '/readyz');
      const coldSecond = await timed(cold, '/readyz');
      frozen = { warmFirst, coldFirst, warmSecond, coldSecond, healthz };
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    process.stdout.write(`readiness with Neo4j frozen: ${JSON.stringify(frozen)}\n`);
    for (const name of ['warmFirst', 'coldFirst', 'warmSecond', 'coldSecond']) {
      expect({ name, status: frozen[name]?.status }).toEqual({ name, status: 503 });
      expect(frozen[name]?.ms).toBeLessThan(BOUND_MS);
    }
    expect(frozen['healthz']?.status).toBe(200);

    // Resumed: ready again, and queries are answered (the hung connections did not poison the pools).
    await waitFor(async () => (await timed(warm, '/readyz')).status === 200 && (await timed(cold, '/readyz')).status === 200, 30_000);
    await waitFor(
      async () => (await warm.gql<{ actor: { name: string } }>('{ actor(id: "china") { name } }')).data?.actor.name === 'China',
      30_000,
    );
  }, 90_000);
});
