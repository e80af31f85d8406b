/**
 * `npm run bench [-- --quick] [--sizes S,M] [--seed 42] [--batch 5000] [--writers 1] [--keep]
 * [--concurrency 8,32,128] [--duration 2] [--reps 3] [--rate-reps 3] [--only transitive,hood] [--cpu-prof]`:
 * starts the bench Neo4j (.neo4j-bench/<size>, Bolt 7689), loads the generated graph unless the same size
 * and seed is already there, starts F1, S and P in child processes, then for each workload and concurrency
 * runs the variants alternately (F0 F1 S P, then P S F1 F0, ...) after a warm-up, then the fixed-rate
 * latency run, and writes bench/RESULTS.md from bench/results/<size>.json. `--only` runs a subset into
 * bench/results/<size>-only.json (not reported); `--cpu-prof` has the servers write V8 CPU profiles.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import autocannon from 'autocannon';
import neo4j, { type Driver } from 'neo4j-driver';

import { portAnswers, startLocalNeo4j, stopLocalNeo4j, wipeLocalNeo4j } from '../neo4j/local-neo4j.js';
import { LIST_ACTORS } from '../src/graph/cypher/actor-cypher.js';
import { RELATIONSHIP_TYPES } from '../src/graph/model.js';
import { encodeCursor } from '../src/services/cursor.js';
import { intArg, parseArgs } from './args.js';
import { driverRunner, floorDriver, type ProfileRow, profileRunner, runFloorOp } from './floor.js';
import { GENERATOR_VERSION, layoutOf, Rng, type SizeName, SIZES } from './gen-graph.js';
import { benchGraphClient, describeLoad, loadGraph, type LoadReport } from './load.js';
import type { ServeMessage } from './serve.js';
import {
  type BenchRequest,
  listRequest,
  neighbourhoodRequests,
  nestedRequests,
  pathRequests,
  pointRequests,
  transitiveRequests,
  type Workload,
} from './workloads.js';

const BENCH_DIR = '.neo4j-bench';
const PORT = 7689;
const URI = `bolt://127.0.0.1:${PORT}`;
const RESULTS_DIR = path.join('bench', 'results');
const VARIANTS = ['F0', 'F1', 'S', 'P'] as const;
type Variant = (typeof VARIANTS)[number];
type HttpVariant = Exclude<Variant, 'F0'>;

const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

interface Settings {
  readonly quick: boolean;
  readonly seed: number;
  readonly batch: number;
  readonly writers: number;
  readonly durationS: number;
  readonly concurrencies: readonly number[];
  readonly reps: number;
  /** Repetitions of the fixed-rate latency run (0: not run). */
  readonly rateReps?: number;
  /** Only the workloads whose key starts with one of these (`--only transitive,hood`). */
  readonly only?: readonly string[];
  /** Servers write V8 CPU profiles to bench/.data/cpu-prof (`--cpu-prof`). */
  readonly cpuProfile?: boolean;
}

/** One measured run of one variant. */
interface Cell {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  /** Errors by kind: the GraphQL `extensions.code`, `HTTP <status>`, `socket` or `timeout` (absent in older results). */
  readonly errorCodes?: Record<string, number>;
  readonly requests: number;
  readonly eldP99Ms: number | null;
  readonly rssMb: number | null;
}

/** What one workload looks like per variant before timing: round trips and response size. */
interface Check {
  readonly roundTrips: [number, number] | null;
  readonly bytes: [number, number];
  readonly errors: number;
  readonly firstError: string | null;
}

interface WorkloadResult {
  readonly key: string;
  readonly title: string;
  readonly requests: number;
  readonly checks: Partial<Record<Variant, Check>>;
  readonly profile: ProfileRow[];
  /** concurrency -> variant -> cells */
  readonly cells: Record<string, Partial<Record<Variant, Cell[]>>>;
  /** Latency at a fixed request rate (half of F1's closed-loop throughput), absent in older results. */
  readonly fixedRate?: FixedRateResult;
}

/** Open-loop latency: every HTTP variant offered the same rate, coordinated omission corrected. */
interface FixedRateResult {
  readonly rate: number;
  readonly connections: number;
  readonly cells: Partial<Record<HttpVariant, Cell[]>>;
}

