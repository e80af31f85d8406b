/**
 * `tsx scripts/measure-import.ts FILE --format ftm|ofac-sdn|csv [--mapping FILE] [--write [--source-id ID]]`:
 * parses a file with its importer (no graph) and prints records per second and the peak heap, for the
 * importer rates of docs/import-export.md. With `--write` it imports the file into the graph of the
 * environment's NEO4J_URI (the dry run's pass, then the write's, as `npm run import` does) and prints the
 * write's rate: records per second over both passes.
 */
import { parseArgs } from 'node:util';

import { getConfig } from '../src/config/config.js';
import { GraphClient } from '../src/graph/graph-client.js';
import { OperationTrace } from '../src/graph/operation-trace.js';
import { CurationRepository } from '../src/graph/repositories/curation-repository.js';
import { MatchRepository } from '../src/graph/repositories/match-repository.js';
import type { ImportFormat } from '../src/services/import/model.js';
import { openImport } from '../src/services/import/open-import.js';
import { importFile } from '../src/services/import/write-import.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    format: { type: 'string' },
    mapping: { type: 'string' },
    write: { type: 'boolean', default: false },
    'source-id': { type: 'string' },
  },
});
const file = positionals[0];
if (file === undefined || values.format === undefined)
  throw new Error('usage: tsx scripts/measure-import.ts FILE --format ftm|ofac-sdn|csv [--mapping FILE] [--write [--source-id ID]]');
const request = {
  file,
  format: values.format as ImportFormat,
  ...(values.mapping === undefined ? {} : { mapping: values.mapping }),
  ...(values['source-id'] === undefined ? {} : { seriesId: values['source-id'] }),
};
const started = process.hrtime.bigint();
let peak = 0;
const sample = (): void => {
  peak = Math.max(peak, process.memoryUsage().heapUsed);
};

if (values.write) {
  const graph = GraphClient.connect(getConfig().neo4j);
  try {
    const trace = new OperationTrace();
    const result = await importFile(
      async () => (await openImport(request)).items,
      new CurationRepository(graph, trace),
      new MatchRepository(graph, trace),
      { onRecord: sample, onWritten: sample },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const read = result.plan.records.read;
    const w = result.written;
    process.stdout.write(
      `${values.format} write: ${read} records (${result.plan.records.rejected} rejected), ${w?.changes ?? 0} changes, ` +
        `${trace.count} round trips in ${seconds.toFixed(2)} s (hash, plan and write passes): ` +
        `${Math.round(read / seconds)} records/s, peak heap ${Math.round(peak / 1048576)} MiB\n`,
    );
  } finally {
    await graph.close();
  }
} else {
  const opened = await openImport(request);
  let records = 0;
  let rejected = 0;
  for await (const item of opened.items) {
    if (item.type === 'record') records += 1;
    if (item.type === 'rejection') rejected += 1;
    if ((records & 4095) === 0) sample();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(
    `${values.format}: ${records} records (${rejected} rejected) from ${opened.bytes} bytes in ${seconds.toFixed(2)} s (hash pass included): ` +
      `${Math.round((records + rejected) / seconds)} records/s, peak heap ${Math.round(peak / 1048576)} MiB\n`,
  );
}
