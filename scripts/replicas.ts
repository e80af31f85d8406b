/**
 * `npm run replicas -- --count 3`: N API replicas (src/main.ts, REPLICA_NAME api1..api3) behind Debian's
 * HAProxy running deploy/haproxy.cfg, on loopback, against the configured Neo4j (NEO4J_URI, by its
 * routing scheme; start one first, e.g. `npm run db:start`). Serves until Ctrl-C.
 *
 * `--measure <seconds>` instead measures throughput through HAProxy (autocannon, closed loop, a point
 * query and a 3-hop neighbourhood in turn), prints one table row per workload and stops.
 *
 *   npm run replicas -- --count 3 [--base-port 18400] [--measure 20 --connections 16] [--haproxy /usr/sbin/haproxy]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';

import autocannon from 'autocannon';

import { getConfig } from '../src/config/config.js';
import { findHaproxy, ReplicaSet } from './lib/replica-set.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '3' },
    'base-port': { type: 'string', default: '18400' },
    measure: { type: 'string' },
    connections: { type: 'string', default: '16' },
    haproxy: { type: 'string' },
  },
});

const count = Number(values.count);
const basePort = Number(values['base-port']);
const haproxy = values.haproxy ?? findHaproxy();
if (!haproxy) {
  process.stderr.write('replicas: no haproxy found (apt-get install haproxy, or pass --haproxy <path>)\n');
  process.exit(1);
}

const config = getConfig();
// The replicas get what they need explicitly: the database (by its routing scheme, as a cluster is
// named), production settings, and no per-caller budgets (every request comes from HAProxy's address).
const env: NodeJS.ProcessEnv = {
  NEO4J_URI: config.neo4j.uri.replace(/^bolt(\+s|\+ssc)?:/, 'neo4j$1:'),
  NEO4J_USERNAME: config.neo4j.username,
  NEO4J_PASSWORD: config.neo4j.password,
  NEO4J_DATABASE: config.neo4j.database,
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_POINTS: '0',
};

const set = await ReplicaSet.start({
  count,
  basePort,
  env,
  haproxy,
  onOutput: (source, line) => {
    if (values.measure === undefined && source !== 'haproxy') process.stderr.write(`[${source}] ${line}\n`);
  },
});
process.stdout.write(
  `replicas: ${set.members.map((m) => `${m.name} :${m.port}`).join(', ')} behind HAProxy at ${set.url} ` +
    `(statistics ${set.statsUrl.replace(';csv', '')}), Neo4j ${env['NEO4J_URI'] ?? ''}\n`,
);

const WORKLOADS = [
  { name: 'point', query: '{ actor(id: "china") { id name kind country } }' },
  { name: 'hood-2', query: '{ neighbourhood(id: "china", hops: 2) { nodes { id name } edges { id type } truncated } }' },
] as const;

if (values.measure === undefined) {
  const stop = (): void => {
    void set.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  const seconds = Number(values.measure);
  const connections = Number(values.connections);
  try {
    process.stdout.write(
      `| replicas | workload | req/s | p50 ms | p99 ms | errors | load average (1/5/15) |\n|---|---|---|---|---|---|---|\n`,
    );
    for (const workload of WORKLOADS) {
      const body = JSON.stringify({ query: workload.query });
      // Warm-up: plans cached, connections pooled, JIT warm, on every replica.
      await autocannon({ url: set.url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections, duration: 2 });
      const result = await autocannon({
        url: set.url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        connections,
        duration: seconds,
      });
      const errors = result.errors + result.non2xx + result.timeouts;
      const load = os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ');
      process.stdout.write(
        `| ${count} | ${workload.name} | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${errors} | ${load} |\n`,
      );
    }
    const stats = await set.stats();
    process.stdout.write(`served: ${stats.map((s) => `${s.name} ${s.sessions}`).join(', ')}\n`);
  } finally {
    await set.close();
  }
}
