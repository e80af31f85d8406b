/**
 * Issue 12, item 10, first probe: the two requests that froze Neo4j. On a generated graph, 15 aliases of
 * `sanctionedBy(actorId: "a0", includeIndirect: true)` (R1: `{ sanction { id } }`; R2: with `target` and
 * `targetChain` too) filled a 512 MB heap and left Neo4j in full GCs, `RETURN 1` unanswered for minutes.
 * Here R1, R2 and the heaviest operations the cost model accepts run all at once against a bundled Neo4j
 * of this test's own, with the project's default memory settings; every answer must be data or a stable
 * code, and right after, Neo4j must answer `RETURN 1` within 1 s (the issue's bound) and a cheap query
 * must succeed.
 *
 * Its Neo4j is apart from the suite's (which holds the seed): FREEZE_NEO4J_DIR (default
 * .neo4j-test-freeze, git-ignored) and FREEZE_NEO4J_PORT (default 7781) let two checkouts run side by
 * side. Skipped when NEO4J_URI names an outside database: the suite then does not run the bundled Neo4j,
 * whose defaults are what this probes.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';

import { buildASTSchema, getOperationAST, parse } from 'graphql';
import neo4j from 'neo4j-driver';

import { benchGraphClient, loadGraph } from '../../bench/load.js';
import { startLocalNeo4j, stopLocalNeo4j, wipeLocalNeo4j } from '../../neo4j/local-neo4j.js';
import { parseConfig } from '../../src/config/config.js';
import { operationCost } from '../../src/server/cost/operation-cost.js';
import { loadTypeDefs } from '../../src/server/schema.js';
import { LIMITS } from '../../src/services/validation.js';
import { graphCounts, startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_NEO4J_DIR, testEnv } from '../support/test-env.js';

const ownsDatabase = existsSync(path.join(TEST_NEO4J_DIR, 'started-by-tests'));

const FREEZE_DIR = process.env['FREEZE_NEO4J_DIR'] ?? '.neo4j-test-freeze';
const FREEZE_PORT = process.env['FREEZE_NEO4J_PORT'] ?? '7781';
/**
 * 5,000 actors with the issue's seed 7. Actor a0 is the graph's biggest hub whatever the size (targets are
 * skewed towards low indices), and at this size `sanctionedBy(a0, includeIndirect: true)` still walks
 * about 11,600 chains per alias (measured; the issue saw 15,608 findings at 20,000 actors): each alias does
 * the same order of work before its LIMIT (measured: R1 and R2 on the code before issue 12 froze Neo4j on
 * this graph as on 20,000 actors). Loading takes 11-38 s on a loaded 2-core machine, 20,000 actors about 4
 * times as long.
 */
const GRAPH = { actors: 5_000, seed: 7 } as const;
const LOAD_BATCH = 5_000;

const STABLE_CODES = new Set(['COST_LIMIT_EXCEEDED', 'RESPONSE_TOO_LARGE', 'MEMORY_LIMIT_EXCEEDED', 'TIMEOUT', 'OVERLOADED']);
/** The issue's bound on `RETURN 1` right after the heavy requests. */
const PING_BOUND_MS = 1000;
/** How long a ping may take before it counts as unanswered (a frozen Neo4j never answers). */
const PING_DEADLINE_MS = 30_000;
/** Transaction timeout of the server under probe (see appEnv). */
const PROBE_TX_TIMEOUT_MS = 30_000;

const R1_SELECTION = '{ sanction { id } }';
const R2_SELECTION = '{ sanction { id } target { id name } targetChain { id } }';
const sanctionedByA0 = (selection: string, extraArgs = ''): string =>
  `sanctionedBy(actorId: "a0", includeIndirect: true${extraArgs}) ${selection}`;
const aliases = (n: number, field: string): string => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

const schema = buildASTSchema(loadTypeDefs());
/** The cost the server computes for a document, without sending it. */
function costOf(query: string): number {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  return operationCost({ schema, document, operation, variables: {} });
}

/**
 * The heaviest operations the limits accept, with R2's full selection: as many includeIndirect aliases as
 * fit the cost budget (and the alias limit) at the default `first`, and the same aliases with the largest
 * explicit `first` that fits.
 */
function heaviestAccepted(
  maxCost: number,
  maxAliases: number,
): { aliasCount: number; first: number; atDefault: string; atLargestFirst: string } {
  let aliasCount = 0;
  while (aliasCount < maxAliases && costOf(aliases(aliasCount + 1, sanctionedByA0(R2_SELECTION))) <= maxCost) aliasCount += 1;
  let first = LIMITS.findings.max;
  while (first > LIMITS.findings.min && costOf(aliases(aliasCount, sanctionedByA0(R2_SELECTION, `, first: ${first}`))) > maxCost)
    first -= 1;
  return {
    aliasCount,
    first,
    atDefault: aliases(aliasCount, sanctionedByA0(R2_SELECTION)),
    atLargestFirst: aliases(aliasCount, sanctionedByA0(R2_SELECTION, `, first: ${first}`)),
  };
}

