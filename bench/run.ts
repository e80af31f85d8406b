/**
 * `npm run bench [-- --quick] [--sizes S,M] [--seed 42] [--batch 5000] [--writers 1] [--keep] [--port 7689]
 * [--concurrency 8,32,128] [--duration 2] [--reps 5] [--rate-reps 3] [--only transitive,hood [--merge]]
 * [--min-requests 200] [--max-cell 60] [--max-other-cpu 10] [--settle 60] [--allow-noisy] [--cpu-prof]
 * [--report-only]`: starts the bench Neo4j (.neo4j-bench/<size>, Bolt on `--port`, 7689 by default),
 * loads the generated graph unless the same size and seed is already there, starts F1, S and P in child
 * processes, then for each workload and concurrency runs the variants alternately (F0 F1 S P, then P S F1
 * F0, ...) after a warm-up, then the fixed-rate latency run, and writes bench/RESULTS.md and
 * bench/charts/*.svg from bench/results/<size>.json.
 *
 * Every cell runs long enough for `--min-requests` requests and two per connection (at most `--max-cell`
 * seconds), on a quiet machine: before it the bench waits (at most `--settle` seconds) until processes
 * other than its own use at most `--max-other-cpu` percent of the CPU, and a cell during which they used
 * more is measured again, twice at most, then kept marked noisy; the report refuses a figure with a noisy
 * cell. `--allow-noisy` keeps noisy cells without waiting and writes bench/results/<size>-noisy.json and
 * bench/results/NOISY.md instead, never RESULTS.md. `--only` runs a subset into
 * bench/results/<size>-only.json (not reported), or with `--merge` into <size>.json in place of those
 * workloads; `--cpu-prof` has the servers write V8 CPU profiles; `--report-only` rewrites RESULTS.md and
 * the charts from the JSON. `BENCH_S_<NAME>=<value>` in the environment runs S with its setting `<NAME>`
 * (an A/B run, such as `BENCH_S_JIT_EXECUTION=false`), recorded in the results and named in the report.
 *
 * This file orchestrates; processes.ts starts Neo4j and the servers, fixtures.ts picks the workloads'
 * requests, measure.ts measures, machine-load.ts watches the machine, report.ts and charts.ts write the
 * report, bench-result.ts is the JSON they share.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Driver } from 'neo4j-driver';

import { stopLocalNeo4j } from '../neo4j/local-neo4j.js';
import { intArg, parseArgs, settingsForS } from './args.js';
import {
  type Cell,
  type Check,
  type HttpVariant,
  noLongerRising,
  type Settings,
  type SizeResult,
  type Variant,
  VARIANTS,
  type Warmup,
  type WorkloadResult,
} from './bench-result.js';
import { buildWorkloads } from './fixtures.js';
import { floorDriver } from './floor.js';
import { type SizeName, SIZES } from './gen-graph.js';
import { benchGraphClient } from './load.js';
import { DEFAULT_MAX_OTHER_SHARE, LoadMeter, speedProbeMs } from './machine-load.js';
import { awaitIdle, checkVariant, measureFixedRate, measureFloor, measureHttp, median, profileWorkload } from './measure.js';
import { boltUri, DEFAULT_PORT, log, neo4jPids, prepareDatabase, type Server, sizeDir, startServer } from './processes.js';
import { fmt, RESULTS_DIR, writeNoisyReport, writeReport } from './report.js';
import type { Workload } from './workloads.js';

/**
 * How long each cell of a workload at concurrency `c` runs: the asked duration, stretched so the slowest
 * variant of the warm-up (`slowestRps`) completes at least the fewest requests, and at least two per
 * connection (at 128 connections a heavy traversal must finish inside the cell), bounded by `maxCellS`.
 */
function cellSeconds(s: Settings, c: number, slowestRps: number): number {
  const wanted = Math.max(s.minRequests ?? 0, 2 * c);
  const needed = Number.isFinite(slowestRps) && slowestRps > 0 ? (1.2 * wanted) / slowestRps : Infinity;
  return Math.min(s.maxCellS ?? s.durationS, Math.max(s.durationS, needed));
}

/**
 * One cell measured on a quiet machine: waits (bounded) until other processes use at most the allowed share
 * of the CPU, measures, and measures again (twice at most) when they used more during the cell. A cell
 * still noisy after that is kept marked noisy, and the report refuses it (with `--allow-noisy`: one try).
 */