interface SizeResult {
  readonly size: SizeName;
  readonly actors: number;
  readonly seed: number;
  readonly graph: { nodes: number; relationships: number };
  readonly load: LoadReport | null;
  readonly loadReused: boolean;
  readonly settings: Settings;
  readonly machine: Record<string, string>;
  readonly startedAt: string;
  readonly seconds: number;
  readonly workloads: WorkloadResult[];
}

// ---------------------------------------------------------------------------------------------- database

function sizeDir(size: SizeName): string {
  return path.join(BENCH_DIR, size);
}

interface Marker {
  readonly actors: number;
  readonly seed: number;
  readonly generatorVersion: number;
  readonly load: LoadReport | null;
}

async function prepareDatabase(size: SizeName, s: Settings): Promise<{ load: LoadReport | null; reused: boolean }> {
  // One bench Neo4j at a time on the port: stop the other sizes' databases.
  for (const other of Object.keys(SIZES) as SizeName[]) if (other !== size) await stopLocalNeo4j(sizeDir(other), log);
  if (await portAnswers('127.0.0.1', PORT)) await stopLocalNeo4j(sizeDir(size), log);
  if (await portAnswers('127.0.0.1', PORT)) throw new Error(`port ${PORT} is taken by a Neo4j this bench did not start`);
  const dir = sizeDir(size);
  const markerFile = path.join(dir, 'bench-data.json');
  const wanted = { actors: SIZES[size], seed: s.seed, generatorVersion: GENERATOR_VERSION };
  const marker = existsSync(markerFile) ? (JSON.parse(readFileSync(markerFile, 'utf8')) as Marker) : null;
  const reuse = marker?.actors === wanted.actors && marker.seed === wanted.seed && marker.generatorVersion === wanted.generatorVersion;
  if (!reuse) wipeLocalNeo4j(dir);
  await startLocalNeo4j({
    dir,
    host: '127.0.0.1',
    port: PORT,
    password: '',
    heapMb: 1024,
    pageCacheMb: 1536,
    txMemoryMb: 512,
    txTotalMemoryMb: 768,
    log,
  });
  if (reuse) {
    log(`reusing the loaded ${size} graph (${wanted.actors} actors, seed ${wanted.seed})`);
    return { load: marker.load, reused: true };
  }
  const graph = benchGraphClient(URI);
  try {
    log(`loading ${size}: ${wanted.actors} actors, seed ${wanted.seed}, batch ${s.batch}`);
    const load = await loadGraph(graph, { actors: wanted.actors, seed: s.seed }, s.batch, s.writers);
    log(describeLoad(load));
    writeFileSync(markerFile, JSON.stringify({ ...wanted, load }, null, 2));
    return { load, reused: false };
  } finally {
    await graph.close();
  }
}

// ---------------------------------------------------------------------------------------------- fixtures

