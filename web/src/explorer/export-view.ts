// Exports of what is in view: GraphML (for Gephi, yEd, Cytoscape) and CSV (one row per relationship).
// PNG comes from the renderer itself (@sigma/export-image).
import type { GraphView } from './view-model.js';

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** The view as GraphML: actors with name, kind, country; relationships with type, status, claim, dates. */
export function toGraphML(view: GraphView): string {
  const keys = [
    ['name', 'node', 'string'],
    ['kind', 'node', 'string'],
    ['country', 'node', 'string'],
    ['type', 'edge', 'string'],
    ['role', 'edge', 'string'],
    ['status', 'edge', 'string'],
    ['confidence', 'edge', 'double'],
    ['claim', 'edge', 'string'],
    ['source', 'edge', 'string'],
    ['sentences', 'edge', 'string'],
    ['date', 'edge', 'string'],
    ['validFrom', 'edge', 'string'],
    ['validTo', 'edge', 'string'],
  ] as const;
  const data = (key: string, value: string | number | null | undefined): string =>
    value === null || value === undefined || value === '' ? '' : `      <data key="${key}">${xml(String(value))}</data>\n`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...keys.map(([name, domain, type]) => `  <key id="${name}" for="${domain}" attr.name="${name}" attr.type="${type}"/>`),
    '  <graph id="sanctions-graph" edgedefault="directed">',
  ];
  for (const node of view.nodes.values()) {
    lines.push(
      `    <node id="${xml(node.id)}">\n${data('name', node.name)}${data('kind', node.kind)}${data('country', node.country)}    </node>`,
    );
  }
  for (const edge of view.edges.values()) {
    lines.push(
      `    <edge id="${xml(edge.id)}" source="${xml(edge.from.id)}" target="${xml(edge.to.id)}">\n` +
        data('type', edge.type) +
        data('role', edge.role) +
        data('status', edge.evidence.status) +
        data('confidence', edge.evidence.confidence) +
        data('claim', edge.evidence.claim) +
        data('source', edge.evidence.source.id) +
        data('sentences', edge.evidence.sentences.join(' ')) +
        data('date', edge.date?.date) +
        data('validFrom', edge.validFrom?.date) +
        data('validTo', edge.validTo?.date) +
        '    </edge>',
    );
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

function csvCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The view's relationships as CSV (RFC 4180), with both actors' names and kinds on each row. */
export function toCsv(view: GraphView): string {
  const header = [
    'id',
    'type',
    'from_id',
    'from_name',
    'from_kind',
    'to_id',
    'to_name',
    'to_kind',
    'role',
    'status',
    'confidence',
    'claim',
    'source',
    'sentences',
    'date',
    'valid_from',
    'valid_to',
  ];
  const rows = [...view.edges.values()].map((e) => [
    e.id,
    e.type,
    e.from.id,
    e.from.name,
    e.from.kind,
    e.to.id,
    e.to.name,
    e.to.kind,
    e.role,
    e.evidence.status,
    e.evidence.confidence,
    e.evidence.claim,
    e.evidence.source.id,
    e.evidence.sentences.join(' '),
    e.date?.date,
    e.validFrom?.date,
    e.validTo?.date,
  ]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Saves text or a blob as a file, through a temporary link (no server round trip). */
export function download(fileName: string, content: Blob | string, type = 'text/plain'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
