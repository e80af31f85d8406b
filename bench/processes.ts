/**
 * The processes a bench run starts: the bench Neo4j (one per size under .neo4j-bench/<size>, on the
 * Bolt port of `--port`) with its generated graph, and the F1, S and P servers (bench/serve.ts), each
 * in its own Node process.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { portAnswers, startLocalNeo4j, stopLocalNeo4j, wipeLocalNeo4j } from '../neo4j/local-neo4j.js';
import type { HttpVariant, Settings } from './bench-result.js';
import { GENERATOR_VERSION, type SizeName, SIZES } from './gen-graph.js';
import { benchGraphClient, describeLoad, loadGraph, type LoadReport } from './load.js';
import type { ServeMessage } from './serve.js';
import type { BenchRequest } from './workloads.js';

const BENCH_DIR = '.neo4j-bench';
/** Bolt port of the bench Neo4j unless `--port` says otherwise. */
export const DEFAULT_PORT = 7689;

/** Progress lines of the bench, on stderr. */
export const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

/** The Bolt URI of the bench Neo4j on `port`. */
export const boltUri = (port: number): string => `bolt://127.0.0.1:${port}`;

// ---------------------------------------------------------------------------------------------- database

/** Folder of the bench Neo4j of one size. */
export function sizeDir(size: SizeName): string {
  return path.join(BENCH_DIR, size);
}

interface Marker {
  readonly actors: number;
  readonly seed: number;
  readonly generatorVersion: number;
  readonly load: LoadReport | null;
}

/**
 * Starts the bench Neo4j of `size` on `port`, stopping the other sizes' first, and loads the generated
 * graph unless the same size, seed and generator version is already there.
 */
export async function prepareDatabase(size: SizeName, s: Settings, port: number): Promise<{ load: LoadReport | null; reused: boolean }> {
  // One bench Neo4j at a time on the port: stop the other sizes' databases.
  for (const other of Object.keys(SIZES) as SizeName[]) if (other !== size) await stopLocalNeo4j(sizeDir(other), log);
  if (await portAnswers('127.0.0.1', port)) await stopLocalNeo4j(sizeDir(size), log);
  if (await portAnswers('127.0.0.1', port)) throw new Error(`port ${port} is taken by a Neo4j this bench did not start`);
  const dir = sizeDir(size);
  const markerFile = path.join(dir, 'bench-data.json');
  const wanted = { actors: SIZES[size], seed: s.seed, generatorVersion: GENERATOR_VERSION };
  const marker = existsSync(markerFile) ? (JSON.parse(readFileSync(markerFile, 'utf8')) as Marker) : null;
  const reuse = marker?.actors === wanted.actors && marker.seed === wanted.seed && marker.generatorVersion === wanted.generatorVersion;
  if (!reuse) wipeLocalNeo4j(dir);
  await startLocalNeo4j({
    dir,
    host: '127.0.0.1',
    port,
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
  const graph = benchGraphClient(boltUri(port));
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

/** The pid of the bench Neo4j of `size` (from its pid file), for the load meter's "ours". */
export function neo4jPids(size: SizeName): number[] {
  try {
    const pid = Number(readFileSync(path.join(sizeDir(size), 'neo4j.pid'), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? [pid] : [];
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------- servers

/** A running F1, S or P server. */
export interface Server {
  readonly variant: HttpVariant;
  readonly url: string;
  readonly child: ChildProcess;
}

/**
 * Where `--cpu-prof` has the servers write their V8 CPU profiles, a directory per variant with one file
 * per thread (tsx's loader runs in a worker; the requests are on the main thread, the largest file).
 */
const CPU_PROFILE_DIR = path.join('bench', '.data', 'cpu-prof');

/** Forks bench/serve.ts for `variant` against the Neo4j at `uri` and waits until it listens. */
export async function startServer(variant: HttpVariant, uri: string, cpuProfile: boolean): Promise<Server> {
  // NODE_ENV=production for the whole process: graphql-js and Apollo read it at load time.
  // eslint-disable-next-line no-restricted-properties -- the child inherits the bench's environment
  const env = { ...process.env, NODE_ENV: 'production' };
  const child = fork(path.join('bench', 'serve.ts'), [variant, uri], {
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

/** The server's event-loop delay and RSS since its last reset. */
export function stats(server: Server): Promise<Extract<ServeMessage, { type: 'stats' }>> {
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

/** The body `variant` is sent for a request. */
export function bodyFor(variant: HttpVariant, r: BenchRequest): unknown {
  return variant === 'F1' ? r.f : variant === 'S' ? r.s : r.p;
}

/** POSTs one JSON body to a server. */
export async function postJson(server: Server, body: unknown): Promise<{ status: number; text: string; json: unknown }> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as unknown };
}