async function buildWorkloads(size: SizeName, s: Settings, servers: Map<HttpVariant, Server>): Promise<Workload[]> {
  const driver = floorDriver(URI);
  const run = driverRunner(driver);
  const rng = new Rng(s.seed);
  const sample = <T>(items: readonly T[], n: number): T[] => {
    if (items.length <= n) return [...items];
    return Array.from({ length: n }, (_, k) => items[Math.floor(((k + rng.next()) * items.length) / n)] as T);
  };
  try {
    const degrees = (
      await run({ name: 'benchDegrees', text: 'MATCH (a:Actor) RETURN a.id AS id, COUNT { (a)--(:Actor) } AS d ORDER BY d DESC, id' }, {})
    ).map((r) => r['id'] as string);
    const hubs = degrees.slice(0, 3);
    const mid = Math.floor(degrees.length / 2);
    const median = degrees.slice(mid - 1, mid + 2);
    const authorities = (
      await run(
        { name: 'benchAuthorities', text: 'MATCH (a:Actor)-[:SANCTIONED]->() WITH a, count(*) AS n RETURN a.id AS id ORDER BY n DESC, id' },
        {},
      )
    ).map((r) => r['id'] as string);
    const targets = (
      await run({ name: 'benchTargets', text: 'MATCH (:Sanction)-[:TARGETS]->(t:Actor) RETURN DISTINCT t.id AS id ORDER BY id' }, {})
    ).map((r) => r['id'] as string);

    // Path pairs, bucketed by their true distance (up to 10 hops, all relationship types, both directions).
    const layout = layoutOf(SIZES[size]);
    const mainId = (): string => `a${layout.states + rng.int(layout.main - layout.states)}`;
    const tailId = (t: number, pos: number): string => `a${layout.main + (t % layout.tails) * 8 + pos}`;
    const islandId = (k: number): string => `a${layout.main + layout.tails * 8 + (k % layout.islands) * 4}`;
    const candidates: [string, string][] = [];
    for (let k = 0; k < 8; k++) {
      const a = mainId();
      const near = await run(
        { name: 'benchNear', text: 'MATCH (:Actor {id: $id})--(b:Actor)--(c:Actor) RETURN b.id AS b, c.id AS c LIMIT 1' },
        { id: a },
      );
      if (near[0]) candidates.push([a, near[0][k % 2 === 0 ? 'b' : 'c'] as string]);
    }
    for (let k = 0; k < 10; k++) candidates.push([mainId(), mainId()]);
    for (let k = 0; k < 8; k++) candidates.push([tailId(k, 2 + (k % 4)), mainId()]);
    for (let k = 0; k < 4; k++) candidates.push([mainId(), islandId(k)]);
    for (let k = 0; k < 2; k++) candidates.push([tailId(k, 7), mainId()]);
    const buckets = new Map<string, [string, string][]>([
      ['1-2', []],
      ['3-4', []],
      ['5-6', []],
      ['unreachable', []],
    ]);
    for (const [from, to] of candidates) {
      const [row] = await run(
        {
          name: 'benchDistance',
          text: 'MATCH p = SHORTEST 1 (a:Actor {id: $from})-[r WHERE type(r) IN $types]-{1,10}(b:Actor {id: $to}) RETURN length(p) AS d',
        },
        { from, to, types: RELATIONSHIP_TYPES },
      );
      const d = row ? (row['d'] as number) : Infinity;
      const bucket = d <= 2 ? '1-2' : d <= 4 ? '3-4' : d <= 6 ? '5-6' : 'unreachable';
      const list = buckets.get(bucket) ?? [];
      if (list.length < 6) list.push([from, to]);
    }

    // Page 50 (actors 981-1000 by name): keyset position for F and S, the peer's own cursor for P.
    const before = await run(LIST_ACTORS.NAME.ASC, {
      kinds: null,
      country: null,
      nameContains: null,
      nameStartsWith: null,
      imposedSanctions: null,
      receivedSanctions: null,
      fromName: '',
      afterKey: null,
      afterId: null,
      limit: neo4j.int(980),
    });
    const last = before.at(-1) as { key: string; actor: { id: string } };
    const position = { key: last.key, id: last.actor.id };
    const peer = await postJson(servers.get('P') as Server, {
      query: 'query { actorsConnection(first: 980, sort: [{ name: ASC }, { id: ASC }]) { pageInfo { endCursor } } }',
    });
    const peerData = peer.json as { data?: { actorsConnection?: { pageInfo: { endCursor: string } } }; errors?: { message: string }[] };
    // The peer's cursors are offsets (graphql-relay's "arrayconnection:<n>"); build it when the walk fails.
    const pCursor =
      peerData.data?.actorsConnection?.pageInfo.endCursor ??
      (log(`P could not walk to page 50 (${peerData.errors?.[0]?.message ?? 'no data'}); using its offset cursor`),
      Buffer.from('arrayconnection:979').toString('base64'));

    const workloads: Workload[] = [
      { key: 'point', title: 'Point lookup by id', requests: pointRequests(sample(degrees, 50)) },
      { key: 'nested', title: '2-hop nested: SANCTIONED first 10 -> target -> first 5', requests: nestedRequests(sample(authorities, 12)) },
      {
        key: 'transitive',
        title: 'Who sanctioned (indirect, 0..4 acting-for hops each side)',
        requests: transitiveRequests(sample(targets, 12)),
      },
    ];
    for (const [bucket, pairs] of buckets) {
      if (pairs.length > 0)
        workloads.push({ key: `paths-${bucket}`, title: `Shortest paths, distance ${bucket}`, requests: pathRequests(pairs) });
    }
    for (const hops of s.quick ? [1, 3] : [1, 2, 3]) {
      workloads.push({ key: `hood-hub-${hops}`, title: `Neighbourhood k=${hops} from hubs`, requests: neighbourhoodRequests(hubs, hops) });
      workloads.push({
        key: `hood-median-${hops}`,
        title: `Neighbourhood k=${hops} from median-degree actors`,
        requests: neighbourhoodRequests(median, hops),
      });
    }
    workloads.push({ key: 'list-1', title: 'Actor list, first page (20 by name)', requests: [listRequest(null, null, null)] });
    workloads.push({
      key: 'list-50',
      title: 'Actor list, page 50',
      requests: [listRequest(position, encodeCursor([position.key, position.id]), pCursor)],
    });
    return workloads;
  } finally {
    await driver.close();
  }
}

