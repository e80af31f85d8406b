/**
 * The event loop while a large answer is produced (issue 12, item 4): starts the API in this process
 * against a Neo4j that is already running, writes a fixture authority with N sanctions, asks for all of them
 * at a full selection `--rounds` times, and prints per round the answer's size and time, the event-loop delay
 * (perf_hooks.monitorEventLoopDelay) and the latency of cheap queries sent one after another meanwhile.
 *
 * CLI: `npx tsx bench/large-answer.ts --uri bolt://127.0.0.1:7732 --findings 750 --rounds 3`. The fixture is
 * removed afterwards. About 1.2 KB of records per finding: 750 fill most of the default 1 MiB byte budget.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

import { parseConfig } from '../src/config/config.js';
import { GraphClient } from '../src/graph/graph-client.js';
import { startApp } from '../src/server/app.js';
import { createLogger } from '../src/server/logger.js';
import { graphFixture } from '../test/support/graph-fixture.js';
import { intArg, parseArgs } from './args.js';

const FULL_FINDING = `sanction { id measure program date { date precision derivation } reason note joint
  evidence { claim quotes sentences confidence status source { id title } } }
  authority { id name kind country description aliases degree } imposedBy { id name kind }
  target { id name kind country description aliases degree } targeted { id name kind } indirect`;

async function post(url: string, query: string): Promise<string> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return res.text();
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const uri = args.get('uri') ?? 'bolt://127.0.0.1:7732';
  const findings = intArg(args, 'findings', 750);
  const rounds = intArg(args, 'rounds', 3);
  const config = parseConfig({ NEO4J_URI: uri, PORT: '0', LOG_LEVEL: 'silent', NODE_ENV: 'production', RATE_LIMIT_POINTS: '0' });
  const graph = GraphClient.fromConfig(config);
  const app = await startApp({ config, graph, log: createLogger(config) });
  const fixture = graphFixture('big').actor('authority');
  for (let i = 0; i < findings; i += 1)
    fixture.actor(`t${i}`, 'COMPANY', `Fixture target company number ${i}`).sanction('authority', `t${i}`);
  await fixture.write(graph);
  const query = `{ sanctionedBy(actorId: "${fixture.id('authority')}") { ${FULL_FINDING} } }`;
  try {
    for (let round = 0; round < rounds; round += 1) {
      const histogram = monitorEventLoopDelay({ resolution: 5 });
      histogram.enable();
      let done = false;
      const started = performance.now();
      const large = post(app.url, query).finally(() => (done = true));
      const cheap: number[] = [];
      while (!done) {
        const t = performance.now();
        await post(app.url, '{ apiVersion }');
        cheap.push(performance.now() - t);
      }
      const text = await large;
      const ms = performance.now() - started;
      histogram.disable();
      const error = text.startsWith('{"errors"') ? ` ${text.slice(0, 120)}` : '';
      process.stdout.write(
        `round ${round}: ${(text.length / 1e6).toFixed(2)} MB in ${ms.toFixed(0)} ms; event-loop delay max ${(histogram.max / 1e6).toFixed(1)} ms, ` +
          `p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} ms; ${cheap.length} cheap queries meanwhile, max ${Math.max(0, ...cheap).toFixed(1)} ms${error}\n`,
      );
    }
  } finally {
    await fixture.remove(graph);
    await app.stop();
    await graph.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
