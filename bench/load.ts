/**
 * Bulk loader of the generated graph: batched UNWIND with CREATE, one static statement per allow-listed
 * label or relationship type (as src/graph/cypher/seed-cypher.ts does), into an empty database whose
 * schema (seed/schema.cypher) is applied first. CREATE rather than MERGE because the database is wiped
 * first; the unique constraint on Actor.id still rejects a duplicate.
 *
 * CLI: `tsx bench/load.ts --actors N --seed S [--batch 5000] [--writers 1] [--uri bolt://127.0.0.1:7689]`
 * loads into whatever database answers there (wipe it first).
 */
import { pathToFileURL } from 'node:url';

import { Date as Neo4jDate } from 'neo4j-driver';

import { cypher, type CypherQuery } from '../src/graph/cypher/cypher-query.js';
import { GraphClient } from '../src/graph/graph-client.js';
import { ACTOR_KINDS, type ActorKind, RELATIONSHIP_TYPES, type RelationshipType } from '../src/graph/model.js';
import { applySchema } from '../src/graph/seed-repository.js';
import { intArg, parseArgs } from './args.js';
import {
  countsOf,
  derivedEdges,
  type GenActor,
  generateActor,
  generateSanction,
  generateSource,
  type GenOptions,
  type GenRelationship,
  type GenSanction,
  layoutOf,
  relationshipsOf,
  SOURCE_ID,
} from './gen-graph.js';

/** Batch sizes the loader is measured with. */
export const BATCH_SIZES = [1_000, 5_000, 20_000] as const;
const LOAD_TIMEOUT_MS = 600_000;

const CREATE_SOURCE = cypher(
  'benchCreateSource',
  `
CREATE (s:Source)
SET s = $props, s.publishedOn = date('2024-01-01'), s.publishedOnPrecision = 'DAY'`,
);

/** One statement per actor kind: the kind label is static text, never a parameter. */
const CREATE_ACTORS = Object.fromEntries(
  Object.entries(ACTOR_KINDS).map(([kind, label]) => [
    kind,
    cypher(
      `benchCreateActors${label}`,
      `
MATCH (s:Source {id: $sourceId})
UNWIND $rows AS row
CREATE (a:Actor:${label})
SET a = row.props
CREATE (a)-[:MENTIONED_IN {sentences: row.mentions}]->(s)`,
    ),
  ]),
) as Record<ActorKind, CypherQuery>;

/** One statement per relationship type, as MERGE_RELATIONSHIPS in seed-cypher.ts. */
const CREATE_RELATIONSHIPS = Object.fromEntries(
  RELATIONSHIP_TYPES.map((type) => [
    type,
    cypher(
      `benchCreateRelationships${type}`,
      `
UNWIND $rows AS row
MATCH (a:Actor {id: row.fromId})
MATCH (b:Actor {id: row.toId})
CREATE (a)-[r:${type}]->(b)
SET r = row.props`,
    ),
  ]),
) as Record<RelationshipType, CypherQuery>;

const CREATE_SANCTIONS = cypher(
  'benchCreateSanctions',
  `
UNWIND $rows AS row
CREATE (s:Sanction)
SET s = row.props, s.date = date(row.date)
WITH s, row
CALL (s, row) {
  UNWIND row.authorityIds AS id
  MATCH (a:Actor {id: id})
  CREATE (a)-[:IMPOSED {sourceId: row.props.sourceId, sentences: row.props.sentences}]->(s)
}
CALL (s, row) {
  UNWIND row.targetIds AS id
  MATCH (t:Actor {id: id})
  CREATE (s)-[:TARGETS {sourceId: row.props.sourceId, sentences: row.props.sentences}]->(t)
}
CALL (s, row) {
  UNWIND [x IN [row.listId] WHERE x IS NOT NULL] AS id
  MATCH (l:List {id: id})
  CREATE (s)-[:ON_LIST]->(l)
}`,
);

function actorRow(a: GenActor): Record<string, unknown> {
  return {
    mentions: a.mentions,
    props: {
      id: a.id,
      kind: a.kind,
      name: a.name,
      aliases: a.aliases,
      aliasText: a.aliases.join(' | '),
      country: a.country,
      description: a.description,
    },
  };
}

function toDate(iso: string | null): Neo4jDate<number> | null {
  if (iso === null) return null;
  const [y, m, d] = iso.split('-').map(Number);
  return new Neo4jDate(y ?? 1, m ?? 1, d ?? 1);
}

