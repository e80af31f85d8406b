/**
 * `npm run import -- FILE --format ftm|ofac-sdn|csv [--mapping FILE] [--source-id ID] [--dry-run] [--json]`:
 * reads a list or data set, plans it against the stored graph (editions, matches) and prints what a write
 * would do; without `--dry-run` it then writes the plan through the curation service as the SYSTEM
 * principal (write-import.ts: audited changes, batches with idempotency keys, so a re-run resumes).
 */
import { parseArgs } from 'node:util';

import { getConfig } from '../src/config/config.js';
import { GraphClient } from '../src/graph/graph-client.js';
import { OperationTrace } from '../src/graph/operation-trace.js';
import { CurationRepository } from '../src/graph/repositories/curation-repository.js';
import { MatchRepository } from '../src/graph/repositories/match-repository.js';
import { dryRun } from '../src/services/import/dry-run.js';
import { IMPORT_FORMATS, type ImportFormat } from '../src/services/import/model.js';
import { type ImportRequest, openImport } from '../src/services/import/open-import.js';
import { summaryText, writtenText } from '../src/services/import/summary-text.js';
import { importFile } from '../src/services/import/write-import.js';
import { Progress } from './lib/progress.js';

const USAGE = 'usage: npm run import -- FILE --format ftm|ofac-sdn|csv [--mapping FILE] [--source-id ID] [--dry-run] [--json]';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    format: { type: 'string' },
    mapping: { type: 'string' },
    'source-id': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const [file] = positionals;
if (file === undefined || positionals.length > 1) fail(USAGE);
const format = values.format as ImportFormat | undefined;
if (format === undefined || !IMPORT_FORMATS.includes(format)) fail(`--format must be one of ${IMPORT_FORMATS.join(', ')}\n${USAGE}`);

const graph = GraphClient.connect(getConfig().neo4j);
try {
  // The progress of the pass under way (a write makes two passes over the file: the plan, then the write).
  const state: { progress: Progress | null } = { progress: null };
  const request: ImportRequest = {
    file,
    format,
    ...(values.mapping === undefined ? {} : { mapping: values.mapping }),
    ...(values['source-id'] === undefined ? {} : { seriesId: values['source-id'] }),
    onBytes: (bytes) => state.progress?.readBytes(bytes),
  };
  const trace = new OperationTrace();
  const reads = new MatchRepository(graph, trace);
  const open = async () => {
    const opened = await openImport(request);
    state.progress?.finish();
    state.progress = new Progress(opened.bytes);
    return opened.items;
  };
  if (values['dry-run']) {
    const summary = await dryRun(await open(), reads, { onRecord: (n) => state.progress?.recordsDone(n) });
    state.progress?.finish();
    process.stdout.write(values.json ? `${JSON.stringify(summary, null, 2)}\n` : summaryText(summary));
    process.stdout.write(`Dry run: nothing was written (${trace.count} read round trips).\n`);
    if (summary.refused !== null) process.exitCode = 1;
  } else {
    const result = await importFile(open, new CurationRepository(graph, trace), reads, {
      onRecord: (n) => state.progress?.recordsDone(n),
      onWritten: (n) => state.progress?.recordsDone(n),
    });
    state.progress?.finish();
    process.stdout.write(
      values.json ? `${JSON.stringify(result, null, 2)}\n` : `${summaryText(result.plan)}${writtenText(result.written)}`,
    );
    if (result.plan.refused !== null) process.exitCode = 1;
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await graph.close();
}
