import { Writable } from 'node:stream';

import { parseConfig } from '../../src/config/config.js';
import { cypher } from '../../src/graph/cypher/cypher-query.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import { graphClientOptions } from '../../src/graph/local-database.js';
import type { GraphRepository } from '../../src/graph/repositories.js';
import { type App, startApp } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { testEnv } from './test-env.js';

/** A server whose JSON log lines are kept in memory, and a way to count the statements Neo4j received. */
export interface HardeningApp {
  readonly app: App;
  readonly graph: GraphClient;
  readonly url: string;
  readonly base: string;
  /** Every log line written so far, parsed. */
  readonly logs: Record<string, unknown>[];
  /** POSTs a JSON body (any shape) and returns status, headers and the parsed body (or its text). */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }>;
  /** Statements sent to Neo4j while `work` runs. */
  statementsDuring(work: () => Promise<unknown>): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts the API with logs captured (level info unless given), an optional repository wrapper and an
 * optional clock for the per-caller cost budgets (the test-only hooks of startApp).
 *
 * @example
 * const h = await startHardeningApp({ NODE_ENV: 'production' });
 */
export async function startHardeningApp(
  env: Record<string, string> = {},
  wrapRepository?: (repo: GraphRepository) => GraphRepository,
  options: { clock?: () => number } = {},
): Promise<HardeningApp> {
  const config = parseConfig(testEnv({ LOG_LEVEL: 'info', ...env }));
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const graph = GraphClient.connect(graphClientOptions(config));
  const app = await startApp({ config, graph, log: createLogger(config, sink), wrapRepository, clock: options.clock });
  const base = app.url.replace(/\/graphql$/, '');
  return {
    app,
    graph,
    url: app.url,
    base,
    logs,
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
