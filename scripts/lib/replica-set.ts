/**
 * API replicas behind HAProxy on loopback (issue 19): N server processes (src/main.ts), each on its own
 * port and named by REPLICA_NAME, sharing one Neo4j, and Debian's `haproxy` running deploy/haproxy.cfg
 * in front of them. Used by `npm run replicas` (scripts/replicas.ts) and by the replica test
 * (test/support/replicas.ts). Waits on what the processes print and on HAProxy's own statistics, never
 * on the clock.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** The HAProxy configuration every replica set runs (the deployment's own). */
export const HAPROXY_CONFIG = path.resolve('deploy/haproxy.cfg');

/** Names of the servers in deploy/haproxy.cfg, in order; REPLICA_NAME of each replica. */
export const REPLICA_NAMES = ['api1', 'api2', 'api3'] as const;

/**
 * The drain deploy/haproxy.cfg expects of a replica: /readyz answers 503 until three checks saw it
 * (fall 2, plus one so that HAProxy has marked it DOWN before the listener closes), at most 10 s.
 */
export const REPLICA_DRAIN_ENV = { SHUTDOWN_UNREADY_MS: '10000', SHUTDOWN_UNREADY_PROBES: '3' } as const;

/**
 * Where `haproxy` is: in a folder of `searchPath` (a PATH value) or where Debian and source builds put
 * it (/usr/sbin is not on every user's PATH); undefined when it is not installed.
 */
export function findHaproxy(searchPath = ''): string | undefined {
  const candidates: string[] = [];
  const dirs = [...searchPath.split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin'];
  for (const dir of dirs) if (dir !== '') candidates.push(path.join(dir, 'haproxy'));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not there: the next one.
    }
  }
  return undefined;
}

/** One server line of HAProxy's CSV statistics. */
export interface ServerStats {
  readonly name: string;
  /** UP, DOWN, "UP 1/2" (going down), "DOWN 1/2" (coming up), MAINT, ... */
  readonly status: string;
  /** Failed health checks since HAProxy started. */
  readonly checkFailures: number;
  /** UP to DOWN transitions. */
  readonly downs: number;
  /** The last check's result, such as L7OK, L7STS (a 503) or L4CON (connection refused). */
  readonly checkStatus: string;
  /** Requests (sessions) the server got. */
  readonly sessions: number;
}

/** A request as HAProxy logged it (deploy/haproxy.cfg's log-format). */
export interface HaproxyLogLine {
  readonly server: string;
  readonly status: number;
  /** Termination state: `----` for a normal end; first letter `S`: the server aborted or refused. */
  readonly termination: string;
  /** Retries; `redispatched` when one went to another server (a '+' in the log). */
  readonly retries: number;
  readonly redispatched: boolean;
  readonly requestId: string;
}

const LOG_LINE = / api\/(\S+) \S+ (-?\d+) \S+ (\S{4}) \d+\/\d+\/\d+\/\d+\/(\+?)(\d+) \S+ rid=(\S*) /;

/** Parses one request line of HAProxy's log; undefined for other lines (state changes, warnings). */
export function parseHaproxyLogLine(line: string): HaproxyLogLine | undefined {
  const m = LOG_LINE.exec(line);
  if (!m) return undefined;
  return {
    server: m[1] ?? '',
    status: Number(m[2]),
    termination: m[3] ?? '',
    redispatched: m[4] === '+',
    retries: Number(m[5]),
    requestId: m[6] ?? '',
  };
}

