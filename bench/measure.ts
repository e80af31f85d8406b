/**
 * Measuring one workload: closed-loop cells (autocannon for the HTTP variants, a driver loop for F0),
 * fixed-rate latency, the per-variant check of round trips and sizes, and PROFILE of the floor
 * statements. Every function takes the Bolt URI of the bench Neo4j.
 */
import autocannon from 'autocannon';
import type { Driver } from 'neo4j-driver';

import type { Cell, Check, FixedRateResult, HttpVariant, Settings, Variant, WorkloadResult } from './bench-result.js';
import { driverRunner, floorDriver, type ProfileRow, profileRunner, runFloorOp } from './floor.js';
import { bodyFor, log, postJson, type Server, stats } from './processes.js';
import type { BenchRequest, Workload } from './workloads.js';

/** The median, NaN of nothing. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number);

/** F0: `concurrency` loops over the driver for `seconds`. */
export async function measureFloor(uri: string, w: Workload, concurrency: number, seconds: number): Promise<Cell> {
  const driver = floorDriver(uri);
  const run = driverRunner(driver);
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          const r = w.requests[next++ % w.requests.length] as BenchRequest;
          const t = performance.now();
          try {
            await runFloorOp(run, r.f.op, r.f.vars);
          } catch {
            errors += 1;
          }
          latencies.push(performance.now() - t);
        }
      }),
    );
  } finally {
    await driver.close();
  }
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    requests: latencies.length,
    eldP99Ms: null,
    rssMb: null,
    cpuMs: null,
    seconds: elapsed,
  };
}

/** An HTTP variant under autocannon: closed loop, or open loop at `rate`. */
export async function measureHttp(server: Server, w: Workload, concurrency: number, seconds: number, rate?: number): Promise<Cell> {
  let errors = 0;
  const errorCodes: Record<string, number> = {};
  const count = (code: string, n = 1): void => {
    if (n > 0) errorCodes[code] = (errorCodes[code] ?? 0) + n;
  };
  server.child.send({ type: 'reset' });
  const result = await autocannon({
    url: server.url,
    connections: concurrency,
    duration: seconds,
    // autocannon checks its stop flag once per sample: the default 1 s sample would stretch a 0.6 s run to 1 s.
    sampleInt: 100,
    ...(rate === undefined ? {} : { overallRate: rate }),
    requests: w.requests.map((r) => ({
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(bodyFor(server.variant, r)),
      // GraphQL errors arrive inside HTTP 200: read every body.
      onResponse: (status: number, body: string) => {
        if (status !== 200 || body.includes('"errors"')) {
          errors += 1;
          count(status !== 200 ? `HTTP ${status}` : (/"code":"([A-Z_]+)"/.exec(body)?.[1] ?? 'GraphQL error without code'));
        }
      },
    })),
  });
  const st = await stats(server);
  count('socket', result.errors);
  count('timeout', result.timeouts);
  return {
    errorCodes,
    rps: result.requests.total / Math.max(result.duration, 0.001),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: errors + result.errors + result.timeouts,
    requests: result.requests.total,
    eldP99Ms: st.eldP99Ms,
    rssMb: st.rssMb,
    cpuMs: st.cpuMs,
    seconds: result.duration,
  };
}

/** Each request once through `variant`: its round trips, response sizes and errors. */
export async function checkVariant(
  uri: string,
  variant: Variant,
  w: Workload,
  servers: Map<HttpVariant, Server>,
  quick: boolean,
): Promise<Check> {
  const trips: number[] = [];
  const bytes: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const driver = variant === 'F0' ? floorDriver(uri) : null;
  try {
    // Every request once (quick: the first 20), so round trips and sizes span the workload's results.
    for (const r of quick ? w.requests.slice(0, 20) : w.requests) {
      if (driver) {
        const counter = { count: 0 };
        const result = await runFloorOp(driverRunner(driver, counter), r.f.op, r.f.vars);
        trips.push(counter.count);
        bytes.push(JSON.stringify(result).length);
        continue;
      }
      const res = await postJson(servers.get(variant as HttpVariant) as Server, bodyFor(variant as HttpVariant, r));
      bytes.push(res.text.length);
      const json = res.json as { errors?: { message: string }[]; extensions?: { roundTrips?: number } };
      if (res.status !== 200 || json.errors) {
        errors += 1;
        firstError ??= `${res.status}: ${json.errors?.[0]?.message ?? res.text.slice(0, 200)}`;
      }
      if (typeof json.extensions?.roundTrips === 'number') trips.push(json.extensions.roundTrips);
    }
  } finally {
    await driver?.close();
  }
  return {
    roundTrips: trips.length > 0 ? [Math.min(...trips), Math.max(...trips)] : null,
    bytes: [Math.min(...bytes), Math.max(...bytes)],
    errors,
    firstError,
  };
}

