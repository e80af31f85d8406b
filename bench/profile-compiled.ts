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

type Path = (run: RunStatement, id: string) => Promise<void>;

/**
 * A Markdown table of both paths for each root (`id`, `n`) that `roots` returns: statements and db hits of
 * the DataLoader path against the compiled one, each run once unprofiled first so neither pays planning.
 */
async function table(head: string, roots: string, k: number, loaderPath: Path, compiledPath: Path): Promise<string> {
  const top = await driver.executeQuery(roots, { k: neo4j.int(k) }, { database: 'neo4j' });
  const hits = (rows: readonly ProfileRow[]): number => rows.reduce((n, r) => n + r.dbHits, 0);
  const cells = (rows: readonly ProfileRow[]): string => `${rows.length}, ${hits(rows).toLocaleString('en')}`;
  const lines = [`| ${head} | DataLoader path: statements, db hits | compiled: statements, db hits |`, '|---|---|---|---|'];
  for (const record of top.records) {
    const id = record.get('id') as string;
    const before: ProfileRow[] = [];
    const after: ProfileRow[] = [];
    await loaderPath(profileRunner(driver, []), id);
    await compiledPath(profileRunner(driver, []), id);
    await loaderPath(profileRunner(driver, before), id);
    await compiledPath(profileRunner(driver, after), id);
    lines.push(`| ${id} | ${String(record.get('n'))} | ${cells(before)} | ${cells(after)} |`);
  }
  return lines.join('\n');
}

try {
  const actors = await table(
    'actor | SANCTIONED out',
    'MATCH (a:Actor)-[:SANCTIONED]->() WITH a, count(*) AS n ORDER BY n DESC, a.id LIMIT $k RETURN a.id AS id, n',
    intArg(args, 'actors', 5),
    (run, id) => runFloorOp(run, 'nestedLoaders', { id }).then(() => undefined),
    (run, id) => runFloorOp(run, 'nested', { id }).then(() => undefined),
  );

  // sanction(id) { targets { sanctionsReceived { id } } } with the resolvers' defaults: 100 targets, 50 sanctions each.
  const limit = neo4j.int(50);
  const sanctions = await table(
    'sanction | targets',
    'MATCH (s:Sanction)-[:TARGETS]->() WITH s, count(*) AS n ORDER BY n DESC, s.id LIMIT $k RETURN s.id AS id, n',
    intArg(args, 'sanctions', 5),
    async (run, id) => {
      const [row] = await run(FIND_SANCTIONS_BY_IDS, { ids: [id] });
      const targets = ((row?.['sanction'] as { targetIds?: string[] } | undefined)?.targetIds ?? []).slice(0, 100);
      await run(FIND_ACTORS_BY_IDS, { ids: targets });
      await run(SANCTIONS_RECEIVED_BY_ACTORS, { ids: targets, asOf: null, limit });
    },
    // Levels numbered as the compiler does: the TARGET party level 1, its list level 2.
    async (run, id) => {
      await run(COMPILED_SANCTION_EXAMPLES.targetsReceived, { ids: [id], [listParam(2, 'asOf')]: null, [listParam(2, 'limit')]: limit });
    },
  );
  process.stdout.write(`${actors}\n\n${sanctions}\n`);
} finally {
  await driver.close();
}
