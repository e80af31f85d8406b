/**
 * `tsx scripts/measure-import.ts FILE --format ftm|ofac-sdn`: parses a file with its importer (no graph)
 * and prints records per second and the peak heap, for the importer rates of docs/import-export.md.
 */
import { parseArgs } from 'node:util';

import type { ImportFormat } from '../src/services/import/model.js';
import { openImport } from '../src/services/import/open-import.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { format: { type: 'string' }, mapping: { type: 'string' } } });
const file = positionals[0];
if (file === undefined || values.format === undefined)
  throw new Error('usage: tsx scripts/measure-import.ts FILE --format ftm|ofac-sdn|csv [--mapping FILE]');
const started = process.hrtime.bigint();
const opened = await openImport({
  file,
  format: values.format as ImportFormat,
  ...(values.mapping === undefined ? {} : { mapping: values.mapping }),
});
let records = 0;
let rejected = 0;
let peak = 0;
for await (const item of opened.items) {
  if (item.type === 'record') records += 1;
  if (item.type === 'rejection') rejected += 1;
  if ((records & 4095) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(
  `${values.format}: ${records} records (${rejected} rejected) from ${opened.bytes} bytes in ${seconds.toFixed(2)} s (hash pass included): ` +
    `${Math.round((records + rejected) / seconds)} records/s, peak heap ${Math.round(peak / 1048576)} MiB\n`,
);
