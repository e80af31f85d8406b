/**
 * The database boundary (RELIABILITY checklist 20, 21, 24): every transaction ends by its timeout with
 * TIMEOUT; a memory-heavy statement is attempted once and maps to a clean code; thousands of requests with
 * failures mixed in leave the connection pool healthy.
 */
import { parseConfig } from '../../src/config/config.js';
import { AppError } from '../../src/errors/app-error.js';
import { byteBudget } from '../../src/graph/byte-budget.js';
import { cypher } from '../../src/graph/cypher/cypher-query.js';
import { CLIENT_DEADLINE_MARGIN_MS, GraphClient } from '../../src/graph/graph-client.js';
import { startTestApp } from '../support/test-app.js';
import { testEnv } from '../support/test-env.js';

const SLOW = cypher('testSlow', 'UNWIND range(1, 1000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n');
const HEAVY = cypher('testHeavy', 'UNWIND range(1, 50000000) AS x RETURN collect(x) AS xs');
const WRITE_SLOW = cypher('testWriteSlow', 'UNWIND range(1, 1000000000) AS x WITH x WHERE x < 0 CREATE (:Never) RETURN count(x) AS n');

async function failure(work: Promise<unknown>): Promise<{ code: string | undefined; error: unknown }> {
  try {
    await work;
  } catch (error) {
    return { code: error instanceof AppError ? error.code : undefined, error };
  }
  throw new Error('expected a failure');
}