interface Outcome {
  name: string;
  status: number;
  ms: number;
  bytes: number;
  codes: string[];
  /** Findings per alias when the answer is data. */
  findings: number[];
  cost: number | undefined;
}

interface Ping {
  ms: number;
  ok: boolean;
}

/** `RETURN 1` on a fresh session of `driver`, timed, given up after PING_DEADLINE_MS. */
async function ping(driver: ReturnType<typeof neo4j.driver>): Promise<Ping> {
  const started = Date.now();
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_DEADLINE_MS);
  });
  const answered = session.run('RETURN 1 AS one').then(
    (result) => Number(result.records[0]?.get('one')) === 1,
    () => false,
  );
  const ok = await Promise.race([answered, deadline]);
  const ms = Date.now() - started;
  clearTimeout(timer);
  // Closing a session whose query a frozen server never answers would wait for it too.
  if (ok) await session.close();
  else void session.close().catch(() => undefined);
  return { ms, ok };
}

(ownsDatabase ? describe : describe.skip)('the two-request freeze (issue 12)', () => {
  // The project's default memory settings; only where and on which port differ.
  const neo4jConfig = parseConfig({ NEO4J_LOCAL_DIR: FREEZE_DIR, NEO4J_LOCAL_BOLT_PORT: FREEZE_PORT, JAVA_HOME: process.env['JAVA_HOME'] });
  const uri = neo4jConfig.neo4j.uri;
  // The server runs in production mode (as the issue probed) with its default limits, except for a 30 s
  // transaction timeout (the harness's): on a loaded 2-core machine the 5 s default ends the traversals
  // before they fill the heap, and the probe would pass without the memory budget (measured: the code
  // before issue 12 answered R1 and R2 with TIMEOUT and RETURN 1 in 710 ms at 5 s; at 30 s RETURN 1 went
  // unanswered for minutes). A deployment may raise the timeout; the budget must hold all the same.
  const appEnv = { NEO4J_URI: uri, NODE_ENV: 'production', NEO4J_TX_TIMEOUT_MS: String(PROBE_TX_TIMEOUT_MS) };
  const quiet = (): undefined => undefined;
  let started = false;
  let t: TestApp | undefined;
  let graphFigures = '';

  beforeAll(async () => {
    // A Neo4j left running from this folder by an interrupted run is ours to stop.
    await stopLocalNeo4j(FREEZE_DIR, quiet);
    wipeLocalNeo4j(FREEZE_DIR);
    const result = await startLocalNeo4j({ ...neo4jConfig.localNeo4j, log: quiet });
    started = result.started;
    if (!started) throw new Error(`${uri} already answers (not the Neo4j of ${FREEZE_DIR}); set FREEZE_NEO4J_PORT to a free port`);
    const loader = benchGraphClient(uri);
    try {
      const report = await loadGraph(loader, GRAPH, LOAD_BATCH, 1, quiet);
      graphFigures = `${GRAPH.actors} actors (seed ${GRAPH.seed}), ${report.relationships.rows} relationships, ${report.sanctions.rows} sanctions loaded in ${report.seconds.toFixed(1)} s`;
    } finally {
      await loader.close();
    }
    t = await startTestApp({ env: appEnv });
  }, 300_000);

  afterAll(async () => {
    await t?.close();
    if (started) await stopLocalNeo4j(FREEZE_DIR, quiet);
    rmSync(FREEZE_DIR, { recursive: true, force: true });
  }, 120_000);

  it('answers R1, R2 and the heaviest accepted operations with data or a stable code, and Neo4j answers RETURN 1 within 1 s right after', async () => {
    const app = t as TestApp;
    const config = parseConfig(testEnv(appEnv));
    const { maxCost, maxAliases } = config.limits;
    const heavy = heaviestAccepted(maxCost, maxAliases);
    expect(heavy.aliasCount).toBeGreaterThanOrEqual(1);
    const r1 = aliases(15, sanctionedByA0(R1_SELECTION));
    const r2 = aliases(15, sanctionedByA0(R2_SELECTION));

    // Enough heavy operations to fill the admission bound (each alias is one transaction), as many as one
    // caller's cost budget allows, so none is refused with RATE_LIMITED (429, a different matter).
    const callerBudget = config.rateLimit ? Math.floor(config.rateLimit.points / maxCost) : Number.POSITIVE_INFINITY;
    const copies = Math.max(1, Math.min(Math.ceil(config.admission.maxConcurrent / heavy.aliasCount), callerBudget));
    const requests: { name: string; query: string }[] = [
      { name: 'R1', query: r1 },
      { name: 'R2', query: r2 },
      ...Array.from({ length: copies }, (_, i) =>
        i % 2 === 0
          ? { name: `H${i}(${heavy.aliasCount}x default first)`, query: heavy.atDefault }
          : { name: `H${i}(${heavy.aliasCount}x first ${heavy.first})`, query: heavy.atLargestFirst },
      ),
    ];

    const send = async ({ name, query }: { name: string; query: string }): Promise<Outcome> => {
      const begun = Date.now();
      const res = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      const text = await res.text();
      const ms = Date.now() - begun;
      let body: {
        data?: Record<string, unknown[]> | null;
        errors?: { extensions?: { code?: string; cost?: unknown } }[];
        extensions?: { cost?: { requested?: number } };
      };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        body = {};
      }
      const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? 'none');
      const findings = body.data ? Object.values(body.data).map((v) => (Array.isArray(v) ? v.length : -1)) : [];
      const refusedCost = body.errors?.[0]?.extensions?.cost;
      const cost = body.extensions?.cost?.requested ?? (typeof refusedCost === 'number' ? refusedCost : undefined);
      return { name, status: res.status, ms, bytes: text.length, codes, findings, cost };
    };

    // RETURN 1 on fresh sessions of a driver of its own, back to back while the requests run (a figure:
    // the bound is on the answer right after).
    const watcher = neo4j.driver(uri, undefined, { connectionTimeout: PING_DEADLINE_MS });
    const during: Ping[] = [];
    let running = true;
    try {
      const pings = (async () => {
        while (running) during.push(await ping(watcher));
      })();
      const burstBegan = Date.now();
      const outcomes = await Promise.all(requests.map(send));
      const burstMs = Date.now() - burstBegan;
      running = false;
      await pings;

      // Right after: a fresh driver, so no connection warmed during the burst helps.
      const fresh = neo4j.driver(uri, undefined, { connectionTimeout: PING_DEADLINE_MS });
      let after: Ping;
      try {
        after = await ping(fresh);
      } finally {
        await fresh.close();
      }
      const cheapBegan = Date.now();
      const cheap = await app.gql<{ actor: { id: string; name: string } | null }>('{ actor(id: "a1") { id name } }');
      const cheapMs = Date.now() - cheapBegan;
      const counts = await graphCounts(app.graph);

      const summary = (o: Outcome): string =>
        `${o.name} ${o.status} ${o.codes.length > 0 ? [...new Set(o.codes)].join('/') : `data [${o.findings.join(',')}]`} ` +
        `cost ${o.cost ?? '?'} ${(o.bytes / 1024).toFixed(0)} KB in ${o.ms} ms`;
      const answered = during.filter((p) => p.ok);
      process.stdout.write(
        `freeze probe figures: graph ${graphFigures} (${counts.nodes} nodes, ${counts.relationships} relationships); ` +
          `Neo4j heap ${neo4jConfig.localNeo4j.heapMb} MB, tx ${neo4jConfig.localNeo4j.txMemoryMb} MB, total ${neo4jConfig.localNeo4j.txTotalMemoryMb} MB; ` +
          `budget ${maxCost}, ${requests.length} requests at once in ${burstMs} ms: ${outcomes.map(summary).join('; ')}; ` +
          `RETURN 1 during: ${answered.length}/${during.length} answered, slowest ${Math.max(0, ...during.map((p) => p.ms))} ms; ` +
          `RETURN 1 right after (fresh driver) ${after.ok ? `${after.ms} ms` : `unanswered after ${after.ms} ms`}; ` +
          `cheap query ${cheap.status} ${cheap.data?.actor?.id ?? cheap.errors?.[0]?.extensions?.code ?? '?'} in ${cheapMs} ms\n`,
      );

      // The issue's requests are refused before any database work; the heaviest accepted ones ran.
      expect(outcomes.slice(0, 2).map((o) => o.codes)).toEqual([['COST_LIMIT_EXCEEDED'], ['COST_LIMIT_EXCEEDED']]);
      expect(outcomes.slice(2).filter((o) => o.codes.includes('COST_LIMIT_EXCEEDED'))).toEqual([]);
      for (const o of outcomes) {
        // Data, or errors that all carry a stable code; never a 5xx other than 503 OVERLOADED.
        if (o.codes.length === 0) {
          expect({ name: o.name, status: o.status, aliases: o.findings.length }).toEqual({
            name: o.name,
            status: 200,
            aliases: o.name.startsWith('R') ? 15 : heavy.aliasCount,
          });
        } else {
          expect({ name: o.name, unstable: o.codes.filter((c) => !STABLE_CODES.has(c)) }).toEqual({ name: o.name, unstable: [] });
        }
        if (o.status >= 500)
          expect({ name: o.name, status: o.status, codes: o.codes }).toEqual({ name: o.name, status: 503, codes: ['OVERLOADED'] });
      }
      expect(after.ok).toBe(true);
      expect(after.ms).toBeLessThan(PING_BOUND_MS);
      expect(cheap.status).toBe(200);
      expect(cheap.errors).toBeUndefined();
      expect(cheap.data?.actor?.id).toBe('a1');
    } finally {
      running = false;
      await watcher.close();
    }
  }, 180_000);
});
