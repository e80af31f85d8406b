/**
 * `npx tsx bench/profile-compiled.ts [--port 7689] [--actors 5] [--sanctions 5]`: PROFILE db hits of two
 * nested selections both ways on a running bench Neo4j, the DataLoader path (a statement per level)
 * against the one statement compiled from the selection (issue 18):
 * - the nested workload (actor -> SANCTIONED first 10 -> other -> SANCTIONED first 5), for the actors with
 *   the most outgoing SANCTIONED relationships (these rows are in bench/RESULTS.md's PROFILE tables too);
 * - `sanction(id) { targets { sanctionsReceived { id } } }` (sanction -> targets -> sanctions), for the
 *   sanctions with the most targets.
 * Prints two Markdown tables.
 */
import neo4j from 'neo4j-driver';

import { FIND_ACTORS_BY_IDS } from '../src/graph/cypher/actor-cypher.js';
import { COMPILED_SANCTION_EXAMPLES, listParam } from '../src/graph/cypher/compiled-cypher.js';
import { FIND_SANCTIONS_BY_IDS, SANCTIONS_RECEIVED_BY_ACTORS } from '../src/graph/cypher/sanction-cypher.js';
import { intArg, parseArgs } from './args.js';
import { floorDriver, type ProfileRow, profileRunner, runFloorOp, type RunStatement } from './floor.js';
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
  process.stdout.write(`${lines.join('\n')}\n\n`);

  // sanction(id) { targets { sanctionsReceived { id } } } with the resolvers' defaults: 100 targets, 50 sanctions each.
  const limit = neo4j.int(50);
  const loaderPath = async (run: RunStatement, id: string): Promise<void> => {
    const [row] = await run(FIND_SANCTIONS_BY_IDS, { ids: [id] });
    const targets = ((row?.['sanction'] as { targetIds?: string[] } | undefined)?.targetIds ?? []).slice(0, 100);
    await run(FIND_ACTORS_BY_IDS, { ids: targets });
    await run(SANCTIONS_RECEIVED_BY_ACTORS, { ids: targets, asOf: null, limit });
  };
  // Levels numbered as the compiler does: the TARGET party level 1, its list level 2.
  const compiledPath = async (run: RunStatement, id: string): Promise<void> => {
    await run(COMPILED_SANCTION_EXAMPLES.targetsReceived, { ids: [id], [listParam(2, 'asOf')]: null, [listParam(2, 'limit')]: limit });
  };
  const most = await driver.executeQuery(
    'MATCH (s:Sanction)-[:TARGETS]->() WITH s, count(*) AS n ORDER BY n DESC, s.id LIMIT $k RETURN s.id AS id, n',
    { k: neo4j.int(intArg(args, 'sanctions', 5)) },
    { database: 'neo4j' },
  );
  const rows = ['| sanction | targets | DataLoader path: statements, db hits | compiled: statements, db hits |', '|---|---|---|---|'];
  for (const record of most.records) {
    const id = record.get('id') as string;
    const before: ProfileRow[] = [];
    const after: ProfileRow[] = [];
    await loaderPath(profileRunner(driver, []), id);
    await compiledPath(profileRunner(driver, []), id);
    await loaderPath(profileRunner(driver, before), id);
    await compiledPath(profileRunner(driver, after), id);
    const hits = (r: ProfileRow[]): number => r.reduce((n, x) => n + x.dbHits, 0);
    rows.push(
      `| ${id} | ${String(record.get('n'))} | ${before.length}, ${hits(before).toLocaleString('en')} | ${after.length}, ${hits(after).toLocaleString('en')} |`,
    );
  }
  process.stdout.write(`${rows.join('\n')}\n`);
} finally {
  await driver.close();
}
