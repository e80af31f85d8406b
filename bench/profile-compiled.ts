/**
 * `npx tsx bench/profile-compiled.ts [--port 7689] [--actors 5]`: PROFILE db hits of the nested workload
 * (actor -> SANCTIONED first 10 -> other -> SANCTIONED first 5) both ways on a running bench Neo4j: the
 * DataLoader path (a statement per level) against the one statement compiled from the selection (issue 18),
 * for the actors with the most outgoing SANCTIONED relationships. Prints a Markdown table; the rows are
 * in bench/RESULTS.md's PROFILE tables too, from each run.
 */
import neo4j from 'neo4j-driver';

import { intArg, parseArgs } from './args.js';
import { floorDriver, type ProfileRow, profileRunner, runFloorOp } from './floor.js';
import { boltUri, DEFAULT_PORT } from './processes.js';

const args = parseArgs(process.argv.slice(2));
const driver = floorDriver(boltUri(intArg(args, 'port', DEFAULT_PORT)));
try {
  const top = await driver.executeQuery(
    'MATCH (a:Actor)-[:SANCTIONED]->() WITH a, count(*) AS n ORDER BY n DESC, a.id LIMIT $k RETURN a.id AS id, n',
    { k: neo4j.int(intArg(args, 'actors', 5)) },
    { database: 'neo4j' },
  );
  const lines = ['| actor | SANCTIONED out | DataLoader path: statements, db hits | compiled: statements, db hits |', '|---|---|---|---|'];
  for (const record of top.records) {
    const id = record.get('id') as string;
    const before: ProfileRow[] = [];
    const after: ProfileRow[] = [];
    // Each once unprofiled first, so neither pays the planning of its statement.
    await runFloorOp(profileRunner(driver, []), 'nestedLoaders', { id });
    await runFloorOp(profileRunner(driver, []), 'nested', { id });
    await runFloorOp(profileRunner(driver, before), 'nestedLoaders', { id });
    await runFloorOp(profileRunner(driver, after), 'nested', { id });
    const hits = (rows: ProfileRow[]): number => rows.reduce((n, r) => n + r.dbHits, 0);
    lines.push(
      `| ${id} | ${String(record.get('n'))} | ${before.length}, ${hits(before).toLocaleString('en')} | ${after.length}, ${hits(after).toLocaleString('en')} |`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await driver.close();
}
