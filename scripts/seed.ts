/**
 * `npm run seed [-- --dir seed]`: validates the seed files, applies constraints and indexes, and writes the
 * seed graph (idempotent; all or nothing).
 */
import { parseArgs } from 'node:util';

import { getConfig } from '../src/config/config.js';
import { GraphClient } from '../src/graph/graph-client.js';
import { seedGraph } from '../src/services/seed/seed-graph.js';

const { values } = parseArgs({ options: { dir: { type: 'string', default: 'seed' } } });
const graph = GraphClient.connect(getConfig().neo4j);
try {
  const report = await seedGraph(graph, values.dir);
  const { before, after } = report;
  process.stdout.write(
    `Seeded from ${values.dir}/: ${report.schemaStatements} schema statements; ` +
      `nodes ${before.nodes} -> ${after.nodes}, relationships ${before.relationships} -> ${after.relationships}, actors ${after.actors}\n`,
  );
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await graph.close();
}