// ---------------------------------------------------------------------------------------------- servers

interface Server {
  readonly variant: HttpVariant;
  readonly url: string;
  readonly child: ChildProcess;
}

/**
 * Where `--cpu-prof` has the servers write their V8 CPU profiles, a directory per variant with one file
 * per thread (tsx's loader runs in a worker; the requests are on the main thread, the largest file).
 */
const CPU_PROFILE_DIR = path.join('bench', '.data', 'cpu-prof');

async function startServer(variant: HttpVariant, cpuProfile: boolean): Promise<Server> {
  // NODE_ENV=production for the whole process: graphql-js and Apollo read it at load time.
  // eslint-disable-next-line no-restricted-properties -- the child inherits the bench's environment
  const env = { ...process.env, NODE_ENV: 'production' };
  const child = fork(path.join('bench', 'serve.ts'), [variant, URI], {
    execArgv: ['--import', 'tsx', ...(cpuProfile ? ['--cpu-prof', '--cpu-prof-dir', path.join(CPU_PROFILE_DIR, variant)] : [])],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${variant} server exited with ${String(code)}`)));
    child.on('message', (m: ServeMessage) => {
      if (m.type === 'ready') resolve(m.url);
    });
  });
  child.removeAllListeners('exit');
  return { variant, url, child };
}

function stats(server: Server): Promise<Extract<ServeMessage, { type: 'stats' }>> {
  return new Promise((resolve) => {
    const onMessage = (m: ServeMessage): void => {
      if (m.type !== 'stats') return;
      server.child.off('message', onMessage);
      resolve(m);
    };
    server.child.on('message', onMessage);
    server.child.send({ type: 'stats' });
  });
}

function bodyFor(variant: HttpVariant, r: BenchRequest): unknown {
  return variant === 'F1' ? r.f : variant === 'S' ? r.s : r.p;
}

async function postJson(server: Server, body: unknown): Promise<{ status: number; text: string; json: unknown }> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as unknown };
}

// ---------------------------------------------------------------------------------------------- measuring

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number);

async function measureFloor(w: Workload, concurrency: number, seconds: number): Promise<Cell> {
  const driver = floorDriver(URI);
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
  };
}

async function measureHttp(server: Server, w: Workload, concurrency: number, seconds: number, rate?: number): Promise<Cell> {
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
  };
}

async function checkVariant(variant: Variant, w: Workload, servers: Map<HttpVariant, Server>, quick: boolean): Promise<Check> {
  const trips: number[] = [];
  const bytes: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const driver = variant === 'F0' ? floorDriver(URI) : null;
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

async function profileWorkload(w: Workload): Promise<ProfileRow[]> {
  const driver = floorDriver(URI);
  const rows: ProfileRow[] = [];
  try {
    for (const r of w.requests.slice(0, 3)) await runFloorOp(profileRunner(driver, rows), r.f.op, r.f.vars);
  } finally {
    await driver.close();
  }
  return rows;
}

const RATE_CONNECTIONS = 32;

/**
 * Waits (up to 30 s) until Neo4j runs no transaction but this check: a variant's requests still running
 * after its cell (autocannon stops sending, Neo4j keeps executing) would otherwise slow the next variant
 * or, holding the shared transaction memory, make its statements fail.
 */
async function awaitIdle(control: Driver): Promise<void> {
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
async function measureFixedRate(
  w: Workload,
  cells: WorkloadResult['cells'],
  servers: Map<HttpVariant, Server>,
  s: Settings,
  control: Driver,
): Promise<FixedRateResult> {
  const f1 = median((cells[String(s.concurrencies[0])]?.F1 ?? []).map((x) => x.rps));
  const rate = Math.max(1, Math.round(f1 / 2));
  const byVariant: Partial<Record<HttpVariant, Cell[]>> = {};
  const variants = ['F1', 'S', 'P'] as const;
  for (let rep = 0; rep < (s.rateReps ?? 0); rep++) {
    for (const v of rep % 2 === 0 ? variants : [...variants].reverse())
      (byVariant[v] ??= []).push(
        await awaitIdle(control).then(() =>
          measureHttp(servers.get(v) as Server, w, RATE_CONNECTIONS, s.quick ? s.durationS : s.durationS * 2, rate),
        ),
      );
  }
  const p99 = (v: HttpVariant): string => median((byVariant[v] ?? []).map((x) => x.p99)).toFixed(1);
  log(`${w.key} at ${rate} req/s: p99 F1 ${p99('F1')} S ${p99('S')} P ${p99('P')} ms`);
  return { rate, connections: RATE_CONNECTIONS, cells: byVariant };
}

async function benchSize(size: SizeName, s: Settings): Promise<SizeResult> {
  const started = Date.now();
  const { load, reused } = await prepareDatabase(size, s);
  const graph = benchGraphClient(URI);
  const counts = await graph.read<{ nodes: number; relationships: number }>({
    name: 'benchCounts',
    text: 'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
  });
  const neo4jInfo = await graph.serverInfo();
  await graph.close();

  const servers = new Map<HttpVariant, Server>();
  for (const v of ['F1', 'S', 'P'] as const) servers.set(v, await startServer(v, s.cpuProfile === true));
  const control = floorDriver(URI);
  try {
    const workloads = (await buildWorkloads(size, s, servers)).filter((w) => !s.only || s.only.some((key) => w.key.startsWith(key)));
    const results: WorkloadResult[] = [];
    for (const w of workloads) {
      const checks: Partial<Record<Variant, Check>> = {};
      for (const v of VARIANTS) checks[v] = await checkVariant(v, w, servers, s.quick);
      const profile = await profileWorkload(w);
      const cells: WorkloadResult['cells'] = {};
      for (const c of s.concurrencies) {
        const byVariant: Partial<Record<Variant, Cell[]>> = {};
        const measure = async (v: Variant, seconds: number): Promise<Cell> => {
          await awaitIdle(control);
          return v === 'F0' ? measureFloor(w, c, seconds) : measureHttp(servers.get(v) as Server, w, c, seconds);
        };
        for (const v of VARIANTS) await measure(v, s.quick ? 0.3 : 1);
        for (let rep = 0; rep < s.reps; rep++) {
          // Alternate the order each repetition: F0 F1 S P, then P S F1 F0.
          for (const v of rep % 2 === 0 ? VARIANTS : [...VARIANTS].reverse()) (byVariant[v] ??= []).push(await measure(v, s.durationS));
        }
        cells[String(c)] = byVariant;
        const med = (v: Variant): string => median((byVariant[v] ?? []).map((x) => x.rps)).toFixed(0);
        log(`${size} ${w.key} c=${c}: F0 ${med('F0')} F1 ${med('F1')} S ${med('S')} P ${med('P')} req/s`);
      }
      const fixedRate = s.rateReps ? await measureFixedRate(w, cells, servers, s, control) : undefined;
      results.push({
        key: w.key,
        title: w.title,
        requests: w.requests.length,
        checks,
        profile,
        cells,
        ...(fixedRate ? { fixedRate } : {}),
      });
    }
    return {
      size,
      actors: SIZES[size],
      seed: s.seed,
      graph: counts[0] ?? { nodes: 0, relationships: 0 },
      load,
      loadReused: reused,
      settings: s,
      machine: machineInfo(neo4jInfo.version),
      startedAt: new Date(started).toISOString(),
      seconds: (Date.now() - started) / 1000,
      workloads: results,
    };
  } finally {
    for (const server of servers.values()) server.child.kill('SIGTERM');
    await control.close();
  }
}

// ---------------------------------------------------------------------------------------------- report

function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function versionOf(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(path.join('node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function machineInfo(neo4jVersion: string): Record<string, string> {
  return {
    cpus: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown'}`,
    memory: `${Math.round(os.totalmem() / 1e9)} GB`,
    loadAverageAtEnd: os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' '),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    '@apollo/server': versionOf('@apollo/server'),
    graphql: versionOf('graphql'),
    'neo4j-driver': versionOf('neo4j-driver'),
    '@neo4j/graphql': versionOf('@neo4j/graphql'),
    autocannon: versionOf('autocannon'),
    neo4j: `${neo4jVersion} Community (embedded launcher; heap 1024 MB, page cache 1536 MB, transaction memory 512 MB each, 768 MB in total)`,
  };
}