describe('GraphClient against the real Neo4j', () => {
  let graph: GraphClient;
  let statements: string[];
  beforeAll(() => {
    graph = GraphClient.connect(parseConfig(testEnv({ NEO4J_TX_TIMEOUT_MS: '1000' })).neo4j);
    graph.onStatement((q) => statements.push(q.name));
  });
  beforeEach(() => {
    statements = [];
  });
  afterAll(() => graph.close());

  it('reads and writes with the stack capture off for the driver only: Error.stackTraceLimit is restored, a failed statement still fails', async () => {
    const before = Error.stackTraceLimit;
    const rows = await graph.read<{ one: number }>(cypher('testOne', 'RETURN 1 AS one'));
    expect(rows.map((r) => Number(r.one))).toEqual([1]);
    await graph.write(cypher('testWriteNothing', 'RETURN 1 AS one'));
    expect(Error.stackTraceLimit).toBe(before);
    const { error } = await failure(graph.read(cypher('testBadSyntax', 'RETURN nope(')));
    expect(error).toBeInstanceOf(Error);
    expect(Error.stackTraceLimit).toBe(before);
    // Our own errors keep their stacks.
    expect(new Error('ours').stack?.split('\n').length).toBeGreaterThan(1);
  });

  it('stops a slow read at the transaction timeout with TIMEOUT, attempted once', async () => {
    const started = Date.now();
    const { code } = await failure(graph.read(SLOW));
    const ms = Date.now() - started;
    expect(code).toBe('TIMEOUT');
    expect(statements).toEqual(['testSlow']);
    // Never before the 1 s timeout; after it, stopped by Neo4j or at worst by the client deadline (the
    // bound below is that deadline with room for a loaded machine, not a speed measurement).
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(1000 + CLIENT_DEADLINE_MARGIN_MS + 5000);
  });

  it('answers SERVICE_UNAVAILABLE when no connection frees up in time (pool exhausted, no admission gate), not a masked error', async () => {
    // Scripts may use a client without an admission gate; the driver's own acquisition timeout then applies.
    const options = parseConfig(
      testEnv({
        NEO4J_MAX_POOL_SIZE: '2',
        ADMISSION_MAX_CONCURRENT: '1',
        NEO4J_ACQUISITION_TIMEOUT_MS: '500',
        NEO4J_TX_TIMEOUT_MS: '3000',
      }),
    ).neo4j;
    // config.neo4j carries no admission gate: the driver's pool of one is what runs out.
    const tiny = GraphClient.connect({ ...options, maxPoolSize: 1 });
    try {
      const sent: string[] = [];
      tiny.onStatement((q) => sent.push(q.name));
      const holder = failure(tiny.read(SLOW));
      // The slow statement has been sent: it holds the only connection.
      while (!sent.includes('testSlow')) await new Promise((r) => setImmediate(r));
      const { code } = await failure(tiny.read(cypher('testQuick', 'RETURN 1 AS one')));
      // A single read hands its statement to the driver at once (an auto-commit RUN), so the listener saw
      // it; it never reached Neo4j (no connection), and the failure is still told as the begin phase's.
      expect(code).toBe('SERVICE_UNAVAILABLE');
      expect(sent).toEqual(['testSlow', 'testQuick']);
      expect((await holder).code).toBe('TIMEOUT');
    } finally {
      await tiny.close();
    }
  });

  it('answers OVERLOADED, not SERVICE_UNAVAILABLE, when the admission bound is reached on a healthy database', async () => {
    const gated = GraphClient.fromConfig(
      parseConfig(
        testEnv({
          NEO4J_MAX_POOL_SIZE: '3',
          ADMISSION_MAX_CONCURRENT: '1',
          ADMISSION_MAX_QUEUE: '1',
          ADMISSION_QUEUE_TIMEOUT_MS: '300',
          NEO4J_TX_TIMEOUT_MS: '3000',
        }),
      ),
    );
    try {
      const holder = failure(gated.read(SLOW));
      // Wait until the slow read holds the only turn.
      while (gated.admissionStats().active === 0) await new Promise((r) => setImmediate(r));
      const started = Date.now();
      const queued = failure(gated.read(cypher('testQueued', 'RETURN 1 AS one')));
      // The queue (one place) is full: refused at once, without waiting for the deadline.
      const refused = await failure(gated.read(cypher('testRefused', 'RETURN 1 AS one')));
      expect(refused.code).toBe('OVERLOADED');
      expect((refused.error as AppError).extensions['retryAfterSeconds']).toBe(1);
      // The queued one waits out its deadline.
      expect((await queued).code).toBe('OVERLOADED');
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect((await holder).code).toBe('TIMEOUT');
      // The turn came back: the next statement runs.
      expect(await gated.read(cypher('testAfter', 'RETURN 1 AS one'))).toEqual([{ one: 1 }]);
      expect(gated.admissionStats()).toEqual({ active: 0, queued: 0 });
    } finally {
      await gated.close();
    }
  });

  it('abandons a statement whose records pass the byte budget and sends no later statement of the operation', async () => {
    const ROWS = cypher('testRows', 'UNWIND range(1, 100000) AS i RETURN i, "a forty-character string of filler text." AS text');
    const counter = { count: 0, bytes: byteBudget(50_000) };
    const { code } = await failure(graph.read(ROWS, {}, counter));
    expect(code).toBe('RESPONSE_TOO_LARGE');
    // Stopped after about 50 KB (a batch or so), not after the 5 MB of the whole answer.
    expect(counter.bytes.used).toBeLessThan(100_000);
    expect((await failure(graph.read(cypher('testAfterBudget', 'RETURN 1 AS one'), {}, counter))).code).toBe('RESPONSE_TOO_LARGE');
    expect(statements).toEqual(['testRows']);
    expect(counter.count).toBe(1);
    // Under the budget, records come back whole.
    expect(await graph.read(cypher('testSmall', 'UNWIND range(1, 3) AS i RETURN i'), {}, { count: 0, bytes: byteBudget(50_000) })).toEqual([
      { i: 1 },
      { i: 2 },
      { i: 3 },
    ]);
  });

  it('stops a slow write the same way', async () => {
    const { code } = await failure(graph.write(WRITE_SLOW));
    expect(code).toBe('TIMEOUT');
    expect(statements).toEqual(['testWriteSlow']);
  });

  it('attempts a memory-heavy statement once (no retry storm) and maps it to MEMORY_LIMIT_EXCEEDED', async () => {
    // A longer timeout than the other tests, so that the memory cap (128 MB per transaction), not the
    // clock, stops the statement.
    const roomy = GraphClient.connect(parseConfig(testEnv({ NEO4J_TX_TIMEOUT_MS: '20000' })).neo4j);
    roomy.onStatement((q) => statements.push(q.name));
    const { code, error } = await failure(roomy.read(HEAVY)).finally(() => roomy.close());
    // Neo4j marks the memory limit transient; the driver would retry it until maxTransactionRetryTime.
    expect({ code, statements }).toEqual({ code: 'MEMORY_LIMIT_EXCEEDED', statements: ['testHeavy'] });
    expect((error as AppError).message).not.toMatch(/\d/);
    // The database is fine afterwards.
    expect(await graph.read<{ one: number }>(cypher('testOne', 'RETURN 1 AS one'))).toEqual([{ one: 1 }]);
  });
});