async function gated(s: Settings, meter: LoadMeter, control: Driver, measure: () => Promise<Cell>, label: string): Promise<Cell> {
  const maxShare = s.maxOtherShare ?? DEFAULT_MAX_OTHER_SHARE;
  const tries = s.allowNoisy ? 1 : 3;
  let cell: Cell | undefined;
  for (let retries = 0; retries < tries; retries++) {
    await awaitIdle(control);
    // One short sample when noisy cells are allowed: the machine is not waited for.
    const { sample: before, waitedS } = await meter.settle(
      maxShare,
      s.allowNoisy ? 0 : (s.settleTimeoutS ?? 60),
      s.allowNoisy || s.quick ? 0.1 : 0.5,
    );
    const probeBefore = speedProbeMs();
    meter.start();
    const measured = await measure();
    const during = meter.stop();
    const probeMs = { before: probeBefore, after: speedProbeMs() };
    const noisy = during.otherShare !== null && during.otherShare > maxShare;
    cell = { ...measured, load: { before, waitedS, during, noisy, retries, probeMs } };
    if (!noisy) return cell;
    log(
      `${label}: other processes used ${((during.otherShare ?? 0) * 100).toFixed(0)}% of the CPU (load ${during.loadAverage[0].toFixed(1)})${retries + 1 < tries ? '; again' : '; noisy'}`,
    );
  }
  return cell as Cell;
}

/**
 * `--only ... --merge`: the re-run workloads replace theirs in the reported <size>.json (each marked with
 * its run's start and settings), the others stay as they were measured.
 */
function merged(size: SizeName, rerun: SizeResult): SizeResult {
  const file = path.join(RESULTS_DIR, `${size}.json`);
  const previous = JSON.parse(readFileSync(file, 'utf8')) as SizeResult;
  const fresh = new Map(rerun.workloads.map((w) => [w.key, { ...w, rerun: { startedAt: rerun.startedAt, settings: rerun.settings } }]));
  const kept = previous.workloads.map((w) => fresh.get(w.key) ?? w);
  for (const [key, w] of fresh) if (!previous.workloads.some((p) => p.key === key)) kept.push(w);
  return { ...previous, machine: rerun.machine, workloads: kept };
}

/**
 * Rounds of every variant on the first workload (2 s cells at the first concurrency) until no variant's
 * throughput is still rising ({@link noLongerRising}), 20 rounds at most. A freshly started
 * Neo4j compiles its hot paths for tens of seconds: on this machine the first point cells ran at a sixth
 * of the rate they reached a minute later, which a 1 s warm-up per workload did not absorb. The quick run
 * does one round.
 */
async function warmUntilSteady(s: Settings, uri: string, w: Workload, servers: Map<HttpVariant, Server>, control: Driver): Promise<Warmup> {
  const started = Date.now();
  const c = s.concurrencies[0] ?? 8;
  const rps: Partial<Record<Variant, number[]>> = {};
  const maxRounds = s.quick ? 1 : 20;
  let rounds = 0;
  let steady = false;
  while (rounds < maxRounds && !steady) {
    rounds += 1;
    for (const v of VARIANTS) {
      await awaitIdle(control);
      const cell =
        v === 'F0'
          ? await measureFloor(uri, w, c, s.quick ? 0.3 : 2)
          : await measureHttp(servers.get(v) as Server, w, c, s.quick ? 0.3 : 2);
      (rps[v] ??= []).push(Math.round(cell.rps));
    }
    steady = VARIANTS.every((v) => noLongerRising(rps[v] ?? []));
    log(
      `warm-up round ${rounds} on ${w.key}: ${VARIANTS.map((v) => `${v} ${rps[v]?.at(-1) ?? 0}`).join(' ')} req/s${steady ? ' (steady)' : ''}`,
    );
  }
  return { rounds, seconds: (Date.now() - started) / 1000, steady, rps };
}