function relationshipRow(r: GenRelationship): Record<string, unknown> {
  return {
    fromId: r.fromId,
    toId: r.toId,
    props: {
      id: r.id,
      // Dates travel as driver Date values: one SET of the whole map, with no date() calls after it
      // (those forced an Eager operator between the two SETs).
      date: toDate(r.date),
      validFrom: toDate(r.validFrom),
      validTo: toDate(r.validTo),
      role: r.role,
      topics: r.topics,
      sanctionId: r.sanctionId,
      datePrecision: r.date === null ? null : 'DAY',
      validFromPrecision: r.validFrom === null ? null : 'DAY',
      validToPrecision: r.validTo === null ? null : 'DAY',
      sourceId: r.evidence.sourceId,
      sentences: r.evidence.sentences,
      claim: r.evidence.claim,
      confidence: r.evidence.confidence,
      status: r.evidence.status,
    },
  };
}

function sanctionRow(s: GenSanction): Record<string, unknown> {
  return {
    date: s.date,
    listId: s.listId,
    authorityIds: s.authorityIds,
    targetIds: s.targetIds,
    props: {
      id: s.id,
      measure: s.measure,
      program: s.program,
      datePrecision: 'DAY',
      reason: s.reason,
      reasonStatus: 'ASSERTED',
      joint: s.joint,
      sourceId: s.evidence.sourceId,
      sentences: s.evidence.sentences,
      claim: s.evidence.claim,
      confidence: s.evidence.confidence,
    },
  };
}

/** Rows written per phase and how long each took. */
export interface LoadReport {
  readonly batchSize: number;
  readonly writers: number;
  readonly actors: { rows: number; seconds: number };
  readonly relationships: { rows: number; seconds: number };
  readonly sanctions: { rows: number; seconds: number };
  readonly seconds: number;
}

/** Runs at most `writers` batches at once; `submit` waits for a free slot, `drain` for all. */
class WritePool {
  private readonly inFlight = new Set<Promise<void>>();
  private failure: Error | undefined;

  constructor(private readonly writers: number) {}

  async submit(work: () => Promise<void>): Promise<void> {
    while (this.inFlight.size >= this.writers) await Promise.race(this.inFlight);
    if (this.failure !== undefined) throw this.failure;
    const p: Promise<void> = work()
      .catch((error: unknown) => {
        this.failure ??= error instanceof Error ? error : new Error(String(error));
      })
      .finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  async drain(): Promise<void> {
    await Promise.all(this.inFlight);
    if (this.failure !== undefined) throw this.failure;
  }
}

/** A progress line on stderr: done, rate and ETA, rewritten in place at most 4 times a second. */
class Progress {
  private last = 0;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly log: (line: string) => void,
  ) {}

  update(done: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < 250) return;
    this.last = now;
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const rate = done / seconds;
    const eta = rate > 0 ? Math.max(this.total - done, 0) / rate : 0;
    const pct = this.total > 0 ? Math.min(100, (100 * done) / this.total) : 100;
    this.log(
      `\r${this.label}: ${done.toLocaleString('en')}/~${this.total.toLocaleString('en')} (${pct.toFixed(0)}%) ` +
        `${Math.round(rate).toLocaleString('en')} rows/s, ETA ${eta.toFixed(0)} s   `,
    );
  }
}

/**
 * Applies the schema and writes the generated graph of `o` into an empty database.
 *
 * @example
 * const report = await loadGraph(graph, { actors: 1000, seed: 42 }, 5000);
 */
