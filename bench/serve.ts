/**
 * A benchmark server in its own process, so that the load generator does not share its event loop:
 * `tsx bench/serve.ts <F1|S|P> <bolt uri>`. It reports its URL over IPC, then answers `stats` requests
 * with its RSS and event-loop delay (perf_hooks.monitorEventLoopDelay) since the last `reset`.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';

import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';

import { parseConfig } from '../src/config/config.js';
import { GraphClient } from '../src/graph/graph-client.js';
import { startApp } from '../src/server/app.js';
import { createLogger } from '../src/server/logger.js';
import { settingsForS } from './args.js';
import { driverRunner, floorDriver, type FloorOpName, type FloorVars, runFloorOp } from './floor.js';

/** Messages between the bench and a server process. */
export type ServeMessage =
  | { readonly type: 'ready'; readonly url: string }
  | {
      readonly type: 'stats';
      readonly rssMb: number;
      readonly eldP50Ms: number;
      readonly eldP99Ms: number;
      readonly eldMaxMs: number;
      readonly cpuMs: number;
    };

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`));
  });
}

/** F1: a bare node:http endpoint running the floor statements. */
async function startFloorHttp(uri: string): Promise<string> {
  const driver = floorDriver(uri);
  const run = driverRunner(driver);
  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    readJson(req)
      .then(async (body) => {
        const { op, vars } = body as { op: FloorOpName; vars: FloorVars };
        const data = await runFloorOp(run, op, vars);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data }));
      })
      .catch((error: unknown) => {
        res.statusCode = 500;
        res.end(JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] }));
      });
  });
  return listen(server);
}

/** S: this server, as main.ts starts it in production (with the `BENCH_S_` settings, if any). */
async function startThisServer(uri: string): Promise<string> {
  // One load generator on one address measures throughput: per-caller cost budgets would measure the budget.
  const config = parseConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    EXPOSE_ROUND_TRIPS: 'true',
    NEO4J_URI: uri,
    PORT: '0',
    RATE_LIMIT_POINTS: '0',
    // eslint-disable-next-line no-restricted-properties -- BENCH_S_ settings of an A/B run, parsed by parseConfig
    ...settingsForS(process.env),
  });
  const graph = GraphClient.fromConfig(config);
  const app = await startApp({ config, graph, log: createLogger(config) });
  return app.url;
}

/** P: @neo4j/graphql 7 on Apollo Server 5, behind the same kind of node:http handler as S. */
async function startPeer(uri: string): Promise<string> {
  // Loaded here only, so the other variants' processes do not carry the peer library.
  const { Neo4jGraphQL } = await import('@neo4j/graphql');
  const { PEER_TYPE_DEFS } = await import('./peer-schema.js');
  const driver = floorDriver(uri);
  const neo = new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver });
  const apollo = new ApolloServer({
    schema: await neo.getSchema(),
    introspection: false,
    csrfPrevention: true,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  const server = http.createServer((req, res) => {
    readJson(req)
      .then(async (body) => {
        const headers = new HeaderMap();
        for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
        const result = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: 'POST', headers, search: '', body },
          context: async () => ({}),
        });
        for (const [name, value] of result.headers) res.setHeader(name, value);
        res.statusCode = result.status ?? 200;
        if (result.body.kind === 'complete') res.end(result.body.string);
        else {
          for await (const chunk of result.body.asyncIterator) res.write(chunk);
          res.end();
        }
      })
      .catch((error: unknown) => {
        res.statusCode = 500;
        res.end(JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] }));
      });
  });
  return listen(server);
}

async function main(): Promise<void> {
  const [variant, uri] = process.argv.slice(2);
  if (!uri) throw new Error('usage: serve.ts <F1|S|P> <bolt uri>');
  const url = variant === 'F1' ? await startFloorHttp(uri) : variant === 'S' ? await startThisServer(uri) : await startPeer(uri);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let cpuAtReset = process.cpuUsage();
  process.on('message', (message: { type: string }) => {
    if (message.type === 'reset') {
      delay.reset();
      cpuAtReset = process.cpuUsage();
    }
    if (message.type === 'stats') {
      const reply: ServeMessage = {
        type: 'stats',
        rssMb: Math.round(process.memoryUsage().rss / 1e6),
        eldP50Ms: delay.percentile(50) / 1e6,
        eldP99Ms: delay.percentile(99) / 1e6,
        eldMaxMs: delay.max / 1e6,
        // User and system CPU of the whole process (all its threads) since the reset.
        cpuMs: ((used) => (used.user + used.system) / 1000)(process.cpuUsage(cpuAtReset)),
      };
      process.send?.(reply);
    }
  });
  process.on('disconnect', () => process.exit(0));
  // A normal exit on SIGTERM, so that --cpu-prof (bench/run.ts --cpu-prof) writes its profile.
  process.on('SIGTERM', () => process.exit(0));
  const ready: ServeMessage = { type: 'ready', url };
  process.send?.(ready);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
