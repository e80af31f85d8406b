/**
 * `npm run load:writes [-- --mutations 1000 --clients 8 --retry 0.1]`: a bounded write load against a server
 * of its own on the configured database (NEO4J_URI, or the bundled local Neo4j), seeded first if empty. Prints
 * the report as JSON and exits non-zero unless acknowledged = present and duplicates = 0 (scripts/lib/write-load.ts).
 * It writes real records (ids `load-<time>-...`) and their audit trail: run it on a test database.
 */
import { parseArgs } from 'node:util';

import { getConfig } from '../src/config/config.js';
import { GraphClient } from '../src/graph/graph-client.js';
import { startApp } from '../src/server/app.js';
import { createLogger } from '../src/server/logger.js';
import { seedGraph } from '../src/services/seed/seed-graph.js';
import { scriptKey } from './lib/script-key.js';
import { runWriteLoad } from './lib/write-load.js';

const { values } = parseArgs({
  options: {
    mutations: { type: 'string', default: '1000' },
    clients: { type: 'string', default: '8' },
    retry: { type: 'string', default: '0.1' },
  },
});
const config = { ...getConfig(), port: 0, logLevel: 'silent' as const };
const graph = GraphClient.fromConfig(config);
try {
  await seedGraph(graph, 'seed', { onlyIfEmpty: true });
  const app = await startApp({ config, graph, log: createLogger(config) });
  const key = await scriptKey(graph, 'EDITOR', 'load-writes');
  try {
    const report = await runWriteLoad(
      async (query, variables) => {
        const res = await fetch(app.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...key.headers },
          body: JSON.stringify({ query, variables }),
        });
        return (await res.json()) as Awaited<ReturnType<Parameters<typeof runWriteLoad>[0]>>;
      },
      graph,
      {
        mutations: Number(values.mutations),
        clients: Number(values.clients),
        retryShare: Number(values.retry),
        prefix: `load-${Date.now()}`,
      },
    );
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    const good = report.acknowledged === report.present && report.duplicates === 0 && report.unacknowledgedPresent === 0;
    process.stdout.write(good ? 'acknowledged = present, duplicates = 0\n' : 'MISMATCH: acknowledged != present or duplicates\n');
    if (!good) process.exitCode = 1;
  } finally {
    await key.revoke();
    await app.stop();
  }
} finally {
  await graph.close();
}
