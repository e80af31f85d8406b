import type { Column } from './export-fields.js';
import { EDGE_COLUMNS, NODE_COLUMNS } from './export-fields.js';
import type { ExportGraph } from './export-graph.js';
import type { ExportFormat, ExportSink } from './export-sink.js';
import { xmlEscape } from './xml.js';

const key = (scope: 'node' | 'edge', c: Pick<Column<never>, 'name' | 'type'>): string =>
  `  <key id="${scope}_${c.name}" for="${scope}" attr.name="${c.name}" attr.type="${c.type}"/>\n`;

function data<T>(scope: 'node' | 'edge', columns: readonly Column<T>[], record: T): string {
  let out = '';
  for (const c of columns) {
    const value = c.value(record);
    if (value !== null) out += `      <data key="${scope}_${c.name}">${xmlEscape(String(value))}</data>\n`;
  }
  return out;
}

/**
 * GraphML (http://graphml.graphdrawing.org/): one `<key>` per column of export-fields.ts, then every node
 * and every directed edge with its id and a `<data>` per column that has a value. Written page by page.
 *
 * @example
 * await GRAPHML.write(graph, sink); // nx.read_graphml('graph.graphml') reads it
 */
export const GRAPHML: ExportFormat = {
  name: 'graphml',
  contentType: 'application/graphml+xml; charset=utf-8',
  extension: 'graphml',
  async write(graph: ExportGraph, sink: ExportSink): Promise<void> {
    await sink.write(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n' +
        '  xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n' +
        NODE_COLUMNS.map((c) => key('node', c)).join('') +
        EDGE_COLUMNS.map((c) => key('edge', c)).join('') +
        `  <graph id="${xmlEscape(graph.name)}" edgedefault="directed">\n`,
    );
    for await (const page of graph.nodes()) {
      await sink.write(page.map((a) => `    <node id="${xmlEscape(a.id)}">\n${data('node', NODE_COLUMNS, a)}    </node>\n`).join(''));
    }
    for await (const page of graph.edges()) {
      await sink.write(
        page
          .map((e) => {
            const r = e.relationship;
            return `    <edge id="${xmlEscape(r.id)}" source="${xmlEscape(r.fromId)}" target="${xmlEscape(r.toId)}">\n${data('edge', EDGE_COLUMNS, e)}    </edge>\n`;
          })
          .join(''),
      );
    }
    await sink.write('  </graph>\n</graphml>\n');
  },
};
