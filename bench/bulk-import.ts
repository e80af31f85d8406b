/**
 * The fast first load (issue 16): the generated graph of bench/gen-graph.ts written as the CSV files of
 * Neo4j's offline importer, `neo4j-admin database import full` run from the jars Maven resolved for the
 * bundled Neo4j (neo4j/target/lib holds org.neo4j:neo4j-import-tool of the same version), then Neo4j
 * started on the result and seed/schema.cypher applied (constraints and indexes, built once over the
 * imported data). The database holds what bench/load.ts writes online, property for property: the same
 * actor properties (actorProperties), relationship properties (RELATIONSHIP_PROPERTIES, knownFrom
 * included), sanctions with IMPOSED / TARGETS / ON_LIST, and MENTIONED_IN to the one source.
 * `npm run db:import` (scripts/db-import.ts) drives it; test/integration/bulk-import.int.test.ts checks
 * that an imported database answers as an online-loaded one.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, readdirSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ACTOR_KINDS } from '../src/graph/model.js';
import { RELATIONSHIP_PROPERTIES, relationshipValues } from '../src/graph/relationship-properties.js';
import { actorProperties } from '../src/graph/seed-repository.js';
import {
  derivedEdges,
  generateActor,
  generateSanction,
  generateSource,
  type GenOptions,
  type GenRelationship,
  layoutOf,
  relationshipsOf,
  SOURCE_ID,
} from './gen-graph.js';

const LIB_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'neo4j', 'target', 'lib');

/** What the CSV phase wrote. */
export interface ImportFiles {
  readonly dir: string;
  readonly nodes: readonly string[];
  readonly relationships: readonly string[];
  readonly counts: { readonly actors: number; readonly relationships: number; readonly sanctions: number; readonly all: number };
  readonly seconds: number;
}

/**
 * A CSV field as neo4j-admin reads it: strings quoted (quotes doubled), so that an empty string stays one;
 * null an empty unquoted field (no property); lists joined by the array delimiter `;`, which no value may
 * hold.
 */
function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    const parts = value.map(String);
    if (parts.some((p) => p.includes(';'))) throw new Error(`a list value holds the array delimiter: ${parts.join(', ')}`);
    return `"${parts.join(';').replace(/"/g, '""')}"`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') throw new Error(`no CSV form for ${typeof value}`);
  return `"${value.replace(/"/g, '""')}"`;
}

const row = (values: readonly unknown[]): string => `${values.map(field).join(',')}\n`;

/** A buffered CSV file that waits for the disk when its buffer is full. */
class CsvFile {
  private readonly stream;
  private buffer: string[] = [];
  private size = 0;

  constructor(
    readonly file: string,
    header: readonly string[],
  ) {
    this.stream = createWriteStream(file);
    this.buffer.push(`${header.join(',')}\n`);
  }

