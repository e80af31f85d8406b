/**
 * `npm run import -- FILE --format ftm|ofac-sdn|csv [--mapping FILE] [--source-id ID] [--dry-run] [--json]`:
 * reads a list or data set, plans it against the stored graph (editions, matches) and prints what a write
 * would do. Only `--dry-run` runs here: writing goes through the curation service of issue 15.
 */
import { parseArgs } from 'node:util';

import { getConfig } from '../src/config/config.js';
import { GraphClient } from '../src/graph/graph-client.js';
import { OperationTrace } from '../src/graph/operation-trace.js';
import { MatchRepository } from '../src/graph/repositories/match-repository.js';
import { dryRun } from '../src/services/import/dry-run.js';
import { IMPORT_FORMATS, type ImportFormat } from '../src/services/import/model.js';
import { openImport } from '../src/services/import/open-import.js';
import { summaryText } from '../src/services/import/summary-text.js';
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
if (!values['dry-run']) {
  fail(
    'Writing an import needs the curation service (issue 15: audited write transactions as SYSTEM), which this build does not have yet. ' +
      'Run with --dry-run to parse, match against the graph and see the plan.',
  );
}

const graph = GraphClient.connect(getConfig().neo4j);
try {
  let progress: Progress | null = null;
  const opened = await openImport({
    file,
    format,
    ...(values.mapping === undefined ? {} : { mapping: values.mapping }),
    ...(values['source-id'] === undefined ? {} : { seriesId: values['source-id'] }),
    onBytes: (bytes) => progress?.readBytes(bytes),
  });
  progress = new Progress(opened.bytes);
  const trace = new OperationTrace();
  const summary = await dryRun(opened.items, new MatchRepository(graph, trace), { onRecord: (n) => progress.recordsDone(n) });
  progress.finish();
  process.stdout.write(values.json ? `${JSON.stringify(summary, null, 2)}\n` : summaryText(summary));
  process.stdout.write(`Dry run: nothing was written (${trace.count} read round trips).\n`);
  if (summary.refused !== null) process.exitCode = 1;
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await graph.close();
}
