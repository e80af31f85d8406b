/**
 * `npm run docs:queries` (or `docs:search`): regenerates docs/queries.md from a live server on the
 * configured database (NEO4J_URI, or the bundled local Neo4j, seeded first if empty), with the search
 * quality measured on the same graph.
 */
import { writeFile } from 'node:fs/promises';

import { getConfig } from '../src/config/config.js';
import { GraphClient } from '../src/graph/graph-client.js';
import { startApp } from '../src/server/app.js';
import { createLogger } from '../src/server/logger.js';
import { seedGraph } from '../src/services/seed/seed-graph.js';
import { renderQueriesDoc } from './lib/queries-doc.js';
import { renderSearchQuality } from './lib/search-quality.js';

const config = { ...getConfig(), port: 0, logLevel: 'silent' as const };
const graph = GraphClient.connect(config.neo4j);
try {
  await seedGraph(graph, 'seed', { onlyIfEmpty: true });
  const app = await startApp({ config, graph, log: createLogger(config) });
  try {
    const page = await renderQueriesDoc(
      async (query) => {
        const res = await fetch(app.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        return res.json();
      },
      await renderSearchQuality(graph),
    );
    await writeFile('docs/queries.md', page);
    process.stdout.write('docs/queries.md written\n');
  } finally {
    await app.stop();
  }
} finally {
  await graph.close();
}
