/**
 * `npm run docs:search`: regenerates docs/search-quality.md on the configured database (NEO4J_URI, or the
 * bundled local Neo4j, seeded first if empty), comparing the search before issue 14 with today's.
 */
import { writeFile } from 'node:fs/promises';

import { getConfig } from '../src/config/config.js';
import { GraphClient } from '../src/graph/graph-client.js';
import { seedGraph } from '../src/services/seed/seed-graph.js';
import { renderSearchQuality } from './lib/search-quality.js';

const graph = GraphClient.connect(getConfig().neo4j);
try {
  await seedGraph(graph, 'seed', { onlyIfEmpty: true });
  await writeFile('docs/search-quality.md', await renderSearchQuality(graph));
  process.stdout.write('docs/search-quality.md written\n');
} finally {
  await graph.close();
}
