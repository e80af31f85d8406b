import type { Column, ColumnType } from './export-fields.js';
import { EDGE_COLUMNS, edgeSpell, NODE_COLUMNS } from './export-fields.js';
import type { ExportGraph } from './export-graph.js';
import type { ExportFormat, ExportSink } from './export-sink.js';
import { xmlEscape } from './xml.js';

const GEXF_TYPES: Record<ColumnType, string> = { string: 'string', int: 'integer', double: 'double', boolean: 'boolean' };

// `label` is GEXF's own attribute of a node, so it is not declared again as a column.
const NODE_ATTRIBUTES = NODE_COLUMNS.filter((c) => c.name !== 'label');

const declare = (c: Pick<Column<never>, 'name' | 'type'>): string =>
  `      <attribute id="${c.name}" title="${c.name}" type="${GEXF_TYPES[c.type]}"/>\n`;

function attvalues<T>(columns: readonly Column<T>[], record: T): string {
  let out = '';
  for (const c of columns) {
    const value = c.value(record);
    if (value !== null) out += `        <attvalue for="${c.name}" value="${xmlEscape(String(value))}"/>\n`;
  }
  return out === '' ? '' : `      <attvalues>\n${out}      </attvalues>\n`;
}

/**
 * GEXF 1.3 (https://gexf.net/), `mode="dynamic"` with `timeformat="date"`, so Gephi's timeline plays the
 * graph: each edge carries `start`/`end` from its dates ({@link edgeSpell}); nodes carry none (an actor
 * exists throughout). Edges carry the relationship type as `kind` and `label`, and every column of
 * export-fields.ts as an `<attvalue>`. Written page by page, nodes first.
 *
 * @example
 * await GEXF.write(graph, sink); // Gephi: File > Open, then Window > Timeline
 */
export const GEXF: ExportFormat = {
  name: 'gexf',
  contentType: 'application/gexf+xml; charset=utf-8',
  extension: 'gexf',
  async write(graph: ExportGraph, sink: ExportSink): Promise<void> {
    await sink.write(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n' +
        '  xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n' +
        `  <meta>\n    <creator>sanctions-graph</creator>\n    <description>${xmlEscape(graph.name)}</description>\n  </meta>\n` +
        '  <graph mode="dynamic" defaultedgetype="directed" timeformat="date" timerepresentation="interval">\n' +
        `    <attributes class="node">\n${NODE_ATTRIBUTES.map(declare).join('')}    </attributes>\n` +
        `    <attributes class="edge">\n${EDGE_COLUMNS.map(declare).join('')}    </attributes>\n` +
        '    <nodes>\n',
    );
    for await (const page of graph.nodes()) {
      await sink.write(
        page
          .map((a) => `      <node id="${xmlEscape(a.id)}" label="${xmlEscape(a.name)}">\n${attvalues(NODE_ATTRIBUTES, a)}      </node>\n`)
          .join(''),
      );
    }
    await sink.write('    </nodes>\n    <edges>\n');
    for await (const page of graph.edges()) {
      await sink.write(
        page
          .map((e) => {
            const r = e.relationship;
            const { start, end } = edgeSpell(e);
            const spell = `${start ? ` start="${start}"` : ''}${end ? ` end="${end}"` : ''}`;
            return (
              `      <edge id="${xmlEscape(r.id)}" source="${xmlEscape(r.fromId)}" target="${xmlEscape(r.toId)}"` +
              ` kind="${r.type}" label="${r.type}"${spell}>\n${attvalues(EDGE_COLUMNS, e)}      </edge>\n`
            );
          })
          .join(''),
      );
    }
    await sink.write('    </edges>\n  </graph>\n</gexf>\n');
  },
};