async function benchSize(size: SizeName, s: Settings, port: number): Promise<SizeResult> {
  const started = Date.now();
  const uri = boltUri(port);
  const { load, reused } = await prepareDatabase(size, s, port);
  const graph = benchGraphClient(uri);
  const counts = await graph.read<{ nodes: number; relationships: number }>({
    name: 'benchCounts',
    text: 'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
  });
  const neo4jInfo = await graph.serverInfo();
  await graph.close();

  const servers = new Map<HttpVariant, Server>();
  for (const v of ['F1', 'S', 'P'] as const) servers.set(v, await startServer(v, uri, s.cpuProfile === true));
  const control = floorDriver(uri);
  const meter = new LoadMeter(() => neo4jPids(size));
  try {
    const workloads = (await buildWorkloads(uri, size, s, servers)).filter((w) => !s.only || s.only.some((key) => w.key.startsWith(key)));
    const first = workloads[0];
    const warmup = first ? await warmUntilSteady(s, uri, first, servers, control) : undefined;
    const results: WorkloadResult[] = [];
    for (const w of workloads) {
      const checks: Partial<Record<Variant, Check>> = {};
      for (const v of VARIANTS) checks[v] = await checkVariant(uri, v, w, servers, s.quick);
      const profile = await profileWorkload(uri, w);
      const cells: WorkloadResult['cells'] = {};
      for (const c of s.concurrencies) {
        const byVariant: Partial<Record<Variant, Cell[]>> = {};
        const run = (v: Variant, seconds: number): Promise<Cell> =>
          v === 'F0' ? measureFloor(uri, w, c, seconds) : measureHttp(servers.get(v) as Server, w, c, seconds);
        // Warm-up (not gated): also tells how long a cell must run to complete enough requests.
        const warm: Cell[] = [];
        for (const v of VARIANTS) warm.push(await awaitIdle(control).then(() => run(v, s.quick ? 0.3 : 1)));
        // A variant that completes nothing (a failing peer) would stretch every cell to the bound: left out.
        const seconds = cellSeconds(s, c, Math.min(...warm.map((x) => x.rps).filter((rps) => rps > 0)));
        for (let rep = 0; rep < s.reps; rep++) {
          // Alternate the order each repetition: F0 F1 S P, then P S F1 F0.
          for (const v of rep % 2 === 0 ? VARIANTS : [...VARIANTS].reverse())
            (byVariant[v] ??= []).push(await gated(s, meter, control, () => run(v, seconds), `${size} ${w.key} c=${c} ${v}`));
        }
        cells[String(c)] = byVariant;
        const med = (v: Variant): string => {
          const quiet = (byVariant[v] ?? []).filter((x) => s.allowNoisy || !x.load?.noisy);
          return `${median(quiet.map((x) => x.rps)).toFixed(0)}${quiet.length < (byVariant[v] ?? []).length ? '*' : ''}`;
        };
        log(`${size} ${w.key} c=${c} (${seconds.toFixed(1)} s cells): F0 ${med('F0')} F1 ${med('F1')} S ${med('S')} P ${med('P')} req/s`);
      }
      const fixedRate = s.rateReps
        ? await measureFixedRate(w, cells, servers, s, (label, measure) => gated(s, meter, control, measure, `${size} ${w.key} ${label}`))
        : undefined;
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
      ...(warmup ? { warmup } : {}),
      workloads: results,
    };
  } finally {
    for (const server of servers.values()) server.child.kill('SIGTERM');
    await control.close();
  }
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
    durationS: quick ? 0.4 : intArg(args, 'duration', 2),
    concurrencies: quick ? [8] : (args.get('concurrency') ?? '8,32,128').split(',').map(Number),
    reps: quick ? 3 : intArg(args, 'reps', 5),
    rateReps: quick ? 1 : intArg(args, 'rate-reps', 3),
    ...(args.has('only') ? { only: (args.get('only') ?? '').split(',') } : {}),
    cpuProfile: args.has('cpu-prof'),
    minRequests: intArg(args, 'min-requests', quick ? 20 : 200),
    // The quick run must end in about 3 minutes from a clean clone: short cells, a short load sample.
    maxCellS: Number(args.get('max-cell') ?? (quick ? 0.6 : 60)),
    maxOtherShare: intArg(args, 'max-other-cpu', DEFAULT_MAX_OTHER_SHARE * 100) / 100,
    settleTimeoutS: intArg(args, 'settle', quick ? 3 : 60),
    allowNoisy: args.has('allow-noisy'),
    ...sSettingsOf(settingsForS(benchEnv())),
  };
  const port = intArg(args, 'port', DEFAULT_PORT);
  await mkdir(RESULTS_DIR, { recursive: true });
  if (args.has('report-only')) {
    writeReport();
    return;
  }
  try {
    for (const size of sizes) {
      const result = await benchSize(size, settings, port);
      // A subset is not a run to report: keep it beside the reported results.
      // A noisy run or a subset is not a run to report: keep it beside the reported results.
      const file = settings.allowNoisy ? `${size}-noisy.json` : settings.only && !args.has('merge') ? `${size}-only.json` : `${size}.json`;
      writeFileSync(path.join(RESULTS_DIR, file), JSON.stringify(args.has('merge') ? merged(size, result) : result, null, 2));
      if (settings.allowNoisy) writeNoisyReport();
      else writeReport();
      log(
        `${size} done in ${fmt(result.seconds)} s; ${settings.allowNoisy ? 'bench/results/NOISY.md (noisy: not reported)' : 'bench/RESULTS.md'} written`,
      );
    }
  } finally {
    if (!args.has('keep')) for (const size of sizes) await stopLocalNeo4j(sizeDir(size), log);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

/** The bench's environment, where an A/B run's `BENCH_S_` settings are read. */
function benchEnv(): NodeJS.ProcessEnv {
  // eslint-disable-next-line no-restricted-properties -- the bench is a script; S's own settings still go through parseConfig
  return process.env;
}

/** `sSettings` of the run's settings: present only when S ran with settings of its own. */
function sSettingsOf(settings: Record<string, string>): { sSettings?: Record<string, string> } {
  return Object.keys(settings).length > 0 ? { sSettings: settings } : {};
}
