/**
 * The replica test's harness (issue 19): three API processes behind HAProxy (scripts/lib/replica-set.ts)
 * against the test Neo4j through a routing URI, and a bounded load whose every request is recorded, so a
 * test can say exactly which requests failed and where HAProxy had sent them.
 */
import { ReplicaSet } from '../../scripts/lib/replica-set.js';
import { testEnv } from './test-env.js';

export { findHaproxy, type HaproxyLogLine, ReplicaSet, type ServerStats, until } from '../../scripts/lib/replica-set.js';

/** First port of the replica test (HAProxy; stats on +1; replicas on +11..+13). TEST_REPLICA_BASE_PORT. */
export const TEST_REPLICA_BASE_PORT = Number(process.env['TEST_REPLICA_BASE_PORT'] ?? '18400');

/** The test Neo4j behind a routing scheme, as a deployment names a cluster. */
export function routingUri(): string {
  const uri = testEnv()['NEO4J_URI'] ?? `bolt://127.0.0.1:${testEnv()['NEO4J_LOCAL_BOLT_PORT'] ?? '7688'}`;
  return uri.replace(/^bolt(\+s|\+ssc)?:/, 'neo4j$1:');
}

/**
 * Starts three replicas (production settings, the test Neo4j by routing URI) and HAProxy on
 * deploy/haproxy.cfg.
 */
export async function startTestReplicas(haproxy: string): Promise<ReplicaSet> {
  const env = testEnv({
    NEO4J_URI: routingUri(),
    NODE_ENV: 'production',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn',
    // Every request comes from HAProxy's address: one caller for the per-caller budgets.
    RATE_LIMIT_POINTS: '0',
  });
  const output: string[] = [];
  try {
    return await ReplicaSet.start({
      count: 3,
      basePort: TEST_REPLICA_BASE_PORT,
      env,
      haproxy,
      onOutput: (source, line) => {
        if (output.length < 500) output.push(`[${source}] ${line}`);
      },
    });
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output.join('\n')}`);
  }
}

/** The query of the load: one database round trip. */
export const LOAD_QUERY = '{ actor(id: "china") { id name } }';

/** One request of a {@link BoundedLoad}, as the client saw it. */
export interface LoadRecord {
  /** Its x-request-id, which HAProxy logs: `<prefix>-<seq>`. */
  readonly id: string;
  /** Order of sending, from 0. */
  readonly seq: number;
  /** GET (HAProxy may replay it) or POST (not replayed once sent). */
  readonly method: 'GET' | 'POST';
  /** HTTP status, or 0 when the connection failed without an answer. */
  status: number;
  /** Whether the answer was the expected data. */
  ok: boolean;
  /** The replica that answered (x-served-by). */
  servedBy: string | null;
  /** Settled (answered or failed). */
  settled: boolean;
}

/**
 * A bounded load: `concurrency` clients, each sending the next request when its last one settled,
 * alternately GET and POST, until {@link BoundedLoad.stop}. Never more than `concurrency` in flight.
 *
 * @example
 * const load = new BoundedLoad(set.url, 4, 'kill'); load.start(); ...; const records = await load.stop();
 */
export class BoundedLoad {
  readonly records: LoadRecord[] = [];
  private running = false;
  private workers: Promise<void>[] = [];

  constructor(
    private readonly url: string,
    private readonly concurrency: number,
    /** Leads every request id, so the loads of one HAProxy log stay apart. */
    private readonly prefix: string,
    /**
     * One connection per request (`connection: close`). On a kept-alive client connection, HAProxy
     * answers a request lost with its server by closing the connection without an answer or a log line
     * (for the client to retry it); as the first request of its connection it is answered 502 and
     * logged with the server it was on, which is what a test counting lost requests needs.
     */
    private readonly connectionPerRequest = false,
  ) {}

  /** Requests sent so far (the next one's seq). */
  get sent(): number {
    return this.records.length;
  }

  /** Requests settled so far. */
  get settled(): number {
    return this.records.filter((r) => r.settled).length;
  }

  start(): void {
    this.running = true;
    for (let i = 0; i < this.concurrency; i += 1) this.workers.push(this.work());
  }

  /** Stops sending, waits for the requests in flight, and returns every record. */
  async stop(): Promise<LoadRecord[]> {
    this.running = false;
    await Promise.all(this.workers);
    this.workers = [];
    return this.records;
  }

  private async work(): Promise<void> {
    while (this.running) {
      const seq = this.records.length;
      const record: LoadRecord = {
        id: `${this.prefix}-${seq}`,
        seq,
        method: seq % 2 === 0 ? 'GET' : 'POST',
        status: 0,
        ok: false,
        servedBy: null,
        settled: false,
      };
      this.records.push(record);
      const connection: Record<string, string> = this.connectionPerRequest ? { connection: 'close' } : {};
      try {
        const res =
          record.method === 'GET'
            ? await fetch(`${this.url}?query=${encodeURIComponent(LOAD_QUERY)}`, {
                headers: { ...connection, 'x-request-id': record.id, 'apollo-require-preflight': 'true' },
              })
            : await fetch(this.url, {
                method: 'POST',
                headers: { ...connection, 'x-request-id': record.id, 'content-type': 'application/json' },
                body: JSON.stringify({ query: LOAD_QUERY }),
              });
        record.status = res.status;
        record.servedBy = res.headers.get('x-served-by');
        const body = (await res.json()) as { data?: { actor?: { id?: string } } };
        record.ok = res.status === 200 && body.data?.actor?.id === 'china';
      } catch {
        record.ok = false;
      } finally {
        record.settled = true;
      }
    }
  }
}
