/**
 * The integration tests' Neo4j: `up` starts a fresh local one in .neo4j-test on port 7688 (unless
 * NEO4J_URI names one), seeds it and prints its URI last; `down` stops what `up` started.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { startLocalNeo4j, stopLocalNeo4j, wipeLocalNeo4j } from '../../neo4j/local-neo4j.js';
import { parseConfig } from '../../src/config/config.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import { seedGraph } from '../../src/services/seed/seed-graph.js';
import { TEST_NEO4J_DIR, testEnv } from './test-env.js';

const marker = path.join(TEST_NEO4J_DIR, 'started-by-tests');
const log = (line: string): void => void process.stderr.write(`[test-db] ${line}\n`);

async function up(): Promise<void> {
  const config = parseConfig(testEnv());
  if (!config.neo4j.uriExplicit) {
    await stopLocalNeo4j(TEST_NEO4J_DIR, log);
    wipeLocalNeo4j(TEST_NEO4J_DIR);
    await startLocalNeo4j({ ...config.localNeo4j, log });
    writeFileSync(marker, 'yes');
  }
  const graph = GraphClient.connect(config.neo4j);
  try {
    const report = await seedGraph(graph, 'seed');
    log(`seeded: ${report.after.nodes} nodes, ${report.after.relationships} relationships`);
  } finally {
    await graph.close();
  }
  process.stdout.write(`${config.neo4j.uri}\n`);
}

async function down(): Promise<void> {
  if (!existsSync(marker)) return;
  await stopLocalNeo4j(TEST_NEO4J_DIR, log);
  rmSync(marker, { force: true });
}

const command = process.argv[2];
(command === 'up' ? up() : command === 'down' ? down() : Promise.reject(new Error('usage: up|down'))).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