const fmt = (x: number, digits = 0): string => (Number.isFinite(x) ? x.toFixed(digits) : '-');
const range = (values: readonly number[], digits = 0): string =>
  values.length === 0 ? '-' : `${fmt(median(values), digits)} (${fmt(Math.min(...values), digits)}-${fmt(Math.max(...values), digits)})`;
const ratio = (a: number, b: number): string => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}` : '-');

/**
 * The issue's targets per workload, from the medians: S >= 1.5x P throughput and S >= 0.7x F1 at every
 * concurrency, S's p99 no worse than P's (closed loop at every concurrency, and at the fixed rate), round
 * trips the same for every request of the workload. A cell reads "value yes/NO".
 */
function targetsTable(r: SizeResult): string[] {
  const mark = (ok: boolean): string => (ok ? 'yes' : 'NO');
  const lines = [
    '### Targets',
    '',
    `Per concurrency ${r.settings.concurrencies.join('/')}; fixed rate last. "-" where a variant had no successful run.`,
    '',
    '| workload | S/P >= 1.5 | S/F1 >= 0.7 | p99 S <= P (closed) | p99 S <= P (fixed rate) | round trips constant |',
    '|---|---|---|---|---|---|',
  ];
  for (const w of r.workloads) {
    const perC = (f: (cells: Partial<Record<Variant, Cell[]>>) => string): string =>
      r.settings.concurrencies.map((c) => f(w.cells[String(c)] ?? {})).join(' / ');
    const med = (cells: Partial<Record<Variant, Cell[]>>, v: Variant, k: 'rps' | 'p99'): number =>
      median((cells[v] ?? []).map((x) => x[k]));
    const cmp = (a: number, b: number, test: (x: number) => boolean): string =>
      Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)} ${mark(test(a / b))}` : '-';
    const fixed = w.fixedRate?.cells;
    const fixedP99 = (v: HttpVariant): number => median((fixed?.[v] ?? []).map((x) => x.p99));
    const trips = w.checks.S?.roundTrips;
    lines.push(
      `| ${w.key} | ${perC((cells) => cmp(med(cells, 'S', 'rps'), med(cells, 'P', 'rps'), (x) => x >= 1.5))} | ` +
        `${perC((cells) => cmp(med(cells, 'S', 'rps'), med(cells, 'F1', 'rps'), (x) => x >= 0.7))} | ` +
        `${perC((cells) => cmp(med(cells, 'S', 'p99'), med(cells, 'P', 'p99'), (x) => x <= 1))} | ` +
        `${fixed ? cmp(fixedP99('S'), fixedP99('P'), (x) => x <= 1) : '-'} | ` +
        `${trips ? `${trips[0] === trips[1] ? trips[0] : `${trips[0]}-${trips[1]}`} ${mark(trips[0] === trips[1])}` : '-'} |`,
    );
  }
  lines.push('');
  return lines;
}

