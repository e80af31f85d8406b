/**
 * `npm run export -- --format graphml|gexf|csv|ftm [--out FILE] [--part nodes|edges]
 *   [--neighbourhood ID [--hops 2] [--limit N] | --query FILE]`: writes an export of the graph to standard
 * output (so it pipes) or to FILE; the whole graph when no selection is given. The selection and the
 * writers are those of `GET /export/<format>` (src/services/export/); see docs/import-export.md.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { getConfig } from '../src/config/config.js';
import { AppError, badUserInput } from '../src/errors/app-error.js';
import { GraphClient } from '../src/graph/graph-client.js';
import { GraphRepository } from '../src/graph/graph-repository.js';
import { exportFormat } from '../src/services/export/export-formats.js';
import { exportGraph, type ExportSelection } from '../src/services/export/export-graph.js';
import { selectionFromQuery, selectionFromQueryText } from '../src/services/export/export-request.js';
import { ExportAborted, writableSink } from '../src/services/export/export-sink.js';

const USAGE =
  'usage: npm run export -- --format graphml|gexf|csv|ftm [--out FILE] [--part nodes|edges] ' +
  '[--neighbourhood ID [--hops N] [--limit N] | --query FILE]\n';

const { values } = parseArgs({
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    part: { type: 'string' },
    neighbourhood: { type: 'string' },
    hops: { type: 'string' },
    limit: { type: 'string' },
    query: { type: 'string' },
    help: { type: 'boolean' },
  },
});

async function selection(): Promise<ExportSelection> {
  if (values.query !== undefined && values.neighbourhood !== undefined) {
    throw badUserInput('give --neighbourhood or --query, not both');
  }
  if (values.query !== undefined) return selectionFromQueryText(await readFile(values.query, 'utf8'));
  if (values.neighbourhood === undefined) {
    if (values.hops !== undefined || values.limit !== undefined) throw badUserInput('--hops and --limit go with --neighbourhood');
    return { kind: 'graph' };
  }
  const number = (name: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    if (!/^\d{1,9}$/.test(text)) throw badUserInput(`--${name} must be an integer`);
    return Number(text);
  };
  return selectionFromQuery({
    neighbourhood: { id: values.neighbourhood, hops: number('hops', values.hops), limit: number('limit', values.limit) },
  });
}

async function main(): Promise<void> {
  if (values.help === true || values.format === undefined) {
    process.stderr.write(USAGE);
    process.exitCode = values.help === true ? 0 : 2;
    return;
  }
  const format = exportFormat(values.format, values.part);
  const chosen = await selection();
  const graph = GraphClient.connect(getConfig().neo4j);
  try {
    const exported = await exportGraph(new GraphRepository(graph), chosen);
    const out = values.out === undefined ? process.stdout : createWriteStream(values.out);
    await format.write(exported, writableSink(out));
    if (out !== process.stdout) {
      out.end();
      await once(out, 'finish');
      process.stderr.write(`${values.out}: ${format.name} export of ${exported.name}\n`);
    }
  } finally {
    await graph.close();
  }
}

main().catch((error: unknown) => {
  // The reader of standard output went away (`| head`): stop quietly, as a pipe's writer does.
  if (error instanceof ExportAborted && values.out === undefined) return;
  const code = error instanceof AppError ? ` (${error.code})` : '';
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}${code}\n`);
  process.exitCode = error instanceof AppError && error.code === 'BAD_USER_INPUT' ? 2 : 1;
});
