/**
 * `npm run docs:curation`: regenerates docs/curation.md by running its worked example against a live
 * server on the configured database (NEO4J_URI, or the bundled local Neo4j, seeded first if empty), then
 * removes what the example wrote.
 */
import { writeFile } from 'node:fs/promises';

import { getConfig } from '../src/config/config.js';
import { GraphClient } from '../src/graph/graph-client.js';
import { startApp } from '../src/server/app.js';
import { createLogger } from '../src/server/logger.js';
import { seedGraph } from '../src/services/seed/seed-graph.js';
import { EXAMPLE_RELATION, EXAMPLE_SOURCE, REMOVE_EXAMPLE, renderCurationDoc } from './lib/curation-doc.js';
import { scriptKey } from './lib/script-key.js';

const config = { ...getConfig(), port: 0, logLevel: 'silent' as const };
const graph = GraphClient.connect(config.neo4j);
try {
  await seedGraph(graph, 'seed', { onlyIfEmpty: true });
  const params = { relation: EXAMPLE_RELATION, source: EXAMPLE_SOURCE };
  await graph.write(REMOVE_EXAMPLE, params);
  const app = await startApp({ config, graph, log: createLogger(config) });
  const key = await scriptKey(graph, 'EDITOR', 'docs-curation');
  try {
    const page = await renderCurationDoc(async (query, variables) => {
      const res = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...key.headers },
        body: JSON.stringify({ query, variables }),
      });
      return res.json();
    });
    await writeFile('docs/curation.md', page);
    process.stdout.write('docs/curation.md written\n');
  } finally {
    await key.revoke();
    await app.stop();
    await graph.write(REMOVE_EXAMPLE, params);
  }
} finally {
  await graph.close();
}
