import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { LocalNeo4jSettings } from '../src/config/config.js';

/** Where and how the bundled local Neo4j runs. */
export interface LocalNeo4jOptions extends LocalNeo4jSettings {
  /** Where progress lines go; defaults to stderr. */
  readonly log?: (line: string) => void;
}

const LAUNCHER_DIR = path.dirname(fileURLToPath(import.meta.url));
const LAUNCHER_JAR = path.join(LAUNCHER_DIR, 'target', 'neo4j-launcher-1.0.0.jar');
const LIB_DIR = path.join(LAUNCHER_DIR, 'target', 'lib');
const START_TIMEOUT_MS = 180_000;

/**
 * Starts the local Neo4j in the background unless one already answers on the port, and waits until
 * Bolt answers. Builds the launcher with Maven first when needed (the first run resolves the jars).
 *
 * @returns whether this call started it (false when one was already up).
 * @example
 * await startLocalNeo4j({ dir: '.neo4j', host: '127.0.0.1', port: 7687, password: '', heapMb: 1024, pageCacheMb: 512, txMemoryMb: 128, txTotalMemoryMb: 512 });
 */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<{ started: boolean; uri: string }> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const uri = `bolt://${options.host}:${options.port}`;
  if (await portAnswers(options.host, options.port)) {
    log(`Neo4j already answers at ${uri}`);
    return { started: false, uri };
  }
  buildLauncher(log);
  await mkdir(options.dir, { recursive: true });
  const logFile = path.join(options.dir, 'neo4j.log');
  // Only lines written after this offset belong to this start; the log is appended across starts.
  const offset = existsSync(logFile) ? statSync(logFile).size : 0;
  const out = openSync(logFile, 'a');
  const java = findJava(options.javaHome);
  const args = [
    `-Xms${options.heapMb}m`,
    `-Xmx${options.heapMb}m`,
    '-XX:+UseG1GC',
    '-cp',
    `${LAUNCHER_JAR}${path.delimiter}${path.join(LIB_DIR, '*')}`,
    'org.sanctionsgraph.neo4j.Launcher',
    `--home=${path.resolve(options.dir)}`,
    `--bolt=${options.host}:${options.port}`,
    `--pagecache-mb=${options.pageCacheMb}`,
    `--tx-memory-mb=${options.txMemoryMb}`,
    `--tx-total-memory-mb=${options.txTotalMemoryMb}`,
    ...(options.password ? [`--password=${options.password}`] : []),
  ];
  const started = Date.now();
  const child = spawn(java, args, { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
  if (child.pid === undefined) throw new Error(`could not start ${java}`);
  writeFileSync(pidFile(options.dir), String(child.pid));
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  log(`Starting Neo4j (pid ${child.pid}, log ${logFile}) ...`);
  while (Date.now() - started < START_TIMEOUT_MS) {
    if (exited) break;
    if (readLog(logFile, offset).includes(`READY ${uri}`) && (await portAnswers(options.host, options.port))) {
      log(`Neo4j answers at ${uri} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return { started: true, uri };
    }
    await sleep(250);
  }
  if (!exited) process.kill(child.pid, 'SIGKILL');
  rmSync(pidFile(options.dir), { force: true });
  const tail = readLog(logFile, offset).split('\n').slice(-40).join('\n');
  throw new Error(`Neo4j did not start (${exited ? 'the process exited' : 'timed out'}). Last lines of ${logFile}:\n${tail}`);
}

/**
 * Stops the local Neo4j started from `dir` (SIGTERM, then SIGKILL after 60 s) and waits for it to exit.
 *
 * @returns whether a running process was stopped.
 */
export async function stopLocalNeo4j(dir: string, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<boolean> {
  const pid = readPid(dir);
  if (pid === undefined || !alive(pid)) {
    rmSync(pidFile(dir), { force: true });
    log('Neo4j is not running');
    return false;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 60_000;
  while (alive(pid) && Date.now() < deadline) await sleep(200);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  while (alive(pid)) await sleep(100);
  rmSync(pidFile(dir), { force: true });
  log(`Neo4j stopped (pid ${pid})`);
  return true;
}

/** Deletes the local database files (data and transaction logs); Neo4j must be stopped first. */
export function wipeLocalNeo4j(dir: string): void {
  rmSync(path.join(dir, 'data'), { recursive: true, force: true });
}

/** True when something accepts TCP connections on host:port. */
export function portAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function buildLauncher(log: (line: string) => void): void {
  const pom = path.join(LAUNCHER_DIR, 'pom.xml');
  const sources = path.join(LAUNCHER_DIR, 'src');
  const newestInput = Math.max(statSync(pom).mtimeMs, newestMtime(sources));
  if (existsSync(LAUNCHER_JAR) && existsSync(LIB_DIR) && statSync(LAUNCHER_JAR).mtimeMs >= newestInput) return;
  log('Building the Neo4j launcher with Maven (the first run downloads Neo4j into ~/.m2) ...');
  // Maven's output goes to stderr: callers read this process's stdout (db:start prints the URI there).
  const result = spawnSync('mvn', ['-q', '-B', '-Dstyle.color=never', '-f', pom, 'package', '-DskipTests'], {
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (result.status !== 0) throw new Error(`Maven could not build the Neo4j launcher (exit ${String(result.status)})`);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Neo4j 5.26 runs on Java 17 or 21: prefer JAVA_HOME, then `java` on the PATH, then /usr/lib/jvm. */
export function findJava(javaHome: string | undefined): string {
  const candidates = [javaHome ? path.join(javaHome, 'bin', 'java') : undefined, 'java'];
  if (existsSync('/usr/lib/jvm')) {
    for (const name of readdirSync('/usr/lib/jvm').sort()) candidates.push(path.join('/usr/lib/jvm', name, 'bin', 'java'));
  }
  for (const java of candidates) {
    if (java === undefined) continue;
    const major = javaMajor(java);
    if (major === 17 || major === 21) return java;
  }
  throw new Error('Neo4j 5.26 needs Java 17 or 21; none was found (set JAVA_HOME)');
}

function javaMajor(java: string): number | undefined {
  // The JVM prints its settings on stderr.
  const result = spawnSync(java, ['-XshowSettings:properties', '-version'], { encoding: 'utf8' });
  return result.error ? undefined : parseMajor(`${result.stdout}${result.stderr}`);
}

function parseMajor(text: string): number | undefined {
  const match = /java\.specification\.version = (\d+)/.exec(text);
  return match?.[1] ? Number(match[1]) : undefined;
}

function pidFile(dir: string): string {
  return path.join(dir, 'neo4j.pid');
}

function readPid(dir: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile(dir), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // An exited child whose parent has not reaped it yet (a zombie) still accepts signal 0.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

function readLog(file: string, offset = 0): string {
  try {
    return readFileSync(file).subarray(offset).toString('utf8');
  } catch {
    return '';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