/** PROFILE of the floor statements of the workload's first 3 requests (nested: the compiled statement and the DataLoader path's). */
export async function profileWorkload(uri: string, w: Workload): Promise<ProfileRow[]> {
  const driver = floorDriver(uri);
  const rows: ProfileRow[] = [];
  try {
    for (const r of w.requests.slice(0, 3)) {
      await runFloorOp(profileRunner(driver, rows), r.f.op, r.f.vars);
      // Before issue 18 S answered nested in a statement per level: profiled beside, marked "(loaders)".
      if (r.f.op === 'nested') {
        const before: ProfileRow[] = [];
        await runFloorOp(profileRunner(driver, before), 'nestedLoaders', r.f.vars);
        rows.push(...before.map((row) => ({ ...row, name: `${row.name} (loaders)` })));
      }
    }
  } finally {
    await driver.close();
  }
  return rows;
}

/** Connections of the fixed-rate run. */
export const RATE_CONNECTIONS = 32;

/**
 * Waits (up to 30 s) until Neo4j runs no transaction but this check: a variant's requests still running
 * after its cell (autocannon stops sending, Neo4j keeps executing) would otherwise slow the next variant
 * or, holding the shared transaction memory, make its statements fail.
 */
export async function awaitIdle(control: Driver): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const result = await control.executeQuery(
      "SHOW TRANSACTIONS YIELD currentQuery WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' RETURN count(*) AS running",
      {},
      { database: 'neo4j' },
    );
    const running = result.records[0]?.get('running') as number | undefined;
    if (!running) return;
    if (Date.now() > deadline) {
      log(`${running} transaction(s) still running after 30 s; measuring anyway`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Latency at a fixed rate of half F1's closed-loop throughput at the first concurrency (BENCHMARK.md):
 * the same offered load for F1, S and P, alternating, so p99 compares service times rather than queues.
 */
export async function measureFixedRate(
  w: Workload,
  cells: WorkloadResult['cells'],
  servers: Map<HttpVariant, Server>,
  s: Settings,
  gate: (label: string, measure: () => Promise<Cell>) => Promise<Cell>,
): Promise<FixedRateResult> {
  const f1 = median((cells[String(s.concurrencies[0])]?.F1 ?? []).filter((x) => s.allowNoisy || !x.load?.noisy).map((x) => x.rps));
  const rate = Math.max(1, Math.round(Number.isFinite(f1) ? f1 / 2 : 1));
  // Long enough for the fewest requests at that rate.
  const seconds = Math.min(s.maxCellS ?? s.durationS * 2, Math.max(s.quick ? s.durationS : s.durationS * 2, (s.minRequests ?? 0) / rate));
  const byVariant: Partial<Record<HttpVariant, Cell[]>> = {};
  const variants = ['F1', 'S', 'P'] as const;
  for (let rep = 0; rep < (s.rateReps ?? 0); rep++) {
    for (const v of rep % 2 === 0 ? variants : [...variants].reverse())
      (byVariant[v] ??= []).push(
        await gate(`rate ${rate} ${v}`, () => measureHttp(servers.get(v) as Server, w, RATE_CONNECTIONS, seconds, rate)),
      );
  }
  const p99 = (v: HttpVariant): string => median((byVariant[v] ?? []).map((x) => x.p99)).toFixed(1);
  log(`${w.key} at ${rate} req/s: p99 F1 ${p99('F1')} S ${p99('S')} P ${p99('P')} ms`);
  return { rate, connections: RATE_CONNECTIONS, cells: byVariant };
}