function sizeSection(r: SizeResult): string {
  const lines: string[] = [];
  lines.push(`## Size ${r.size}: ${r.actors.toLocaleString('en')} actors (seed ${r.seed})`, '');
  lines.push(
    `Graph: ${r.graph.nodes.toLocaleString('en')} nodes, ${r.graph.relationships.toLocaleString('en')} relationships (all types, incl. MENTIONED_IN, IMPOSED, TARGETS). ` +
      `Run started ${r.startedAt}, took ${fmt(r.seconds)} s. Settings: ${r.settings.quick ? 'quick, ' : ''}${r.settings.reps} repetitions of ${r.settings.durationS} s per variant, ` +
      `concurrency ${r.settings.concurrencies.join('/')}, alternating F0 F1 S P / P S F1 F0 after a warm-up.`,
    '',
  );
  lines.push(
    r.load
      ? `Load (${r.loadReused ? 'from an earlier run, data reused' : 'this run'}): ${describeLoad(r.load)}.`
      : 'Load: data reused, no load report recorded.',
    '',
  );
  lines.push(
    'Machine: ' +
      Object.entries(r.machine)
        .map(([k, v]) => `${k} ${v}`)
        .join('; ') +
      '.',
    '',
  );
  lines.push(...targetsTable(r));
  for (const c of r.settings.concurrencies) {
    lines.push(`### Throughput (req/s, median (min-max)) and latency (ms), concurrency ${c}`, '');
    lines.push(
      '| workload | F0 req/s | F1 req/s | S req/s | P req/s | S p50/p99 | P p50/p99 | F1 p99 | S/P | S/F1 | P/F1 | p99 S/P | errors F1/S/P |',
    );
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const w of r.workloads) {
      const cells = w.cells[String(c)] ?? {};
      const rps = (v: Variant): number[] => (cells[v] ?? []).map((x) => x.rps);
      const p = (v: Variant, k: 'p50' | 'p99'): number => median((cells[v] ?? []).map((x) => x[k]));
      const err = (v: Variant): string => {
        const total = (cells[v] ?? []).reduce((n, x) => n + x.errors, 0) + (w.checks[v]?.errors ?? 0);
        const codes: Record<string, number> = {};
        for (const cell of cells[v] ?? [])
          for (const [code, n] of Object.entries(cell.errorCodes ?? {})) codes[code] = (codes[code] ?? 0) + n;
        const detail = Object.entries(codes).map(([code, n]) => `${code} ${n}`);
        return detail.length > 0 ? `${total} (${detail.join(', ')})` : String(total);
      };
      lines.push(
        `| ${w.key} | ${range(rps('F0'))} | ${range(rps('F1'))} | ${range(rps('S'))} | ${range(rps('P'))} | ` +
          `${fmt(p('S', 'p50'), 1)} / ${fmt(p('S', 'p99'), 1)} | ${fmt(p('P', 'p50'), 1)} / ${fmt(p('P', 'p99'), 1)} | ${fmt(p('F1', 'p99'), 1)} | ` +
          `${ratio(median(rps('S')), median(rps('P')))} | ${ratio(median(rps('S')), median(rps('F1')))} | ${ratio(median(rps('P')), median(rps('F1')))} | ` +
          `${ratio(p('S', 'p99'), p('P', 'p99'))} | ${err('F1')}/${err('S')}/${err('P')} |`,
      );
    }
    lines.push('');
  }
  if (r.workloads.some((w) => w.fixedRate)) {
    lines.push(
      `### Latency at a fixed rate (open loop, ${RATE_CONNECTIONS} connections, half of F1's median throughput at concurrency ${r.settings.concurrencies[0]})`,
      '',
      'Latency corrected for coordinated omission (autocannon `overallRate`); "achieved" below the rate means the variant could not keep up.',
      '',
    );
    lines.push('| workload | rate req/s | achieved F1/S/P | F1 p50/p99 | S p50/p99 | P p50/p99 | p99 S/P | p99 S/F1 | errors F1/S/P |');
    lines.push('|---|---|---|---|---|---|---|---|---|');
    for (const w of r.workloads) {
      if (!w.fixedRate) continue;
      const cells = w.fixedRate.cells;
      const p = (v: HttpVariant, k: 'p50' | 'p99' | 'rps'): number => median((cells[v] ?? []).map((x) => x[k]));
      const errs = (v: HttpVariant): number => (cells[v] ?? []).reduce((n, x) => n + x.errors, 0);
      lines.push(
        `| ${w.key} | ${w.fixedRate.rate} | ${fmt(p('F1', 'rps'))}/${fmt(p('S', 'rps'))}/${fmt(p('P', 'rps'))} | ` +
          `${fmt(p('F1', 'p50'), 1)} / ${fmt(p('F1', 'p99'), 1)} | ${fmt(p('S', 'p50'), 1)} / ${fmt(p('S', 'p99'), 1)} | ${fmt(p('P', 'p50'), 1)} / ${fmt(p('P', 'p99'), 1)} | ` +
          `${ratio(p('S', 'p99'), p('P', 'p99'))} | ${ratio(p('S', 'p99'), p('F1', 'p99'))} | ${errs('F1')}/${errs('S')}/${errs('P')} |`,
      );
    }
    lines.push('');
  }
  lines.push('### Round trips, response sizes, server event-loop delay and RSS', '');
  lines.push(
    '| workload | requests | F0 statements | S round trips | S bytes | P bytes | S ELD p99 ms | P ELD p99 ms | S RSS MB | P RSS MB | first error |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const w of r.workloads) {
    const all = (v: Variant): Cell[] => Object.values(w.cells).flatMap((byV) => byV[v] ?? []);
    const eld = (v: Variant): string => fmt(median(all(v).map((x) => x.eldP99Ms ?? NaN)), 1);
    const rss = (v: Variant): string => fmt(Math.max(...all(v).map((x) => x.rssMb ?? 0)));
    const span = (x: [number, number] | null | undefined): string => (x ? (x[0] === x[1] ? `${x[0]}` : `${x[0]}-${x[1]}`) : '-');
    const error = VARIANTS.map((v) => (w.checks[v]?.firstError ? `${v}: ${w.checks[v]?.firstError}` : '')).filter((e) => e)[0] ?? '';
    lines.push(
      `| ${w.key} | ${w.requests} | ${span(w.checks.F0?.roundTrips)} | ${span(w.checks.S?.roundTrips)} | ${span(w.checks.S?.bytes)} | ${span(w.checks.P?.bytes)} | ` +
        `${eld('S')} | ${eld('P')} | ${rss('S')} | ${rss('P')} | ${error.replace(/\|/g, '/').slice(0, 120)} |`,
    );
  }
  lines.push('', '### PROFILE of the server statements (first 3 requests of each workload)', '');
  lines.push('| workload | statement | db hits | rows | ms |');
  lines.push('|---|---|---|---|---|');
  for (const w of r.workloads)
    for (const p of w.profile) lines.push(`| ${w.key} | ${p.name} | ${p.dbHits.toLocaleString('en')} | ${p.rows} | ${p.ms} |`);
  lines.push('');
  return lines.join('\n');
}

