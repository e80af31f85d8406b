/**
 * The bundled Neo4j's memory budget (issue 12, item 1): the per-transaction cap and the total budget of
 * all transactions are in force, the total stays below the heap, and a transaction past either is refused
 * with MEMORY_LIMIT_EXCEEDED while the database keeps answering. Skipped when NEO4J_URI names an outside
 * database, whose settings are its operator's.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import { parseConfig } from '../../src/config/config.js';
import { AppError } from '../../src/errors/app-error.js';
import { cypher } from '../../src/graph/cypher/cypher-query.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import { TEST_NEO4J_DIR, testEnv } from '../support/test-env.js';

const ownsDatabase = existsSync(path.join(TEST_NEO4J_DIR, 'started-by-tests'));

const MEMORY_SETTINGS = cypher(
  'testMemorySettings',
  `SHOW SETTINGS YIELD name, value WHERE name IN ['db.memory.transaction.max', 'dbms.memory.transaction.total.max'] RETURN name, value`,
);
// Transaction state of about 90 MiB by Neo4j's own estimate (30,000 nodes with a 1,000-character
// property; measured 2026-12 on 5.26.30): under the 128 MiB cap, and 6 of them pass the 512 MiB budget.
const HOLD_MEMORY = cypher('testHoldMemory', 'UNWIND range(1, 30000) AS i CREATE (:MemoryBudgetProbe {i: i, s: $s})');
const ONE = cypher('testOne', 'RETURN 1 AS one');

(ownsDatabase ? describe : describe.skip)('memory budget of the bundled Neo4j', () => {
  const config = parseConfig(testEnv());
  let graph: GraphClient;
  beforeAll(() => {
    graph = GraphClient.connect(config.neo4j);
  });
  afterAll(() => graph.close());

  it('runs with the configured per-transaction cap and a total budget below the heap', async () => {
    const rows = await graph.read<{ name: string; value: string }>(MEMORY_SETTINGS);
    const settings = Object.fromEntries(rows.map((r) => [r.name, r.value]));
    const { txMemoryMb, txTotalMemoryMb, heapMb } = config.localNeo4j;
    expect(settings).toEqual({
      'db.memory.transaction.max': `${txMemoryMb}.00MiB`,
      'dbms.memory.transaction.total.max': `${txTotalMemoryMb}.00MiB`,
    });
    expect(txTotalMemoryMb).toBeLessThan(heapMb);
  });

  it('refuses transactions past the total budget with MEMORY_LIMIT_EXCEEDED, and Neo4j keeps answering', async () => {
    // Eight transactions, opened one after another, hold their state open together, each under its own
    // cap: together they pass the budget, so the later ones must be refused. (Started all at once, they
    // would grow side by side and all be refused together.)
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held = 0;
    const attempts: Promise<string>[] = [];
    for (let i = 0; i < 8; i += 1) {
      let tried: () => void = () => undefined;
      const triedOnce = new Promise<void>((resolve) => {
        tried = resolve;
      });
      const attempt = graph
        .writeTransaction(
          async (run) => {
            try {
              await run(HOLD_MEMORY, { s: 'x'.repeat(1000) });
              held += 1;
            } finally {
              tried();
            }
            await gate;
            // Rolls the transaction back: the test leaves no data.
            throw new Error('rollback');
          },
          undefined,
          { timeoutMs: 60_000 },
        )
        .then(
          () => 'committed',
          (error: unknown) => (error instanceof AppError ? error.code : (error as Error).message),
        );
      attempts.push(attempt);
      await Promise.race([triedOnce, attempt]);
    }
    // While the budget is spent, Neo4j still answers a trivial query at once.
    const started = Date.now();
    expect(await graph.read(ONE)).toEqual([{ one: 1 }]);
    const pingMs = Date.now() - started;
    release();
    const outcomes = await Promise.all(attempts);
    const refused = outcomes.filter((o) => o === 'MEMORY_LIMIT_EXCEEDED').length;
    process.stdout.write(`memory budget: ${held} transactions held ~90 MiB each, ${refused} refused; RETURN 1 took ${pingMs} ms\n`);
    expect(held).toBeGreaterThanOrEqual(2);
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(held + refused).toBe(8);
    expect(outcomes.filter((o) => o !== 'MEMORY_LIMIT_EXCEEDED' && o !== 'rollback')).toEqual([]);
    expect(pingMs).toBeLessThan(1000);
  });
});
