/**
 * `npm run db:import -- [--size S|M|L | --actors N] [--seed 42] [--dir .neo4j-import] [--port 7690]
 *   [--replace] [--compare-online] [--batch 5000] [--stop]`: the fast first load of an empty database
 * (bench/bulk-import.ts): writes the generated graph's CSV files, imports them offline with
 * `neo4j-admin database import full` (the jars Maven resolved for the bundled Neo4j), starts Neo4j in
 * `--dir` on `--port` and applies seed/schema.cypher. With `--compare-online` the same graph is then
 * loaded online (bench/load.ts, what `npm run bench` uses) into the same directory, wiped, and both rates
 * are printed. Refuses a directory that already holds a database unless `--replace`.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';

import { intArg, parseArgs } from '../bench/args.js';
import { runOfflineImport, writeImportFiles } from '../bench/bulk-import.js';
import { type SizeName, SIZES } from '../bench/gen-graph.js';
import { benchGraphClient, describeLoad, loadGraph } from '../bench/load.js';
import { findJava, startLocalNeo4j, stopLocalNeo4j, wipeLocalNeo4j } from '../neo4j/local-neo4j.js';
import { getConfig } from '../src/config/config.js';
import { cypher } from '../src/graph/cypher/cypher-query.js';
import { applySchema } from '../src/graph/seed-repository.js';

const args = parseArgs(process.argv.slice(2));
const size = args.get('size') as SizeName | undefined;
if (size !== undefined && !(size in SIZES)) throw new Error(`unknown size ${size}; use S, M or L`);
const actors = size !== undefined ? SIZES[size] : intArg(args, 'actors', SIZES.S);
const seed = intArg(args, 'seed', 42);
const dir = args.get('dir') ?? '.neo4j-import';
const port = intArg(args, 'port', 7690);
const uri = `bolt://127.0.0.1:${port}`;
const out = (line: string): void => void process.stdout.write(`${line}\n`);
const note = (line: string): void => void process.stderr.write(`[db:import] ${line}\n`);
/** The machine is shared: every measured line carries the load average at its end. */
const load = (): string =>
  `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`;
const rate = (n: number, s: number): string => `${Math.round(n / Math.max(s, 0.001)).toLocaleString('en')}/s`;

/** The same memory settings as the bench database (bench/run.ts, bench/load.ts). */
const NEO4J = { dir, host: '127.0.0.1', port, password: '', heapMb: 1024, pageCacheMb: 1536, txMemoryMb: 512, txTotalMemoryMb: 768 };

async function counts(): Promise<string> {
  const graph = benchGraphClient(uri);
  try {
    const [row] = await graph.read<{ nodes: number; relationships: number }>(
      cypher(
        'importCounts',
        'CALL { MATCH (n) RETURN count(n) AS nodes } CALL { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
      ),
    );
    return `${row?.nodes ?? 0} nodes, ${row?.relationships ?? 0} relationships`;
  } finally {
    await graph.close();
  }
}

async function main(): Promise<void> {
  await stopLocalNeo4j(dir, note);
  if (existsSync(path.join(dir, 'data', 'databases', 'neo4j')) && !args.has('replace')) {
    throw new Error(`${dir} already holds a database; the offline import is for a first load (pass --replace to overwrite it)`);
  }
  wipeLocalNeo4j(dir);
  const o = { actors, seed };
  note(`writing the import files of ${actors.toLocaleString('en')} actors (seed ${seed}) ...`);
  const files = await writeImportFiles(o, path.join(dir, 'import-csv'));
  out(
    `csv: ${files.counts.actors} actors, ${files.counts.relationships} relationships between actors, ${files.counts.sanctions} sanctions ` +
      `(${files.counts.all} relationships in all) written in ${files.seconds.toFixed(1)} s`,
  );
  note('neo4j-admin database import full ...');
  const imported = await runOfflineImport(files, dir, { java: findJava(getConfig().localNeo4j.javaHome) });
  await rm(files.dir, { recursive: true, force: true });
  out(
    `offline import: ${files.counts.all} relationships in ${imported.seconds.toFixed(1)} s (${rate(files.counts.all, imported.seconds)}; ` +
      `between actors ${rate(files.counts.relationships, imported.seconds)}); ${imported.summary}; ${load()}`,
  );
  let t = Date.now();
  await startLocalNeo4j({ ...NEO4J, log: note });
  const graph = benchGraphClient(uri);
  try {
    await applySchema(graph, 'seed/schema.cypher');
    await graph.schema(cypher('awaitIndexes', 'CALL db.awaitIndexes(3600)'));
  } finally {
    await graph.close();
  }
  const schemaSeconds = (Date.now() - t) / 1000;
  out(`start and schema (constraints, indexes, full-text): ${schemaSeconds.toFixed(1)} s; ${await counts()}; ${load()}`);
  out(`first load, offline: ${(files.seconds + imported.seconds + schemaSeconds).toFixed(1)} s in all`);

  if (args.has('compare-online')) {
    await stopLocalNeo4j(dir, note);
    wipeLocalNeo4j(dir);
    await startLocalNeo4j({ ...NEO4J, log: note });
    t = Date.now();
    const online = benchGraphClient(uri);
    try {
      const report = await loadGraph(online, o, intArg(args, 'batch', 5000), intArg(args, 'writers', 1), () => undefined);
      out(`online load (bench/load.ts): ${describeLoad(report)}; ${load()}`);
    } finally {
      await online.close();
    }
    out(`first load, online: ${((Date.now() - t) / 1000).toFixed(1)} s in all; ${await counts()}`);
  }
  if (args.has('stop')) await stopLocalNeo4j(dir, note);
  else note(`Neo4j answers at ${uri} (stop it with: npx tsx scripts/db-import.ts is done; npm run db:stop with NEO4J_LOCAL_DIR=${dir})`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