function writeReport(): void {
  const files = existsSync(RESULTS_DIR) ? readdirSync(RESULTS_DIR).filter((f) => /^[SML]\.json$/.test(f)) : [];
  const order: SizeName[] = ['S', 'M', 'L'];
  const results = files
    .map((f) => JSON.parse(readFileSync(path.join(RESULTS_DIR, f), 'utf8')) as SizeResult)
    .sort((a, b) => order.indexOf(a.size) - order.indexOf(b.size));
  const head = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts) from bench/results/<size>.json; do not edit by hand. The analysis',
    "(bench/ANALYSIS.md) comes first. Variants: F0 raw neo4j-driver loop with the server's own Cypher (imported from",
    'src/graph/cypher), F1 bare node:http endpoint running F0, S this server (production, silent logs), P',
    '@neo4j/graphql 7 on Apollo Server 5 (@cypher fields wrapping the same statements for transitive, paths and',
    'neighbourhood). F1, S and P each run in their own Node process; autocannon and F0 run in the bench process.',
    'Closed loop per concurrency, then open loop at a fixed rate; ratios are of medians. Errors count non-200 answers',
    'and GraphQL errors inside HTTP 200.',
    '',
  ];
  const analysisFile = path.join('bench', 'ANALYSIS.md');
  const analysis = existsSync(analysisFile) ? [readFileSync(analysisFile, 'utf8')] : [];
  writeFileSync(path.join('bench', 'RESULTS.md'), [...head, ...analysis, ...results.map(sizeSection)].join('\n'));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const quick = args.has('quick');
  const sizes = (args.get('sizes') ?? (quick ? 'S' : 'S,M')).split(',') as SizeName[];
  for (const size of sizes) if (!(size in SIZES)) throw new Error(`unknown size ${size}; use S, M or L`);
  const settings: Settings = {
    quick,
    seed: intArg(args, 'seed', 42),
    batch: intArg(args, 'batch', 5000),
    writers: intArg(args, 'writers', 1),
    durationS: quick ? 0.5 : intArg(args, 'duration', 2),
    concurrencies: quick ? [8] : (args.get('concurrency') ?? '8,32,128').split(',').map(Number),
    reps: quick ? 3 : intArg(args, 'reps', 3),
    rateReps: quick ? 1 : intArg(args, 'rate-reps', 3),
    ...(args.has('only') ? { only: (args.get('only') ?? '').split(',') } : {}),
    cpuProfile: args.has('cpu-prof'),
  };
  await mkdir(RESULTS_DIR, { recursive: true });
  if (args.has('report-only')) {
    writeReport();
    return;
  }
  try {
    for (const size of sizes) {
      const result = await benchSize(size, settings);
      // A subset is not a run to report: keep it beside the reported results.
      writeFileSync(path.join(RESULTS_DIR, settings.only ? `${size}-only.json` : `${size}.json`), JSON.stringify(result, null, 2));
      writeReport();
      log(`${size} done in ${fmt(result.seconds)} s; bench/RESULTS.md written`);
    }
  } finally {
    if (!args.has('keep')) for (const size of sizes) await stopLocalNeo4j(sizeDir(size), log);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
