/**
 * Exports of the seed graph (issue 16), read back by readers nobody here wrote: graphology's GraphML and
 * GEXF parsers, csv-parse, fflate's unzip, and the FtM model of @alephdata/followthemoney. Exact counts
 * and attributes; HTTP and CLI give the same bytes; bad arguments, cost and budget refusals come before
 * any byte of the body; a client that goes away stops the export.
 */
import { execFile } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';

import { defaultModel, Model } from '@alephdata/followthemoney';
import { parse as parseCsv } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';

import type { GraphRepository } from '../../src/graph/graph-repository.js';
import { startTestApp, type TestApp, useTestApp } from '../support/test-app.js';
import { testEnv } from '../support/test-env.js';

const t = useTestApp();

/** The seed's live graph: 32 actors, 58 relationships between them, 14 of them SANCTIONED. */
const ACTORS = 32;
const RELATIONSHIPS = 58;
const SANCTIONED = 14;

async function body(path: string): Promise<{ status: number; headers: Headers; text: string; bytes: Uint8Array }> {
  const res = await t.get(path);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, text: new TextDecoder().decode(bytes), bytes };
}

async function refusal(path: string): Promise<{ status: number; code: unknown; extensions: Record<string, unknown> }> {
  const res = await t.get(path);
  const json = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
  expect(json.errors).toHaveLength(1);
  const extensions = json.errors[0]?.extensions ?? {};
  return { status: res.status, code: extensions['code'], extensions };
}

describe('GraphML', () => {
  it('holds every actor and relationship with kinds, evidence and dates, as graphology reads it', async () => {
    const res = await body('/export/graphml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/graphml+xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="sanctions-graph-graph.graphml"');
    const graph = parseGraphml(MultiDirectedGraph, res.text);
    expect(graph.order).toBe(ACTORS);
    expect(graph.size).toBe(RELATIONSHIPS);
    expect(graph.getNodeAttributes('us-treasury')).toEqual({
      label: 'United States Department of the Treasury',
      kind: 'GOVERNMENT_BODY',
      name: 'United States Department of the Treasury',
      aliases: '["Department of Treasury","Treasury"]',
      country: 'US',
      description: 'The US executive department that put SenseTime on the investment blacklist.',
      degree: graph.degree('us-treasury'),
    });
    const sanctioned = graph.filterEdges((_, a) => a['relationshipType'] === 'SANCTIONED');
    expect(sanctioned).toHaveLength(SANCTIONED);
    for (const id of graph.edges()) {
      const a = graph.getEdgeAttributes(id);
      expect(typeof a['status']).toBe('string');
      expect(typeof a['confidence']).toBe('number');
      expect(typeof a['claim']).toBe('string');
      expect(typeof a['sourceId']).toBe('string');
    }
    const leads = graph.getEdgeAttributes('rel-suu-kyi-leads-myanmar');
    expect(leads).toMatchObject({ relationshipType: 'LEADS', validTo: '2021-02-01', validToPrecision: 'DAY' });
    expect(JSON.parse(String(leads['quotes'])) as string[]).toHaveLength((JSON.parse(String(leads['sentences'])) as number[]).length);
  });
});

