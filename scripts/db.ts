/**
 * `npm run db:start | db:stop | db:reset`: the bundled local Neo4j (see neo4j/README.md).
 */
import { startLocalNeo4j, stopLocalNeo4j, wipeLocalNeo4j } from '../neo4j/local-neo4j.js';
import { getConfig } from '../src/config/config.js';

const command = process.argv[2];
const config = getConfig();
const options = config.localNeo4j;

try {
  switch (command) {
    case 'start': {
      const { uri } = await startLocalNeo4j(options);
      process.stdout.write(`${uri}\n`);
      break;
    }
    case 'stop':
      await stopLocalNeo4j(options.dir);
      break;
    case 'reset':
      await stopLocalNeo4j(options.dir);
      wipeLocalNeo4j(options.dir);
      process.stderr.write(`Local Neo4j data under ${options.dir} wiped\n`);
      break;
    default:
      process.stderr.write('usage: tsx scripts/db.ts start|stop|reset\n');
      process.exitCode = 2;
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
