/**
 * The export writers on records holding hostile strings, read back by third-party readers: every string
 * round-trips through GraphML and GEXF (graphology), CSV (csv-parse) and FtM JSON lines, except the
 * characters XML 1.0 cannot carry at all, which become U+FFFD in the XML formats only.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';

import type { ActorModel, RelationshipModel } from '../../../src/graph/model.js';
import { csvField } from '../../../src/services/export/csv.js';
import { exportFormat } from '../../../src/services/export/export-formats.js';
import type { ExportEdge, ExportGraph } from '../../../src/services/export/export-graph.js';
import type { ExportSink } from '../../../src/services/export/export-sink.js';
import { xmlEscape } from '../../../src/services/export/xml.js';
import { HOSTILE } from '../../support/hostile-strings.js';

const EXTRA = ['a,b', 'line\nbreak', 'cr\r\nlf', '\ttab', ' padded ', ']]>', '<tag attr="x">&amp;</tag>', "l'apostrophe", 'é漢字'];
const STRINGS = [...HOSTILE, ...EXTRA];

// What XML 1.0 cannot hold, as xml.ts replaces it.
// eslint-disable-next-line no-control-regex
const asXml = (s: string): string => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '\uFFFD');

const actor = (i: number, name: string): ActorModel => ({
  id: `actor-${i}-${name.slice(0, 20)}`,
  kind: 'PERSON',
  name,
  aliases: [name, 'plain'],
  country: 'GB',
  description: name,
  degree: 1,
});

function graphOf(names: readonly string[]): { graph: ExportGraph; actors: ActorModel[]; edges: ExportEdge[] } {
  const actors = names.map((n, i) => actor(i, n));
  const edges = actors.map((a, i): ExportEdge => {
    const relationship: RelationshipModel = {
      id: `rel-${i}`,
      type: 'DENOUNCED',
      fromId: a.id,
      toId: actors[(i + 1) % actors.length]?.id ?? a.id,
      role: null,
      topics: [],
      sanctionId: null,
      date: { date: '2021-11-01', precision: 'MONTH', derivation: null },
      validFrom: null,
      validTo: null,
      noLaterThan: null,
      evidence: {
        sourceId: 'src',
        sentences: [1],
        claim: a.name,
        confidence: 0.5,
        status: 'ALLEGED',
        inferredFrom: null,
        needsReview: null,
      },
    };
    return { relationship, fromKind: 'PERSON', toKind: 'PERSON', source: null, quotes: [a.name], sanction: null, authority: null };
  });
  const graph: ExportGraph = {
    name: 'hostile',
    async *nodes() {
      yield actors.slice(0, 5);
      yield actors.slice(5);
    },
    async *edges() {
      yield edges;
    },
  };
  return { graph, actors, edges };
}

async function written(format: string, graph: ExportGraph, part?: string): Promise<{ text: string; bytes: Uint8Array; writes: number }> {
  const chunks: Uint8Array[] = [];
  const encoder = new TextEncoder();
  const sink: ExportSink = {
    async write(chunk) {
      chunks.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
    },
  };
  await exportFormat(format, part).write(graph, sink);
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.length;
  }
  return { text: new TextDecoder().decode(bytes), bytes, writes: chunks.length };
}

describe('xmlEscape', () => {
  it('escapes markup and whitespace that parsers would normalise, and replaces what XML cannot hold', () => {
    expect(xmlEscape('a < "b" & \'c\' >\n\t\r')).toBe('a &lt; &quot;b&quot; &amp; &apos;c&apos; &gt;&#10;&#9;&#13;');
    expect(xmlEscape('\u0000\u0008\u001f')).toBe('\uFFFD\uFFFD\uFFFD');
    expect(xmlEscape('\u202e\ud83d\ude00')).toBe('\u202e\ud83d\ude00');
    expect(xmlEscape('lone \ud83d and \ude00')).toBe('lone \uFFFD and \uFFFD');
  });
});

describe('csvField', () => {
  it('quotes as RFC 4180 says, and only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.5)).toBe('0.5');
  });
});

describe('hostile strings', () => {
  const { graph, actors } = graphOf(STRINGS);

  it('round-trip through GraphML as graphology reads it', async () => {
    const parsed = parseGraphml(MultiDirectedGraph, (await written('graphml', graph)).text);
    expect(parsed.order).toBe(actors.length);
    expect(parsed.size).toBe(actors.length);
    for (const a of actors) {
      const attributes = parsed.getNodeAttributes(asXml(a.id));
      expect(attributes['name']).toBe(asXml(a.name));
      // Lists are JSON, whose escapes carry even what XML cannot: they round-trip exactly.
      expect(JSON.parse(String(attributes['aliases']))).toEqual([a.name, 'plain']);
    }
    expect(parsed.getEdgeAttributes('rel-0')['claim']).toBe(asXml(actors[0]?.name ?? ''));
  });

  it('round-trip through GEXF as graphology reads it', async () => {
    const parsed = parseGexf(MultiDirectedGraph, (await written('gexf', graph)).text);
    expect(parsed.order).toBe(actors.length);
    for (const a of actors)
      expect(parsed.getNodeAttributes(asXml(a.id))).toMatchObject({ label: asXml(a.name), description: asXml(a.name) });
    for (const [i, a] of actors.entries()) expect(parsed.getEdgeAttributes(`rel-${i}`)['claim']).toBe(asXml(a.name));
  });

  it('round-trip exactly through CSV as csv-parse reads it, zipped or not', async () => {
    const part = await written('csv', graph, 'nodes');
    const rows = parseCsv<Record<string, string>>(part.text, { columns: true });
    expect(rows.map((r) => r['name'])).toEqual(actors.map((a) => a.name));
    expect(rows.map((r) => r['id'])).toEqual(actors.map((a) => a.id));
    const zipped = unzipSync((await written('csv', graph)).bytes);
    expect(new TextDecoder().decode(zipped['nodes.csv'])).toBe(part.text);
    const edges = parseCsv<Record<string, string>>(new TextDecoder().decode(zipped['edges.csv']), { columns: true });
    expect(edges.map((e) => e['claim'])).toEqual(actors.map((a) => a.name));
    expect(edges[0]).toMatchObject({ date: '2021-11-01', datePrecision: 'MONTH', status: 'ALLEGED', confidence: '0.5' });
  });

  it('round-trip exactly through FtM JSON lines, one entity a line', async () => {
    const lines = (await written('ftm', graph)).text.trimEnd().split('\n');
    expect(lines).toHaveLength(actors.length * 2);
    const entities = lines.map((l) => JSON.parse(l) as { id: string; schema: string; properties: Record<string, string[]> });
    expect(entities.slice(0, actors.length).map((e) => e.properties['name']?.[0])).toEqual(actors.map((a) => a.name));
    // A month-precise date is written as precisely as it is known.
    expect(entities[actors.length]).toMatchObject({ schema: 'UnknownLink', properties: { date: ['2021-11'], role: ['DENOUNCED'] } });
  });

  it('are written a page at a time, not gathered first', async () => {
    // Header, two node pages, one edge page, footer.
    expect((await written('graphml', graph)).writes).toBe(5);
  });
});
