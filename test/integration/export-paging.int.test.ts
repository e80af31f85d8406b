/**
 * The whole-graph export reads the graph in bounded keyset pages and writes each page before it reads
 * the next (issue 16): with pages of 5, statements and writes interleave, no write holds more than a
 * page, and the output is byte for byte the one of a single page.
 */
import { parseConfig } from '../../src/config/config.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import { GraphRepository } from '../../src/graph/graph-repository.js';
import { exportGraph } from '../../src/services/export/export-graph.js';
import type { ExportSink } from '../../src/services/export/export-sink.js';
import { GRAPHML } from '../../src/services/export/graphml.js';
import { testEnv } from '../support/test-env.js';

const graph = GraphClient.connect(parseConfig(testEnv()).neo4j);
afterAll(() => graph.close());

async function exported(
  pageSize: number,
): Promise<{ text: string; writes: { text: string; actorPages: number; relationshipPages: number }[] }> {
  let actorPages = 0;
  let relationshipPages = 0;
  const off = graph.onStatement((q) => {
    if (q.name === 'exportActorsPage') actorPages += 1;
    if (q.name === 'exportRelationshipsPage') relationshipPages += 1;
  });
  const writes: { text: string; actorPages: number; relationshipPages: number }[] = [];
  const sink: ExportSink = {
    async write(chunk) {
      writes.push({ text: String(chunk), actorPages, relationshipPages });
    },
  };
  try {
    await GRAPHML.write(await exportGraph(new GraphRepository(graph), { kind: 'graph' }, { pageSize }), sink);
  } finally {
    off();
  }
  return { text: writes.map((w) => w.text).join(''), writes };
}

it('reads pages of at most pageSize records and writes each before reading the next', async () => {
  const paged = await exported(5);
  const nodeWrites = paged.writes.filter((w) => w.text.includes('<node '));
  const edgeWrites = paged.writes.filter((w) => w.text.includes('<edge '));
  // 32 actors: six full pages and one of two.
  expect(nodeWrites.map((w) => (w.text.match(/<node /g) ?? []).length)).toEqual([5, 5, 5, 5, 5, 5, 2]);
  expect(nodeWrites.map((w) => w.actorPages)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  // 58 relationships, no page above 5, each written as soon as it was read.
  const perEdgePage = edgeWrites.map((w) => (w.text.match(/<edge /g) ?? []).length);
  expect(perEdgePage.reduce((a, b) => a + b, 0)).toBe(58);
  expect(Math.max(...perEdgePage)).toBeLessThanOrEqual(5);
  const pagesRead = edgeWrites.map((w) => w.relationshipPages);
  expect(pagesRead).toEqual([...pagesRead].sort((a, b) => a - b));
  expect(new Set(pagesRead).size).toBe(pagesRead.length);

  // The same bytes as one page: the keyset cursor neither skips nor repeats, across actors with more
  // relationships than a page too.
  const whole = (await exported(500)).text;
  expect(paged.text).toBe(whole);
  expect((await exported(2)).text).toBe(whole);
});
