/**
 * Bulk loader of the generated graph: batched UNWIND with CREATE, one static statement per allow-listed
 * label or relationship type (as src/graph/cypher/seed-cypher.ts does), into an empty database whose
 * schema (seed/schema.cypher) is applied first. CREATE rather than MERGE because the database is wiped
 * first; the unique constraint on Actor.id still rejects a duplicate.
 *
 * What makes the relationship phase fast (each measured, see bench/ANALYSIS.md):
 * - relationship properties travel as positional lists and are stored through one literal map in CREATE
 *   (`relationshipPropertyMap`, shared with the seed loader): `SET r = row.props` planned an Eager before
 *   the SET, and map rows cost the driver twice the CPU of lists to encode;
 * - the ends are found by element id (NodeByElementIdSeek), returned by the actor statements, instead of
 *   two locking seeks in the unique index on Actor.id;
 * - a batch is a number of rows per transaction, whatever their types (one statement per type inside it);
 * - with several writers, actors are split into buckets and a batch only holds relationships between two
 *   given buckets; batches sharing a bucket never run at the same time, so writers do not wait on each
 *   other's node locks (or deadlock) on the same actors.
 *
 * CLI: `tsx bench/load.ts --actors N --seed S [--batch 5000] [--writers 1] [--uri bolt://127.0.0.1:7689]`
 * loads into whatever database answers there (wipe it first). With `--wipe-dir DIR` it instead runs the
 * bundled Neo4j in DIR on the port of `--uri` and measures every combination of the comma-separated
 * `--batch` and `--writers` lists `--repeat` times, each into a freshly wiped database, and prints one line
 * per load and medians: `tsx bench/load.ts --actors 20000 --seed 7 --batch 1000,5000,20000 --writers 1,2
 * --uri bolt://127.0.0.1:7691 --wipe-dir .neo4j-load --repeat 3`.
 */
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

import { startLocalNeo4j, stopLocalNeo4j, wipeLocalNeo4j } from '../neo4j/local-neo4j.js';
import { cypher, type CypherQuery } from '../src/graph/cypher/cypher-query.js';
import { GraphClient, type RunInTransaction } from '../src/graph/graph-client.js';
import { ACTOR_KINDS, type ActorKind, type FuzzyDate, RELATIONSHIP_TYPES, type RelationshipType } from '../src/graph/model.js';
import { relationshipPropertyMap, relationshipValues } from '../src/graph/relationship-properties.js';
import { actorProperties, applySchema } from '../src/graph/seed-repository.js';
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
/** Batches generated ahead of the writers (each holds its rows in memory). */
const QUEUED_BATCHES_PER_WRITER = 2;

const CREATE_SOURCE = cypher(
  'benchCreateSource',
  `
CREATE (s:Source)
SET s = $props, s.publishedOn = date('2024-01-01'), s.publishedOnPrecision = 'DAY'`,
);