/** Requests of the leak test; LEAK_REQUESTS=10000 runs the full count (about 75 s here). */
const total = Number(process.env['LEAK_REQUESTS'] ?? 3000);

describe('no session leaks', () => {
  it(
    `${total} requests with failures mixed in leave a 10-connection pool healthy`,
    async () => {
      // A small pool: one leaked session per few hundred requests would exhaust it, and requests would then
      // wait for a connection until the acquisition timeout and fail. 4 clients at a time, each holding at
      // most 2 sessions at once, never need more than 8 of the 10 connections without a leak.
      const t = await startTestApp({
        env: {
          NODE_ENV: 'development',
          NEO4J_MAX_POOL_SIZE: '10',
          ADMISSION_MAX_CONCURRENT: '8',
          NEO4J_ACQUISITION_TIMEOUT_MS: '2000',
          EXPOSE_ROUND_TRIPS: 'false',
        },
      });
      const kinds = [
        { query: '{ actor(id: "china") { name degree } }', expect: 'ok' },
        { query: '{ actor(id: "no-such-actor") { name } }', expect: 'ok' },
        { query: '{ actors(first: 0) { totalCount } }', expect: 'BAD_USER_INPUT' },
        { query: '{ actor(id: "china") { nope } }', expect: 'GRAPHQL_VALIDATION_FAILED' },
        { query: '{ paths(from: "china", to: "no-such-actor") { length } }', expect: 'NOT_FOUND' },
        { query: '{ actor(id: "china") { relationships(first: 5) { totalCount edges { other { name } } } } }', expect: 'ok' },
        { query: '{ search(text: "\\"((") { score } }', expect: 'any' },
        { query: '{ sanctions(where: { from: "not-a-date" }) { id } }', expect: 'BAD_USER_INPUT' },
      ] as const;
      const outcomes = new Map<string, number>();
      let next = 0;
      const started = Date.now();
      try {
        await Promise.all(
          Array.from({ length: 4 }, async () => {
            while (next < total) {
              const kind = kinds[next % kinds.length];
              next += 1;
              const res = await t.gql(kind?.query ?? '');
              const code = res.errors?.[0]?.extensions?.code ?? 'ok';
              if (code === 'INTERNAL_SERVER_ERROR') process.stdout.write(`INTERNAL: ${kind?.query} ${JSON.stringify(res.errors)}\n`);
              outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
              if (res.status >= 500) throw new Error(`5xx for ${kind?.query}`);
            }
          }),
        );
        const loadMs = Date.now() - started;
        const after = Date.now();
        const res = await t.gql<{ actor: { name: string } }>('{ actor(id: "china") { name } }');
        const afterMs = Date.now() - after;
        process.stdout.write(
          `leak test: ${total} requests in ${loadMs} ms (${Math.round((total * 1000) / loadMs)} req/s), outcomes ${JSON.stringify(
            Object.fromEntries(outcomes),
          )}; a normal query afterwards took ${afterMs} ms\n`,
        );
        expect(res.data?.actor.name).toBe('China');
        expect(outcomes.get('SERVICE_UNAVAILABLE') ?? 0).toBe(0);
        expect(outcomes.get('TIMEOUT') ?? 0).toBe(0);
        expect(outcomes.get('INTERNAL_SERVER_ERROR') ?? 0).toBe(0);
        // Two kinds in eight are bad argument values (a page size, a Date literal), one fails validation.
        expect(outcomes.get('BAD_USER_INPUT') ?? 0).toBeGreaterThanOrEqual(Math.floor(total / kinds.length) * 2);
        expect(outcomes.get('GRAPHQL_VALIDATION_FAILED') ?? 0).toBeGreaterThanOrEqual(Math.floor(total / kinds.length));
      } finally {
        await t.close();
      }
    },
    Math.max(60_000, total * 25),
  );
});