  async add(values: readonly unknown[]): Promise<void> {
    const line = row(values);
    this.buffer.push(line);
    this.size += line.length;
    if (this.size > 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    const text = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

// Relationship property columns in the order of relationshipValues, typed for the importer.
const LIST_COLUMNS: Readonly<Record<string, string>> = { topics: 'string[]', sentences: 'long[]' };
const RELATIONSHIP_COLUMNS = RELATIONSHIP_PROPERTIES.map(([key, isDate]) =>
  isDate ? `${key}:date` : key === 'confidence' ? `${key}:double` : LIST_COLUMNS[key] ? `${key}:${LIST_COLUMNS[key]}` : key,
);

/**
 * Writes the import files of the generated graph `o` into `dir` (emptied first), streaming: one entity
 * at a time, in constant memory whatever the size.
 *
 * @example
 * const files = await writeImportFiles({ actors: 1000, seed: 42 }, '.neo4j-import/csv');
 */
export async function writeImportFiles(o: GenOptions, dir: string): Promise<ImportFiles> {
  const started = Date.now();
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const file = (name: string, header: readonly string[]): CsvFile => new CsvFile(path.join(dir, name), header);
  const layout = layoutOf(o.actors);

  const sources = file('sources.csv', [
    'id:ID(Source)',
    ':LABEL',
    'title',
    'sentences:string[]',
    'contentHash',
    'publishedOn:date',
    'publishedOnPrecision',
  ]);
  const { id, title, sentences } = generateSource();
  await sources.add([id, 'Source', title, sentences, 'bench', '2024-01-01', 'DAY']);
  await sources.close();

  const actors = file('actors.csv', ['id:ID(Actor)', ':LABEL', 'kind', 'name', 'aliases:string[]', 'aliasText', 'country', 'description']);
  const mentions = file('mentioned-in.csv', [':START_ID(Actor)', ':END_ID(Source)', ':TYPE', 'sentences:long[]']);
  for (let i = 0; i < o.actors; i++) {
    const a = generateActor(o, layout, i);
    const p = actorProperties(a);
    await actors.add([
      a.id,
      `Actor;${ACTOR_KINDS[a.kind]}`,
      p['kind'],
      p['name'],
      a.aliases,
      p['aliasText'],
      p['country'],
      p['description'],
    ]);
    await mentions.add([a.id, SOURCE_ID, 'MENTIONED_IN', a.mentions]);
  }
  await Promise.all([actors.close(), mentions.close()]);

  const edges = file('relationships.csv', [':START_ID(Actor)', ':END_ID(Actor)', ':TYPE', ...RELATIONSHIP_COLUMNS]);
  const day = (iso: string | null): { date: string; precision: 'DAY'; derivation: null } | null =>
    iso === null ? null : { date: iso, precision: 'DAY', derivation: null };
  let relationships = 0;
  const addEdge = async (r: GenRelationship): Promise<void> => {
    relationships += 1;
    // The values bench/load.ts sends, from the same function.
    await edges.add([
      r.fromId,
      r.toId,
      r.type,
      ...relationshipValues({ ...r, date: day(r.date), validFrom: day(r.validFrom), validTo: day(r.validTo) }),
    ]);
  };
  for (let i = 0; i < o.actors; i++) for (const r of relationshipsOf(o, layout, i)) await addEdge(r);

  const sanctions = file('sanctions.csv', [
    'id:ID(Sanction)',
    ':LABEL',
    'measure',
    'program',
    'date:date',
    'datePrecision',
    'reason',
    'reasonStatus',
    'joint:boolean',
    'sourceId',
    'sentences:long[]',
    'claim',
    'confidence:double',
  ]);
  const parts = file('sanction-parts.csv', [':START_ID(Sanction)', ':END_ID(Actor)', ':TYPE']);
  const imposed = file('imposed.csv', [':START_ID(Actor)', ':END_ID(Sanction)', ':TYPE', 'sourceId', 'sentences:long[]']);
  const targets = file('targets.csv', [':START_ID(Sanction)', ':END_ID(Actor)', ':TYPE', 'sourceId', 'sentences:long[]']);
  let sanctionParts = 0;
  for (let k = 0; k < layout.sanctions; k++) {
    const s = generateSanction(o, layout, k);
    const e = s.evidence;
    await sanctions.add([
      s.id,
      'Sanction',
      s.measure,
      s.program,
      s.date,
      'DAY',
      s.reason,
      'ASSERTED',
      s.joint,
      e.sourceId,
      e.sentences,
      e.claim,
      e.confidence,
    ]);
    for (const a of s.authorityIds) await imposed.add([a, s.id, 'IMPOSED', e.sourceId, e.sentences]);
    for (const t of s.targetIds) await targets.add([s.id, t, 'TARGETS', e.sourceId, e.sentences]);
    if (s.listId !== null) await parts.add([s.id, s.listId, 'ON_LIST']);
    sanctionParts += s.authorityIds.length + s.targetIds.length + (s.listId === null ? 0 : 1);
    for (const r of derivedEdges(s)) await addEdge(r);
  }
  await Promise.all([edges.close(), sanctions.close(), parts.close(), imposed.close(), targets.close()]);
  const nodeFiles = [sources, actors, sanctions].map((f) => f.file);
  const relationshipFiles = [edges, mentions, imposed, targets, parts].map((f) => f.file);
  return {
    dir,
    nodes: nodeFiles,
    relationships: relationshipFiles,
    counts: {
      actors: o.actors,
      relationships,
      sanctions: layout.sanctions,
      all: relationships + o.actors + sanctionParts,
    },
    seconds: (Date.now() - started) / 1000,
  };
}

/** What the importer did and how long it took. */
export interface OfflineImportReport {
  readonly seconds: number;
  /** The importer's own summary line (`IMPORT DONE in ... Imported: ...`). */
  readonly summary: string;
}

/**
 * Runs `neo4j-admin database import full` into the database `neo4j` of the Neo4j home `home` (the
 * directory the launcher runs on: data under home/data), from the jars of neo4j/target/lib. Neo4j must
 * not be running on it. `--overwrite-destination` replaces whatever database was there.
 *
 * @example
 * const report = await runOfflineImport(files, '.neo4j-import', { java: 'java', maxOffHeapMb: 2048 });
 */
export async function runOfflineImport(
  files: ImportFiles,
  home: string,
  options: { readonly java: string; readonly heapMb?: number; readonly maxOffHeapMb?: number; readonly log?: (line: string) => void },
): Promise<OfflineImportReport> {
  if (!existsSync(LIB_DIR) || !readdirSync(LIB_DIR).some((f) => f.startsWith('neo4j-import-tool-'))) {
    throw new Error(`${LIB_DIR} holds no neo4j-import-tool jar: build the launcher first (npm run db:start builds it)`);
  }
  const absolute = path.resolve(home);
  const conf = path.join(absolute, 'conf');
  await mkdir(conf, { recursive: true });
  // The importer reads its settings from NEO4J_CONF; the launcher keeps data under <home>/data, the default.
  await writeFile(path.join(conf, 'neo4j.conf'), `server.directories.data=${path.join(absolute, 'data')}\n`);
  const args = [
    `-Xmx${options.heapMb ?? 1024}m`,
    '-cp',
    path.join(LIB_DIR, '*'),
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    ...files.nodes.map((f) => `--nodes=${path.resolve(f)}`),
    ...files.relationships.map((f) => `--relationships=${path.resolve(f)}`),
    '--overwrite-destination=true',
    `--max-off-heap-memory=${options.maxOffHeapMb ?? 2048}m`,
    `--report-file=${path.join(absolute, 'import.report')}`,
    'neo4j',
  ];
  const started = Date.now();
  const child = spawn(options.java, args, {
    // eslint-disable-next-line no-restricted-properties -- the importer inherits this process's environment
    env: { ...process.env, NEO4J_HOME: absolute, NEO4J_CONF: conf },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    output = (output + text).slice(-20_000);
    options.log?.(text);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const [code] = (await once(child, 'exit')) as [number | null];
  const seconds = (Date.now() - started) / 1000;
  if (code !== 0) throw new Error(`neo4j-admin database import exited with ${String(code)}:\n${output.split('\n').slice(-30).join('\n')}`);
  const summary = /IMPORT DONE[^\n]*(\n[^\n]*Imported:[^\n]*(\n\s+[^\n]+)*)?/.exec(output)?.[0] ?? 'IMPORT DONE';
  return { seconds, summary: summary.replace(/\s+/g, ' ').trim() };
}
