/**
 * `npm run bench [-- --quick] [--sizes S,M] [--seed 42] [--batch 5000] [--writers 1] [--keep] [--port 7689]
 * [--concurrency 8,32,128] [--duration 2] [--reps 3] [--rate-reps 3] [--only transitive,hood] [--cpu-prof]
 * [--report-only]`: starts the bench Neo4j (.neo4j-bench/<size>, Bolt on `--port`, 7689 by default),
 * loads the generated graph unless the same size and seed is already there, starts F1, S and P in child
 * processes, then for each workload and concurrency runs the variants alternately (F0 F1 S P, then P S F1
 * F0, ...) after a warm-up, then the fixed-rate latency run, and writes bench/RESULTS.md from
 * bench/results/<size>.json. `--only` runs a subset into bench/results/<size>-only.json (not reported);
 * `--cpu-prof` has the servers write V8 CPU profiles; `--report-only` rewrites RESULTS.md from the JSON.
 *
 * This file orchestrates; processes.ts starts Neo4j and the servers, fixtures.ts picks the workloads'
 * requests, measure.ts measures, report.ts writes the report, bench-result.ts is the JSON they share.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { stopLocalNeo4j } from '../neo4j/local-neo4j.js';
import { intArg, parseArgs } from './args.js';
import {
  type Cell,
  type Check,
  type HttpVariant,
  type Settings,
  type SizeResult,
  type Variant,
  VARIANTS,
  type WorkloadResult,
} from './bench-result.js';
import { buildWorkloads } from './fixtures.js';
import { floorDriver } from './floor.js';
import { type SizeName, SIZES } from './gen-graph.js';
import { benchGraphClient } from './load.js';
import { awaitIdle, checkVariant, measureFixedRate, measureFloor, measureHttp, median, profileWorkload } from './measure.js';
import { boltUri, DEFAULT_PORT, log, prepareDatabase, type Server, sizeDir, startServer } from './processes.js';
import { fmt, RESULTS_DIR, writeReport } from './report.js';

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
  try {
    const workloads = (await buildWorkloads(uri, size, s, servers)).filter((w) => !s.only || s.only.some((key) => w.key.startsWith(key)));
    const results: WorkloadResult[] = [];
    for (const w of workloads) {
      const checks: Partial<Record<Variant, Check>> = {};
      for (const v of VARIANTS) checks[v] = await checkVariant(uri, v, w, servers, s.quick);
      const profile = await profileWorkload(uri, w);
      const cells: WorkloadResult['cells'] = {};
      for (const c of s.concurrencies) {
        const byVariant: Partial<Record<Variant, Cell[]>> = {};
        const measure = async (v: Variant, seconds: number): Promise<Cell> => {
          await awaitIdle(control);
          return v === 'F0' ? measureFloor(uri, w, c, seconds) : measureHttp(servers.get(v) as Server, w, c, seconds);
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
    durationS: quick ? 0.5 : intArg(args, 'duration', 2),
    concurrencies: quick ? [8] : (args.get('concurrency') ?? '8,32,128').split(',').map(Number),
    reps: quick ? 3 : intArg(args, 'reps', 3),
    rateReps: quick ? 1 : intArg(args, 'rate-reps', 3),
    ...(args.has('only') ? { only: (args.get('only') ?? '').split(',') } : {}),
    cpuProfile: args.has('cpu-prof'),
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
