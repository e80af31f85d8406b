/**
 * `npm start`: starts the bundled local Neo4j when NEO4J_URI is not set, applies constraints and indexes,
 * loads the seed graph when the database is empty, then serves GraphQL until SIGTERM or SIGINT.
 */

import { startLocalNeo4j } from '../neo4j/local-neo4j.js';
import { ConfigError, getConfig } from './config/config.js';
import { PATHS } from './config/paths.js';
import { GraphClient } from './graph/graph-client.js';
import { startApp } from './server/app.js';
import { createLogger } from './server/logger.js';
import { seedGraph } from './services/seed/seed-graph.js';

async function main(): Promise<void> {
  let config;
  try {
    config = getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger(config);
  const started = Date.now();

  if (!config.neo4j.uriExplicit) {
    await startLocalNeo4j({ ...config.localNeo4j, log: (line) => log.info(line) });
  }
  const graph = GraphClient.fromConfig(config);
  await waitForDatabase(graph, 60_000);
  const seeded = await seedGraph(graph, PATHS.seedDir, { onlyIfEmpty: true });
  log.info(seeded ? { counts: seeded.after } : {}, seeded ? 'seed graph loaded' : 'graph already holds data; seed skipped');

  const app = await startApp({ config, graph, log });
  log.info({ url: app.url, startupMs: Date.now() - started }, 'sanctions-graph ready');
  process.stdout.write(`sanctions-graph ready at ${app.url}\n`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    app
      .stop()
      .then(() => graph.close())
      .then(() => {
        log.info('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

async function waitForDatabase(graph: GraphClient, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await graph.ping();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`sanctions-graph failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
