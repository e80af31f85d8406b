import { parseConfig } from '../../src/config/config.js';
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
  extensions?: { roundTrips?: number } & Record<string, unknown>;
}

/** A server started for a test file, on a free port, against the test Neo4j. */
export interface TestApp {
  readonly app: App;
  readonly graph: GraphClient;
  /** POSTs a GraphQL operation as a client would. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** GETs a path of the server (such as /readyz). */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Starts the API for a test file.
 *
 * @example
 * const t = await startTestApp(); afterAll(() => t.close());
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { wrapRepository?: (repo: GraphRepository) => GraphRepository } = {},
): Promise<TestApp> {
  const config = parseConfig(testEnv(env));
  const graph = GraphClient.connect(config.neo4j);
  const app = await startApp({ config, graph, log: createLogger(config), wrapRepository: options.wrapRepository });
  const base = app.url.replace(/\/graphql$/, '');
  return {
    app,
    graph,
    async gql<T>(query: string, variables?: Record<string, unknown>) {
      const res = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as Omit<GraphQLResponse<T>, 'status'>) };
    },
    get: (path, headers = {}) => fetch(`${base}${path}`, { headers }),
    async close() {
      await app.stop();
      await graph.close();
    },
  };
}