export async function loadGraph(
  graph: GraphClient,
  o: GenOptions,
  batchSize: number,
  writers = 1,
  log: (line: string) => void = (line) => void process.stderr.write(line),
): Promise<LoadReport> {
  const started = Date.now();
  await applySchema(graph, 'seed/schema.cypher');
  const layout = layoutOf(o.actors);
  const counts = countsOf(o);
  const pool = new WritePool(writers);
  const write = (query: CypherQuery, params: Record<string, unknown>): Promise<void> =>
    pool.submit(() => graph.writeTransaction(async (run) => void (await run(query, params)), undefined, LOAD_TIMEOUT_MS));

  const { sentences, ...source } = generateSource();
  await graph.writeTransaction(async (run) => void (await run(CREATE_SOURCE, { props: { ...source, sentences, contentHash: 'bench' } })));

  // Actors, grouped by kind so each batch runs the statement of its label.
  let t = Date.now();
  const actorBuffers = new Map<ActorKind, Record<string, unknown>[]>();
  const actorProgress = new Progress('actors', o.actors, log);
  for (let i = 0; i < o.actors; i++) {
    const a = generateActor(o, layout, i);
    const buffer = actorBuffers.get(a.kind) ?? [];
    actorBuffers.set(a.kind, buffer);
    buffer.push(actorRow(a));
    if (buffer.length >= batchSize) {
      actorBuffers.set(a.kind, []);
      await write(CREATE_ACTORS[a.kind], { sourceId: SOURCE_ID, rows: buffer });
      actorProgress.update(i + 1);
    }
  }
  for (const [kind, rows] of actorBuffers) if (rows.length > 0) await write(CREATE_ACTORS[kind], { sourceId: SOURCE_ID, rows });
  await pool.drain();
  actorProgress.update(o.actors, true);
  log('\n');
  const actorSeconds = (Date.now() - t) / 1000;

  // Relationships (generated and derived), grouped by type.
  t = Date.now();
  let relationships = 0;
  const relProgress = new Progress('relationships', counts.relationships + Math.round(layout.sanctions * 2.2), log);
  const relBuffers = new Map<RelationshipType, Record<string, unknown>[]>();
  const addRelationship = async (r: GenRelationship): Promise<void> => {
    const buffer = relBuffers.get(r.type) ?? [];
    relBuffers.set(r.type, buffer);
    buffer.push(relationshipRow(r));
    relationships += 1;
    if (buffer.length >= batchSize) {
      relBuffers.set(r.type, []);
      await write(CREATE_RELATIONSHIPS[r.type], { rows: buffer });
      relProgress.update(relationships);
    }
  };
  for (let i = 0; i < o.actors; i++) for (const r of relationshipsOf(o, layout, i)) await addRelationship(r);
  const sanctions: GenSanction[] = [];
  for (let k = 0; k < layout.sanctions; k++) {
    const s = generateSanction(o, layout, k);
    sanctions.push(s);
    for (const r of derivedEdges(s)) await addRelationship(r);
  }
  for (const [type, rows] of relBuffers) if (rows.length > 0) await write(CREATE_RELATIONSHIPS[type], { rows });
  await pool.drain();
  relProgress.update(relationships, true);
  log('\n');
  const relSeconds = (Date.now() - t) / 1000;

  // Sanction nodes with IMPOSED, TARGETS and ON_LIST; one writer, because many share their authority.
  t = Date.now();
  for (let k = 0; k < sanctions.length; k += batchSize) {
    await graph.writeTransaction(
      async (run) => void (await run(CREATE_SANCTIONS, { rows: sanctions.slice(k, k + batchSize).map(sanctionRow) })),
      undefined,
      LOAD_TIMEOUT_MS,
    );
  }
  const sanctionSeconds = (Date.now() - t) / 1000;
  await graph.schema(cypher('awaitIndexes', 'CALL db.awaitIndexes(600)'));
  return {
    batchSize,
    writers,
    actors: { rows: o.actors, seconds: actorSeconds },
    relationships: { rows: relationships, seconds: relSeconds },
    sanctions: { rows: sanctions.length, seconds: sanctionSeconds },
    seconds: (Date.now() - started) / 1000,
  };
}

/** A one-line summary of a load. */
export function describeLoad(r: LoadReport): string {
  const rate = (rows: number, s: number): string => `${Math.round(rows / Math.max(s, 0.001)).toLocaleString('en')}/s`;
  return (
    `batch ${r.batchSize}, ${r.writers} writer(s): actors ${r.actors.rows} in ${r.actors.seconds.toFixed(1)} s (${rate(r.actors.rows, r.actors.seconds)}), ` +
    `relationships ${r.relationships.rows} in ${r.relationships.seconds.toFixed(1)} s (${rate(r.relationships.rows, r.relationships.seconds)}), ` +
    `sanctions ${r.sanctions.rows} in ${r.sanctions.seconds.toFixed(1)} s (${rate(r.sanctions.rows, r.sanctions.seconds)}); total ${r.seconds.toFixed(1)} s`
  );
}

/** Driver settings for bench scripts against the bench Neo4j (no auth). */
export function benchGraphClient(uri: string): GraphClient {
  return GraphClient.connect({
    uri,
    username: 'neo4j',
    password: '',
    database: 'neo4j',
    transactionTimeoutMs: 60_000,
    maxRetryTimeMs: 30_000,
    acquisitionTimeoutMs: 30_000,
    maxPoolSize: 100,
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const graph = benchGraphClient(args.get('uri') ?? 'bolt://127.0.0.1:7689');
  try {
    const report = await loadGraph(
      graph,
      { actors: intArg(args, 'actors', 1000), seed: intArg(args, 'seed', 42) },
      intArg(args, 'batch', 5000),
      intArg(args, 'writers', 1),
    );
    process.stdout.write(`${describeLoad(report)}\n`);
  } finally {
    await graph.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
