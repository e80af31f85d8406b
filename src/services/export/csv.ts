import { Zip, ZipDeflate } from 'fflate';

import type { ActorModel } from '../../graph/model.js';
import type { Column } from './export-fields.js';
import { EDGE_COLUMNS, NODE_COLUMNS } from './export-fields.js';
import type { ExportEdge, ExportGraph } from './export-graph.js';
import type { ExportFormat, ExportSink } from './export-sink.js';

/** One CSV file of the export alone, or both zipped. */
export type CsvPart = 'nodes' | 'edges';

/**
 * A field as RFC 4180 writes it: quoted (quotes doubled) when it holds a quote, a comma, CR or LF, or
 * begins or ends with a space (which some readers trim); as is otherwise; null is an empty field.
 *
 * @example
 * csvField('say "hi", then go'); // '"say ""hi"", then go"'
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (fields: readonly (string | number | boolean | null)[]): string => `${fields.map(csvField).join(',')}\r\n`;

const NODE_HEADER = line(['id', ...NODE_COLUMNS.map((c) => c.name)]);
const EDGE_HEADER = line(['id', 'source', 'target', ...EDGE_COLUMNS.map((c) => c.name)]);

const values = <T>(columns: readonly Column<T>[], record: T): (string | number | boolean | null)[] => columns.map((c) => c.value(record));
const nodeLine = (a: ActorModel): string => line([a.id, ...values(NODE_COLUMNS, a)]);
const edgeLine = (e: ExportEdge): string =>
  line([e.relationship.id, e.relationship.fromId, e.relationship.toId, ...values(EDGE_COLUMNS, e)]);

/** Writes one part as text, page by page. */
async function writePart(graph: ExportGraph, part: CsvPart, write: (text: string) => Promise<void>): Promise<void> {
  if (part === 'nodes') {
    await write(NODE_HEADER);
    for await (const page of graph.nodes()) await write(page.map(nodeLine).join(''));
  } else {
    await write(EDGE_HEADER);
    for await (const page of graph.edges()) await write(page.map(edgeLine).join(''));
  }
}

/**
 * CSV: `nodes.csv` and `edges.csv` (RFC 4180, UTF-8, CRLF line ends, a header row) in one zip archive,
 * deflated as they are written; or, with `part`, one of them as plain text/csv.
 *
 * @example
 * await csvFormat().write(graph, sink);        // export.zip holding nodes.csv and edges.csv
 * await csvFormat('edges').write(graph, sink); // edges.csv alone
 */
export function csvFormat(part?: CsvPart): ExportFormat {
  if (part !== undefined) {
    return {
      name: 'csv',
      contentType: 'text/csv; charset=utf-8; header=present',
      extension: `${part}.csv`,
      write: (graph, sink) => writePart(graph, part, (text) => sink.write(text)),
    };
  }
  return {
    name: 'csv',
    contentType: 'application/zip',
    extension: 'csv.zip',
    async write(graph: ExportGraph, sink: ExportSink): Promise<void> {
      // fflate deflates synchronously inside push(): collect what it produced, then write it with back-pressure.
      const produced: Uint8Array[] = [];
      let failure: Error | null = null;
      const zip = new Zip((error, chunk) => {
        if (error) failure = error;
        else produced.push(chunk);
      });
      const flush = async (): Promise<void> => {
        if (failure) throw failure;
        for (const chunk of produced.splice(0)) await sink.write(chunk);
      };
      const encoder = new TextEncoder();
      for (const part of ['nodes', 'edges'] as const) {
        const file = new ZipDeflate(`${part}.csv`, { level: 6 });
        zip.add(file);
        await writePart(graph, part, async (text) => {
          file.push(encoder.encode(text));
          await flush();
        });
        file.push(new Uint8Array(0), true);
        await flush();
      }
      zip.end();
      await flush();
    },
  };
}