/** Parses HAProxy's `/stats;csv` into the servers of the `api` backend. */
export function parseServerStats(csv: string): ServerStats[] {
  const [header, ...rows] = csv.split('\n').filter((line) => line.trim() !== '');
  const columns = (header ?? '').replace(/^# /, '').split(',');
  const at = (name: string): number => columns.indexOf(name);
  return rows
    .map((row) => row.split(','))
    .filter((cells) => cells[at('pxname')] === 'api' && cells[at('svname')] !== 'BACKEND' && cells[at('svname')] !== 'FRONTEND')
    .map((cells) => ({
      name: cells[at('svname')] ?? '',
      status: cells[at('status')] ?? '',
      checkFailures: Number(cells[at('chkfail')] ?? 0),
      downs: Number(cells[at('chkdown')] ?? 0),
      checkStatus: cells[at('check_status')] ?? '',
      sessions: Number(cells[at('stot')] ?? 0),
    }));
}

/** Where the replica set listens. */
export interface ReplicaSetOptions {
  /** Replicas to start: 1 to 3 (the servers of deploy/haproxy.cfg; absent ones stay DOWN in HAProxy). */
  readonly count: number;
  /** HAProxy's port; its statistics on the next one; the replicas on base + 11, + 12, + 13. */
  readonly basePort: number;
  /** The environment every replica runs with (NEO4J_URI at least); PORT, HOST, REPLICA_NAME are set here. */
  readonly env: NodeJS.ProcessEnv;
  /** The haproxy binary (see {@link findHaproxy}). */
  readonly haproxy: string;
  /** Called with every line a replica or HAProxy prints (default: dropped). */
  readonly onOutput?: (source: string, line: string) => void;
}

/** A replica process. */
interface Replica {
  readonly name: string;
  readonly port: number;
  child: ChildProcess | undefined;
  exit: Promise<number | null> | undefined;
}

/** Waits until `check` holds, polling every 25 ms; fails after `timeoutMs` (a bound, not a measurement). */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function lines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let rest = '';
  stream?.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) onLine(line);
  });
}

/**
 * N API replicas and HAProxy in front of them. Start with {@link ReplicaSet.start}; stop with
 * {@link ReplicaSet.close}, which stops every process it started.
 *
 * @example
 * const set = await ReplicaSet.start({ count: 3, basePort: 18400, env, haproxy: findHaproxy()! });
 * const res = await fetch(`${set.url}?query={apiVersion}`, { headers: { 'apollo-require-preflight': 'true' } });
 */
export class ReplicaSet {
  /** Every request line HAProxy logged so far, in order. */
  readonly requests: HaproxyLogLine[] = [];
  /** Every other line HAProxy printed (server state changes, warnings). */
  readonly events: string[] = [];
  private readonly replicas: Replica[];
  private haproxyProcess: ChildProcess | undefined;
  private haproxyExit: Promise<number | null> | undefined;

  private constructor(private readonly options: ReplicaSetOptions) {
    this.replicas = REPLICA_NAMES.map((name, i) => ({ name, port: options.basePort + 11 + i, child: undefined, exit: undefined }));
  }

  /** Starts the first replica (which seeds an empty database), the others, then HAProxy; resolves when all are UP. */
  static async start(options: ReplicaSetOptions): Promise<ReplicaSet> {
    if (options.count < 1 || options.count > REPLICA_NAMES.length) throw new Error(`count must be 1 to ${REPLICA_NAMES.length}`);
    const set = new ReplicaSet(options);
    try {
      await set.startReplica(REPLICA_NAMES[0]);
      await Promise.all(REPLICA_NAMES.slice(1, options.count).map((name) => set.startReplica(name)));
      set.startHaproxy();
      await until(async () => {
        const stats = await set.stats();
        // Servers of the configuration that were not started must be DOWN before anything is measured.
        return REPLICA_NAMES.every((name, i) => stats.find((s) => s.name === name)?.status === (i < options.count ? 'UP' : 'DOWN'));
      }, 'HAProxy to see every replica UP (and the ones not started DOWN)');
    } catch (error) {
      await set.close();
      throw error;
    }
    return set;
  }

  /** HAProxy's GraphQL endpoint. */
  get url(): string {
    return `http://127.0.0.1:${this.options.basePort}/graphql`;
  }

  /** HAProxy's CSV statistics page. */
  get statsUrl(): string {
    return `http://127.0.0.1:${this.options.basePort + 1}/stats;csv`;
  }

  /** The replicas' names and ports. */
  get members(): readonly { readonly name: string; readonly port: number; readonly running: boolean }[] {
    return this.replicas.slice(0, this.options.count).map((r) => ({ name: r.name, port: r.port, running: r.child !== undefined }));
  }