/**
 * One statement per actor kind: the kind label is static text, never a parameter. Returns each actor's
 * element id, by which the relationship statements find it again during this load.
 */
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
CREATE (a)-[:MENTIONED_IN {sentences: row.mentions}]->(s)
RETURN a.id AS id, elementId(a) AS elementId`,
    ),
  ]),
) as Record<ActorKind, CypherQuery>;

/**
 * One statement per relationship type. A row is `[fromElementId, toElementId, ...relationshipValues]`.
 * Element ids are only stable while nothing is deleted, which holds inside this load of an empty
 * database; the unlabelled MATCH is safe because the ids come from CREATE_ACTORS.
 */
const CREATE_RELATIONSHIPS = Object.fromEntries(
  RELATIONSHIP_TYPES.map((type) => [
    type,
    cypher(
      `benchCreateRelationships${type}`,
      `
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row[0]
MATCH (b) WHERE elementId(b) = row[1]
CREATE (a)-[:${type} ${relationshipPropertyMap('row', 2)}]->(b)`,
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
  return { mentions: a.mentions, props: actorProperties(a) };
}

/** Generated dates are exact days with no derivation. */
function dayDate(iso: string | null): FuzzyDate | null {
  return iso === null ? null : { date: iso, precision: 'DAY', derivation: null };
}

function relationshipRow(r: GenRelationship, from: string, to: string): unknown[] {
  // The same values, in the same order, as the seed loader writes (src/graph/relationship-properties.ts).
  const values = relationshipValues({ ...r, date: dayDate(r.date), validFrom: dayDate(r.validFrom), validTo: dayDate(r.validTo) });
  return [from, to, ...values];
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
  /** Transactions the driver ran again after a transient error (a deadlock, say). */
  readonly retries?: number;
}

interface Job {
  readonly work: () => Promise<void>;
  readonly buckets: readonly number[];
}

/**
 * Runs at most `writers` batches at once, never two that share a bucket (a set of actors), in submission
 * order except that a batch waiting for a bucket lets later ones pass. `submit` queues a batch and waits
 * only while the queue is full; `drain` waits for all.
 */
class WritePool {
  private readonly queue: Job[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly busy = new Map<number, number>();
  private failure: Error | undefined;
  private readonly wake = new Set<() => void>();

  constructor(
    private readonly writers: number,
    private readonly maxQueued = writers * QUEUED_BATCHES_PER_WRITER,
  ) {}

  async submit(work: () => Promise<void>, buckets: readonly number[] = []): Promise<void> {
    while (this.queue.length >= this.maxQueued && this.failure === undefined) await this.changed();
    if (this.failure !== undefined) throw this.failure;
    this.queue.push({ work, buckets });
    this.pump();
  }

  async drain(): Promise<void> {
    while ((this.queue.length > 0 || this.running.size > 0) && this.failure === undefined) await this.changed();
    await Promise.allSettled(this.running);
    if (this.failure !== undefined) throw this.failure;
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => this.wake.add(resolve));
  }

  private pump(): void {
    for (let i = 0; i < this.queue.length && this.running.size < this.writers;) {
      const job = this.queue[i] as Job;
      if (job.buckets.some((b) => (this.busy.get(b) ?? 0) > 0)) {
        i += 1;
        continue;
      }
      this.queue.splice(i, 1);
      for (const b of job.buckets) this.busy.set(b, (this.busy.get(b) ?? 0) + 1);
      const p: Promise<void> = job
        .work()
        .catch((error: unknown) => {
          this.failure ??= error instanceof Error ? error : new Error(String(error));
        })
        .finally(() => {
          for (const b of job.buckets) this.busy.set(b, (this.busy.get(b) ?? 1) - 1);
          this.running.delete(p);
          this.pump();
          for (const resolve of this.wake) resolve();
          this.wake.clear();
        });
      this.running.add(p);
    }
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

/** Relationship rows of one batch, grouped by type (one statement per type, one transaction per batch). */
class RelationshipBatch {
  readonly byType = new Map<RelationshipType, unknown[][]>();
  size = 0;

  add(type: RelationshipType, row: unknown[]): void {
    const rows = this.byType.get(type) ?? [];
    this.byType.set(type, rows);
    rows.push(row);
    this.size += 1;
  }
}

/**
 * Applies the schema and writes the generated graph of `o` into an empty database, `batchSize` rows per
 * transaction and at most `writers` transactions at once.
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
  let retries = 0;
  /** Runs `work` in one write transaction through the pool; counts the client's retries (deadlocks, before COMMIT). */
  const write = (work: (run: RunInTransaction) => Promise<void>, buckets: readonly number[] = []): Promise<void> =>
    pool.submit(async () => {
      let attempts = 0;
      await graph.writeTransaction(
        async (run) => {
          attempts += 1;
          await work(run);
        },
        undefined,
        { timeoutMs: LOAD_TIMEOUT_MS },
      );
      retries += attempts - 1;
    }, buckets);

  const { sentences, ...source } = generateSource();
  await graph.writeTransaction(async (run) => void (await run(CREATE_SOURCE, { props: { ...source, sentences, contentHash: 'bench' } })));

  // Actors, grouped by kind so each batch runs the statement of its label. All of them link to the one
  // source, so they share no bucket scheme: their batches run in the pool without buckets.
  let t = Date.now();
  const elementIds = new Map<string, string>();
  const createActors = (kind: ActorKind, rows: Record<string, unknown>[]): Promise<void> =>
    write(async (run) => {
      const result = await run<{ id: string; elementId: string }>(CREATE_ACTORS[kind], { sourceId: SOURCE_ID, rows });
      for (const r of result.records) elementIds.set(r.get('id'), r.get('elementId'));
    });
  const actorBuffers = new Map<ActorKind, Record<string, unknown>[]>();
  const actorProgress = new Progress('actors', o.actors, log);
  for (let i = 0; i < o.actors; i++) {
    const a = generateActor(o, layout, i);
    const buffer = actorBuffers.get(a.kind) ?? [];
    actorBuffers.set(a.kind, buffer);
    buffer.push(actorRow(a));
    if (buffer.length >= batchSize) {
      actorBuffers.set(a.kind, []);
      await createActors(a.kind, buffer);
      actorProgress.update(i + 1);
    }
  }
  for (const [kind, rows] of actorBuffers) if (rows.length > 0) await createActors(kind, rows);
  await pool.drain();
  actorProgress.update(o.actors, true);
  log('\n');
  const actorSeconds = (Date.now() - t) / 1000;

  // Relationships (generated and derived). One writer: one bucket. More: 2 per writer, so that most of
  // the time some queued batch shares no bucket with the running ones. Actor i is in bucket i mod n.
  t = Date.now();
  const bucketCount = writers === 1 ? 1 : 2 * writers;
  const bucketOf = (actorId: string): number => Number(actorId.slice(1)) % bucketCount;
  let relationships = 0;
  const relProgress = new Progress('relationships', counts.relationships + Math.round(layout.sanctions * 2.2), log);
  const batches = new Map<number, RelationshipBatch>();
  const flush = async (key: number, batch: RelationshipBatch): Promise<void> => {
    batches.delete(key);
    const low = Math.floor(key / bucketCount);
    await write(
      async (run) => {
        for (const [type, rows] of batch.byType) {
          const result = await run(CREATE_RELATIONSHIPS[type], { rows });
          // An element id that matched nothing would drop its row silently.
          const created = result.summary.counters.updates().relationshipsCreated;
          if (created !== rows.length) throw new Error(`${type}: created ${created} of ${rows.length} relationships`);
        }
      },
      low === key % bucketCount ? [low] : [low, key % bucketCount],
    );
    relProgress.update(relationships);
  };
  const addRelationship = async (r: GenRelationship): Promise<void> => {
    const from = elementIds.get(r.fromId);
    const to = elementIds.get(r.toId);
    if (from === undefined || to === undefined) throw new Error(`relationship ${r.id}: unknown actor`);
    const [a, b] = [bucketOf(r.fromId), bucketOf(r.toId)].sort((x, y) => x - y) as [number, number];
    const key = a * bucketCount + b;
    const batch = batches.get(key) ?? new RelationshipBatch();
    batches.set(key, batch);
    batch.add(r.type, relationshipRow(r, from, to));
    relationships += 1;
    if (batch.size >= batchSize) await flush(key, batch);
  };
  for (let i = 0; i < o.actors; i++) for (const r of relationshipsOf(o, layout, i)) await addRelationship(r);
  const sanctions: GenSanction[] = [];
  for (let k = 0; k < layout.sanctions; k++) {
    const s = generateSanction(o, layout, k);
    sanctions.push(s);
    for (const r of derivedEdges(s)) await addRelationship(r);
  }
  for (const [key, batch] of batches) await flush(key, batch);
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
      { timeoutMs: LOAD_TIMEOUT_MS },
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
    retries,
  };
}

/** A one-line summary of a load. */
export function describeLoad(r: LoadReport): string {
  const rate = (rows: number, s: number): string => `${Math.round(rows / Math.max(s, 0.001)).toLocaleString('en')}/s`;
  return (
    `batch ${r.batchSize}, ${r.writers} writer(s): actors ${r.actors.rows} in ${r.actors.seconds.toFixed(1)} s (${rate(r.actors.rows, r.actors.seconds)}), ` +
    `relationships ${r.relationships.rows} in ${r.relationships.seconds.toFixed(1)} s (${rate(r.relationships.rows, r.relationships.seconds)}), ` +
    `sanctions ${r.sanctions.rows} in ${r.sanctions.seconds.toFixed(1)} s (${rate(r.sanctions.rows, r.sanctions.seconds)}); total ${r.seconds.toFixed(1)} s` +
    (r.retries ? `; ${r.retries} transaction(s) retried` : '')
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

function listArg(args: Map<string, string>, name: string, fallback: number): number[] {
  return (args.get(name) ?? String(fallback)).split(',').map((v) => intArg(new Map([[name, v]]), name, fallback));
}

/** The 1-minute load average, read when a measurement ends: the machine is shared, so it goes with it. */
function loadAverage(): string {
  return execFileSync('uptime', { encoding: 'utf8' })
    .replace(/.*load average:\s*/, '')
    .trim();
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Measures every batch size and writer count `repeat` times, each load into a freshly wiped database of
 * the bundled Neo4j in `dir` (started here with the bench's memory settings, stopped at the end).
 */
async function measure(args: Map<string, string>, uri: string, dir: string): Promise<void> {
  const { hostname, port } = new URL(uri.replace(/^bolt:/, 'http:'));
  const o = { actors: intArg(args, 'actors', 1000), seed: intArg(args, 'seed', 42) };
  const repeat = intArg(args, 'repeat', 1);
  const rates = new Map<string, number[]>();
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  try {
    for (let k = 0; k < repeat; k++) {
      // Settings alternate inside each repetition, so slow phases of a shared machine hit all of them.
      for (const batch of listArg(args, 'batch', 5000)) {
        for (const writers of listArg(args, 'writers', 1)) {
          await stopLocalNeo4j(dir, () => undefined);
          wipeLocalNeo4j(dir);
          // The same memory settings as the bench run's database (bench/run.ts).
          const { started } = await startLocalNeo4j({
            dir,
            host: hostname,
            port: Number(port),
            password: '',
            heapMb: 1024,
            pageCacheMb: 1536,
            txMemoryMb: 512,
            txTotalMemoryMb: 768,
            log: () => undefined,
          });
          // Something else answers on the port: its data is not ours to load into.
          if (!started) throw new Error(`${uri} is taken by a Neo4j not started from ${dir}`);
          const graph = benchGraphClient(uri);
          try {
            const report = await loadGraph(graph, o, batch, writers, () => undefined);
            const key = `batch ${batch}, ${writers} writer(s)`;
            const rate = report.relationships.rows / report.relationships.seconds;
            rates.set(key, [...(rates.get(key) ?? []), rate]);
            out(`${describeLoad(report)}; load average ${loadAverage()}`);
          } finally {
            await graph.close();
          }
        }
      }
    }
  } finally {
    await stopLocalNeo4j(dir, () => undefined);
  }
  for (const [key, values] of rates) {
    const range = `${Math.round(Math.min(...values)).toLocaleString('en')}-${Math.round(Math.max(...values)).toLocaleString('en')}`;
    out(`${key}: relationships ${Math.round(median(values)).toLocaleString('en')}/s median of ${values.length} (range ${range})`);
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const uri = args.get('uri') ?? 'bolt://127.0.0.1:7689';
  const dir = args.get('wipe-dir');
  if (dir !== undefined) return measure(args, uri, dir);
  const graph = benchGraphClient(uri);
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
