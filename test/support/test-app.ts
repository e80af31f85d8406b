import { Writable } from 'node:stream';

import { parseConfig } from '../../src/config/config.js';
import { cypher } from '../../src/graph/cypher/cypher-query.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import type { GraphRepository } from '../../src/graph/graph-repository.js';
import { type App, startApp } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { testEnv } from './test-env.js';

/** A GraphQL response as a client sees it. */
export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } & Record<string, unknown> }[];
  extensions?: { roundTrips?: number; statements?: string[] } & Record<string, unknown>;
}

/** How a test's server differs from the default one. */
export interface TestAppOptions {
  /** Environment variables over testEnv()'s (the test Neo4j, a free port, silent logs, round trips on). */
  readonly env?: Record<string, string>;
  /** Keep the JSON log lines in `logs` (at level info unless `env.LOG_LEVEL` says otherwise). */
  readonly captureLogs?: boolean;
  /** TEST ONLY hook of startApp: replaces each request's repository (to make it fail or slow it down). */
  readonly wrapRepository?: (repo: GraphRepository) => GraphRepository;
  /** TEST ONLY hook of startApp: the clock of the per-caller cost budgets, to step time without sleeping. */
  readonly clock?: () => number;
  /** TEST ONLY hook of startApp: the clock of the verified-key cache and JWT expiry. */
  readonly authClock?: () => number;
}

/** A server started for a test file, on a free port, against the test Neo4j. */
export interface TestApp {
  readonly app: App;
  readonly graph: GraphClient;
  /** The GraphQL endpoint, and the server's base URL (no path). */
  readonly url: string;
  readonly base: string;
  /** Every log line written so far, parsed (empty unless `captureLogs`). */
  readonly logs: Record<string, unknown>[];
  /** POSTs a GraphQL operation as a client would. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** POSTs any JSON body (or a string) and returns status, headers and the parsed body (or `{ text }`). */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }>;
  /** GETs a path of the server (such as /readyz). */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** Statements sent to Neo4j while `work` runs. */
  statementsDuring(work: () => Promise<unknown>): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts the API for a test: the one harness of the suite.
 *
 * @example
 * const t = await startTestApp({ env: { NODE_ENV: 'production' }, captureLogs: true });
 * afterAll(() => t.close());
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = parseConfig(testEnv({ ...(options.captureLogs ? { LOG_LEVEL: 'info' } : {}), ...options.env }));
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const graph = GraphClient.fromConfig(config);
  const log = options.captureLogs ? createLogger(config, sink) : createLogger(config);
  const app = await startApp({
    config,
    graph,
    log,
    wrapRepository: options.wrapRepository,
    clock: options.clock,
    authClock: options.authClock,
  });
  const base = app.url.replace(/\/graphql$/, '');
  return {
    app,
    graph,
    url: app.url,
    base,
    logs,
    async gql<T>(query: string, variables?: Record<string, unknown>) {
      const res = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as Omit<GraphQLResponse<T>, 'status'>) };
    },
    async post(body, headers = {}) {
      const res = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(text) as Record<string, unknown>;
      } catch {
        parsed = { text };
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
    get: (path, headers = {}) => fetch(`${base}${path}`, { headers }),
    async statementsDuring(work) {
      let count = 0;
      const off = graph.onStatement(() => {
        count += 1;
      });
      try {
        await work();
      } finally {
        off();
      }
      return count;
    },
    async close() {
      await app.stop();
      await graph.close();
    },
  };
}

/**
 * Starts a server before the tests of the enclosing file (or describe block) and stops it after them;
 * the returned object stands for it once started.
 *
 * @example
 * const t = useTestApp();
 * it('answers', async () => expect((await t.gql('{ apiVersion }')).status).toBe(200));
 */
export function useTestApp(options: TestAppOptions = {}): TestApp {
  let started: TestApp | undefined;
  beforeAll(async () => {
    started = await startTestApp(options);
  });
  afterAll(async () => {
    await started?.close();
  });
  return new Proxy({} as TestApp, {
    get(_, property) {
      if (!started) throw new Error('the test app is used before beforeAll started it');
      const value: unknown = Reflect.get(started, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(started) : value;
    },
  });
}

const COUNT_GRAPH = cypher(
  'testCountGraph',
  `
MATCH (n) WITH count(n) AS nodes
OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS relationships`,
);

/** Node and relationship counts of the whole database, to prove an attack changed nothing. */
export async function graphCounts(graph: GraphClient): Promise<{ nodes: number; relationships: number }> {
  const [row] = await graph.read<{ nodes: number; relationships: number }>(COUNT_GRAPH);
  return row ?? { nodes: -1, relationships: -1 };
}

/** The first error code of a GraphQL response body, if any. */
export function firstCode(body: Record<string, unknown>): string | undefined {
  const errors = body['errors'] as { extensions?: { code?: string } }[] | undefined;
  return errors?.[0]?.extensions?.code;
}