describe('GEXF', () => {
  it('is a dynamic GEXF 1.3 graph whose edges carry start and end from their dates', async () => {
    const res = await body('/export/gexf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/gexf+xml; charset=utf-8');
    expect(res.text).toContain('<gexf xmlns="http://gexf.net/1.3"');
    expect(res.text).toContain('<graph mode="dynamic" defaultedgetype="directed" timeformat="date"');
    const graph = parseGexf(MultiDirectedGraph, res.text);
    expect(graph.order).toBe(ACTORS);
    expect(graph.size).toBe(RELATIONSHIPS);
    expect(graph.getNodeAttributes('sensetime')).toMatchObject({ label: 'SenseTime Group', kind: 'COMPANY', country: 'CN' });
    expect(graph.getEdgeAttributes('rel-suu-kyi-leads-myanmar')).toMatchObject({ kind: 'LEADS', relationshipType: 'LEADS' });
    // graphology keeps no spells; the element says them.
    expect(res.text).toContain(
      '<edge id="rel-suu-kyi-leads-myanmar" source="aung-san-suu-kyi" target="myanmar" kind="LEADS" label="LEADS" start="2021-01-31" end="2021-02-01">',
    );
    const edgesWithStart = res.text.match(/<edge [^>]* start="\d{4}-\d{2}-\d{2}"/g) ?? [];
    expect(edgesWithStart.length).toBeGreaterThan(SANCTIONED);
    expect(res.text.match(/<edge [^>]* end="/g)).toHaveLength(1);
  });
});

describe('CSV', () => {
  it('zips nodes.csv and edges.csv, the same files as the two parts', async () => {
    const res = await body('/export/csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="sanctions-graph-graph.csv.zip"');
    const files = unzipSync(res.bytes);
    expect(Object.keys(files)).toEqual(['nodes.csv', 'edges.csv']);
    const nodesText = new TextDecoder().decode(files['nodes.csv']);
    const edgesText = new TextDecoder().decode(files['edges.csv']);
    const nodes = parseCsv<Record<string, string>>(nodesText, { columns: true });
    const edges = parseCsv<Record<string, string>>(edgesText, { columns: true });
    expect(nodes).toHaveLength(ACTORS);
    expect(edges).toHaveLength(RELATIONSHIPS);
    expect(Object.keys(edges[0] ?? {}).slice(0, 4)).toEqual(['id', 'source', 'target', 'relationshipType']);
    expect(nodes.find((n) => n['id'] === 'sensetime')).toMatchObject({ kind: 'COMPANY', name: 'SenseTime Group', country: 'CN' });
    expect(edges.filter((e) => e['relationshipType'] === 'SANCTIONED')).toHaveLength(SANCTIONED);
    expect(edges.every((e) => e['status'] !== '' && Number(e['confidence']) > 0)).toBe(true);

    const nodesPart = await body('/export/csv?part=nodes');
    const edgesPart = await body('/export/csv?part=edges');
    expect(nodesPart.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(nodesPart.headers.get('content-disposition')).toBe('attachment; filename="sanctions-graph-graph.nodes.csv"');
    expect(nodesPart.text).toBe(nodesText);
    expect(edgesPart.text).toBe(edgesText);
  });
});

describe('FtM', () => {
  const model = new Model(defaultModel);

  it('emits entities every one of which the FtM model accepts, with links whose ends exist and fit', async () => {
    const res = await body('/export/ftm');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const entities = res.text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; schema: string; properties: Record<string, string[]>; datasets: string[] });
    const byId = new Map(entities.map((e) => [e.id, e]));
    expect(byId.size).toBe(entities.length);
    const counts: Record<string, number> = {};
    for (const e of entities) counts[e.schema] = (counts[e.schema] ?? 0) + 1;
    expect(counts).toEqual({
      PublicBody: 12,
      Organization: 8,
      LegalEntity: 6,
      Person: 5,
      Company: 1,
      UnknownLink: 29,
      Sanction: SANCTIONED,
      Membership: 6,
      Directorship: 5,
      Representation: 3,
      Associate: 1,
    });
    expect(entities).toHaveLength(ACTORS + RELATIONSHIPS);
    const countries = new Set(model.getType('country').values.keys());
    for (const e of entities) {
      const schema = model.getSchema(e.schema);
      expect(schema.abstract).toBe(false);
      expect(e.datasets).toEqual(['sanctions_graph']);
      // Entity proxies throw on a property the schema lacks.
      const entity = model.getEntity({ id: e.id, schema: e.schema, properties: e.properties });
      for (const [name, values] of Object.entries(e.properties)) {
        const property = schema.getProperty(name);
        expect(values.length).toBeGreaterThan(0);
        expect(entity.getProperty(name)).toHaveLength(values.length);
        for (const value of values) {
          if (property.type.name === 'entity') {
            const target = byId.get(value);
            expect(target).toBeDefined();
            expect(model.getSchema(target?.schema).isA(property.getRange())).toBe(true);
          }
          if (property.type.name === 'date') expect(value).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
          if (property.type.name === 'country') expect(countries.has(value)).toBe(true);
        }
      }
    }
    const sensetime = byId.get('sensetime');
    expect(sensetime).toMatchObject({
      schema: 'Company',
      properties: { name: ['SenseTime Group'], country: ['cn'], keywords: ['COMPANY'] },
    });
    const sanction = entities.find((e) => e.schema === 'Sanction' && e.properties['entity']?.[0] === 'sensetime');
    expect(sanction?.properties['authority']).toEqual(['United States Department of the Treasury']);
  });
});

describe('selections', () => {
  it('exports a neighbourhood as the GraphQL field answers it, and agrees with the CLI byte for byte', async () => {
    const answer = await t.gql<{ neighbourhood: { nodes: { id: string }[]; edges: { id: string }[] } }>(
      '{ neighbourhood(id: "sensetime", hops: 2) { nodes { id } edges { id } } }',
    );
    const nodes = answer.data?.neighbourhood.nodes.map((n) => n.id).sort() ?? [];
    const edges = answer.data?.neighbourhood.edges.map((e) => e.id).sort() ?? [];
    expect(nodes.length).toBeGreaterThan(2);

    const res = await body('/export/graphml?neighbourhood=sensetime&hops=2');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="sanctions-graph-neighbourhood-sensetime-2.graphml"');
    expect(Number(res.headers.get('x-cost'))).toBeGreaterThan(0);
    const graph = parseGraphml(MultiDirectedGraph, res.text);
    expect(graph.nodes().sort()).toEqual(nodes);
    expect(graph.edges().sort()).toEqual(edges);

    const { stdout } = await promisify(execFile)(
      'npx',
      ['tsx', 'scripts/export.ts', '--format', 'graphml', '--neighbourhood', 'sensetime', '--hops', '2'],
      { env: { ...testEnv(), NEO4J_URI: neo4jUri() }, maxBuffer: 16 * 1024 * 1024 },
    );
    expect(stdout).toBe(res.text);
  });

  it('exports paths, findings and a relationship query with the fields own arguments', async () => {
    const paths = parseGraphml(MultiDirectedGraph, (await body('/export/graphml?from=liu-pengyu&to=us-treasury')).text);
    expect(paths.hasNode('liu-pengyu') && paths.hasNode('us-treasury')).toBe(true);

    const findings = await t.gql<{ whoSanctioned: { sanction: { id: string } }[] }>(
      '{ whoSanctioned(actorId: "sensetime") { sanction { id } } }',
    );
    const who = parseGraphml(MultiDirectedGraph, (await body('/export/graphml?whoSanctioned=sensetime')).text);
    const sanctionIds = new Set(who.mapEdges((_, a) => String(a['sanctionId'])));
    expect([...sanctionIds].sort()).toEqual([...new Set(findings.data?.whoSanctioned.map((f) => f.sanction.id))].sort());

    const query = (where: object): string => encodeURIComponent(JSON.stringify({ relationships: { where } }));
    const all = parseGraphml(
      MultiDirectedGraph,
      (await body(`/export/graphml?query=${query({ types: ['SANCTIONED'], includeInferred: true })}`)).text,
    );
    expect(all.size).toBe(SANCTIONED);
    expect(all.everyEdge((_, a) => a['relationshipType'] === 'SANCTIONED')).toBe(true);
    // As the field: INFERRED claims only when asked for.
    const stated = parseGraphml(MultiDirectedGraph, (await body(`/export/graphml?query=${query({ types: ['SANCTIONED'] })}`)).text);
    expect(stated.size).toBe(10);
    expect(stated.someEdge((_, a) => a['status'] === 'INFERRED')).toBe(false);
  });

  it('refuses bad arguments with BAD_USER_INPUT and unknown actors with NOT_FOUND, before any body', async () => {
    expect(await refusal('/export/graphml?neighbourhood=sensetime&hops=9')).toMatchObject({
      status: 400,
      code: 'BAD_USER_INPUT',
      extensions: { argument: 'hops' },
    });
    expect(await refusal('/export/graphml?neighbourhood=nobody')).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      extensions: { argument: 'id' },
    });
    expect(await refusal('/export/gexf?colour=red')).toMatchObject({
      status: 400,
      code: 'BAD_USER_INPUT',
      extensions: { argument: 'colour' },
    });
    expect(await refusal('/export/graphml?part=nodes')).toMatchObject({
      status: 400,
      code: 'BAD_USER_INPUT',
      extensions: { argument: 'part' },
    });
    expect(await refusal('/export/ftm?query=%7B')).toMatchObject({
      status: 400,
      code: 'BAD_USER_INPUT',
      extensions: { argument: 'query' },
    });
    expect(await refusal('/export/ftm?query=%7B%22neighbourhood%22%3A%7B%22id%22%3A1%7D%7D')).toMatchObject({
      status: 400,
      code: 'BAD_USER_INPUT',
    });
    expect(await refusal('/export/pdf')).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});

describe('limits', () => {
  it('refuses past LIMIT_MAX_COST and past the caller budget, as GraphQL does, without reading the selection', async () => {
    // A one-hop neighbourhood of 20 costs 8,161 points (the cost of the same GraphQL selection).
    const tight = await startTestApp({ env: { LIMIT_MAX_COST: '10000', RATE_LIMIT_POINTS: '10000', RATE_LIMIT_WINDOW_MS: '600000' } });
    try {
      const costly = await tight.get('/export/graphml?neighbourhood=sensetime&hops=3&limit=500');
      expect(costly.status).toBe(400);
      expect(((await costly.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
        'COST_LIMIT_EXCEEDED',
      );
      // Within the per-operation bound, but the budget holds one such export only.
      let statuses: number[] = [];
      const statements = await tight.statementsDuring(async () => {
        const first = await tight.get('/export/graphml?neighbourhood=sensetime&limit=20');
        await first.arrayBuffer();
        expect(first.headers.get('x-cost')).toBe('8161');
        const second = await tight.get('/export/graphml?neighbourhood=sensetime&limit=20');
        statuses = [first.status, second.status];
        expect(second.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(((await second.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('RATE_LIMITED');
      });
      expect(statuses).toEqual([200, 429]);
      // Only the first export read the graph.
      const one = await tight.statementsDuring(async () => {
        await tight.get('/export/graphml?neighbourhood=sensetime&hops=3&limit=500').then((r) => r.arrayBuffer());
      });
      expect(one).toBe(0);
      expect(statements).toBeGreaterThan(0);
    } finally {
      await tight.close();
    }
  });
});

describe('streaming', () => {
  it('stops reading the graph once the client goes away', async () => {
    let closed!: () => void;
    const responseClosed = new Promise<void>((resolve) => (closed = resolve));
    let actorPages = 0;
    let relationshipPages = 0;
    const app: TestApp = await startTestApp({
      captureLogs: true,
      wrapRepository: (repo: GraphRepository) => {
        const actors = repo.exports.actorsPage.bind(repo.exports);
        const relationships = repo.exports.relationshipsPage.bind(repo.exports);
        repo.exports.actorsPage = async (after, limit) => {
          actorPages += 1;
          // The first page is answered only once the server has seen the client go.
          await responseClosed;
          return actors(after, limit);
        };
        repo.exports.relationshipsPage = async (cursor, limit) => {
          relationshipPages += 1;
          return relationships(cursor, limit);
        };
        return repo;
      },
    });
    const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
      if (req.url?.startsWith('/export/')) res.once('close', closed);
    };
    app.app.server.on('request', onRequest);
    try {
      const controller = new AbortController();
      const res = await fetch(`${app.base}/export/graphml`, { signal: controller.signal });
      const reader = res.body?.getReader();
      const first: { value?: Uint8Array } | undefined = await reader?.read();
      expect(new TextDecoder().decode(first?.value)).toContain('<graphml');
      controller.abort();
      await responseClosed;
      await waitFor(() => app.logs.some((l) => l['msg'] === 'export stopped: the client went away'));
      // The page read when the client went could not be written: nothing more was read.
      expect([actorPages, relationshipPages]).toEqual([1, 0]);
    } finally {
      app.app.server.off('request', onRequest);
      await app.close();
    }
  });
});

function neo4jUri(): string {
  const env = testEnv();
  return env['NEO4J_URI'] ?? `bolt://127.0.0.1:${env['NEO4J_LOCAL_BOLT_PORT'] ?? '7688'}`;
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