  /** HAProxy's view of the replicas, from its statistics page. */
  async stats(): Promise<ServerStats[]> {
    try {
      const res = await fetch(this.statsUrl);
      return parseServerStats(await res.text());
    } catch {
      return [];
    }
  }

  /** HAProxy's view of one replica. */
  async statsOf(name: string): Promise<ServerStats | undefined> {
    return (await this.stats()).find((s) => s.name === name);
  }

  /** Waits until HAProxy reports the replica with exactly this status (UP or DOWN). */
  async waitForStatus(name: string, status: 'UP' | 'DOWN', timeoutMs = 60_000): Promise<ServerStats> {
    let seen: ServerStats | undefined;
    await until(
      async () => {
        seen = await this.statsOf(name);
        return seen?.status === status;
      },
      `HAProxy to report ${name} ${status}`,
      timeoutMs,
    );
    return seen as ServerStats;
  }

  /** Starts a replica's process and resolves when it serves (it prints its URL). */
  async startReplica(name: string): Promise<void> {
    const replica = this.replica(name);
    if (replica.child) throw new Error(`${name} is running`);
    const env = { ...this.options.env, ...REPLICA_DRAIN_ENV, HOST: '127.0.0.1', PORT: String(replica.port), REPLICA_NAME: name };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    replica.child = child;
    replica.exit = new Promise((resolve) =>
      child.once('exit', (code) => {
        replica.child = undefined;
        resolve(code);
      }),
    );
    let ready = false;
    let output = '';
    const onLine = (line: string): void => {
      if (line.includes('sanctions-graph ready at')) ready = true;
      if (output.length < 20_000) output += `${line}\n`;
      this.options.onOutput?.(name, line);
    };
    lines(child.stdout, onLine);
    lines(child.stderr, onLine);
    await until(() => ready || replica.child === undefined, `${name} to start`, 120_000);
    if (!ready) throw new Error(`${name} exited before it served:\n${output}`);
  }

  /**
   * Sends a signal to a replica at once and returns the promise of its exit code (null when killed by
   * the signal).
   */
  signal(name: string, signal: 'SIGTERM' | 'SIGKILL'): Promise<number | null> {
    const replica = this.replica(name);
    if (!replica.child || !replica.exit) throw new Error(`${name} is not running`);
    replica.child.kill(signal);
    return replica.exit;
  }

  /** Stops HAProxy (SIGTERM) and every replica (SIGKILL: nothing is in flight any more). */
  async close(): Promise<void> {
    const stops: Promise<unknown>[] = [];
    if (this.haproxyProcess && this.haproxyExit) {
      this.haproxyProcess.kill('SIGTERM');
      stops.push(this.haproxyExit);
    }
    for (const replica of this.replicas) {
      if (!replica.child || !replica.exit) continue;
      replica.child.kill('SIGKILL');
      stops.push(replica.exit);
    }
    await Promise.all(stops);
  }

  private replica(name: string): Replica {
    const replica = this.replicas.find((r) => r.name === name);
    if (!replica) throw new Error(`no replica ${name}`);
    return replica;
  }

  private startHaproxy(): void {
    // HAProxy needs nothing of the environment but the addresses and ports of deploy/haproxy.cfg.
    const env: NodeJS.ProcessEnv = {
      HAPROXY_BIND: '127.0.0.1',
      HAPROXY_PORT: String(this.options.basePort),
      HAPROXY_STATS_PORT: String(this.options.basePort + 1),
    };
    for (const [i, replica] of this.replicas.entries()) env[`REPLICA${i + 1}`] = `127.0.0.1:${replica.port}`;
    // -db: in the foreground, logging to stdout; -W would add a master process to stop as well.
    const child = spawn(this.options.haproxy, ['-db', '-f', HAPROXY_CONFIG], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.haproxyProcess = child;
    this.haproxyExit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const onLine = (line: string): void => {
      const request = parseHaproxyLogLine(line);
      if (request) this.requests.push(request);
      else if (line.trim() !== '') this.events.push(line);
      this.options.onOutput?.('haproxy', line);
    };
    lines(child.stdout, onLine);
    lines(child.stderr, onLine);
  }
}
