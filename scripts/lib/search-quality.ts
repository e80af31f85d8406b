/**
 * The search-quality measurement of docs/queries.md (its last section): realistic queries, each with the
 * actor a researcher means, and the top hit of the search before the stemmed index and exact-name
 * ranking and of today's. `renderSearchQuality` runs both on a live, seeded graph (`npm run
 * docs:queries`), and test/e2e/search-quality.e2e.test.ts checks the page against it.
 */
import neo4j from 'neo4j-driver';

import {
  AWAIT_BASELINE_INDEX,
  CREATE_BASELINE_INDEX,
  DROP_BASELINE_INDEX,
  SEARCH_ACTORS_BASELINE,
} from '../../src/graph/cypher/search-baseline-cypher.js';
import type { GraphClient } from '../../src/graph/graph-client.js';
import { GraphRepository } from '../../src/graph/graph-repository.js';

/** One query and the actors that would be a right top hit (none: the article names nothing like it). */
interface SearchCase {
  readonly text: string;
  readonly kind: string;
  readonly expected: readonly string[];
}

const DESIGNATED = ['china', 'myanmar', 'bangladesh', 'north-korea'].map((c) => `designated-${c}-2021-12-10`);

/** The queries, in table order. */
export const SEARCH_CASES: readonly SearchCase[] = [
  { text: 'SenseTime', kind: 'name', expected: ['sensetime'] },
  { text: 'sensetmie', kind: 'misspelling', expected: ['sensetime'] },
  { text: 'Uighur', kind: 'spelling variant', expected: ['uyghurs'] },
  { text: 'Uighurs', kind: 'spelling variant', expected: ['uyghurs'] },
  { text: 'Uyghur', kind: 'singular', expected: ['uyghurs'] },
  { text: 'Myanmar', kind: 'name', expected: ['myanmar'] },
  { text: 'Burma', kind: 'name the article does not use', expected: [] },
  { text: 'Aung San Su Kyi', kind: 'misspelling', expected: ['aung-san-suu-kyi'] },
  { text: 'Biden', kind: 'alias', expected: ['joe-biden'] },
  { text: 'North Korea', kind: 'name', expected: ['north-korea'] },
  { text: 'Liu Peng Yu', kind: 'spacing', expected: ['liu-pengyu'] },
  { text: 'embassy spokesman', kind: 'description', expected: ['liu-pengyu'] },
  { text: 'facial recognition company', kind: 'description', expected: ['sensetime'] },
  { text: 'Deputy Treasury Secretary', kind: 'description', expected: ['wally-adeyemo'] },
  { text: 'Treasury Department', kind: 'word order', expected: ['us-treasury'] },
  { text: 'military junta', kind: 'description', expected: ['myanmar-military'] },
  { text: 'sanctioned', kind: 'stem', expected: DESIGNATED },
  { text: 'people sanctioned in China', kind: 'description', expected: ['designated-china-2021-12-10'] },
  { text: 'Chinese companies', kind: 'alias', expected: ['chinese-companies-trade-blacklisted-2021-11'] },
  { text: 'electoral commissions', kind: 'plural', expected: ['myanmar-electoral-commission'] },
];

/** buildFulltextQuery as it was before (commit 3222ed3): no stop words dropped, for an unstemmed index. */
export function baselineFulltextQuery(text: string): string | null {
  const special = /[+\-!(){}[\]^"~*?:\\/&|]/g;
  const words = text
    .toLowerCase()
    .normalize('NFKC')
    .split(/[\s\p{P}\p{S}]+/u)
    .map((w) => w.replace(special, ''))
    .filter((w) => w.length > 0)
    .slice(0, 8);
  if (words.length === 0) return null;
  const escape = (term: string): string => {
    const escaped = term.replace(special, (c) => `\\${c}`);
    return /^(AND|OR|NOT)$/.test(escaped) ? `\\${escaped}` : escaped;
  };
  const clause = (w: string): string => {
    const parts = [`${escape(w)}^3`, `${escape(w)}*`];
    if (w.length >= 4) parts.push(`${escape(w)}~${w.length >= 7 ? 2 : 1}`);
    return `(${parts.join(' OR ')})`;
  };
  const allWords = `(${words.map(clause).join(' AND ')})`;
  return words.length === 1 ? allWords : `${allWords} OR ${clause(words.join(''))}`;
}

/** The top hit of each query, before and after, on `graph` (which must hold the seed). */
export async function measureSearch(graph: GraphClient): Promise<{ text: string; before: string | null; after: string | null }[]> {
  const repo = new GraphRepository(graph);
  await graph.schema(CREATE_BASELINE_INDEX);
  try {
    await graph.schema(AWAIT_BASELINE_INDEX);
    const results = [];
    for (const c of SEARCH_CASES) {
      const query = baselineFulltextQuery(c.text);
      const before = query === null ? [] : await graph.read<{ id: string }>(SEARCH_ACTORS_BASELINE, { query, limit: neo4j.int(1) });
      const after = await repo.actors.search({ text: c.text, kinds: null, limit: 1 });
      results.push({ text: c.text, before: before[0]?.id ?? null, after: after[0]?.actor.id ?? null });
    }
    return results;
  } finally {
    await graph.schema(DROP_BASELINE_INDEX);
  }
}

/** Renders the search-quality section of docs/queries.md from a measurement. */
export async function renderSearchQuality(graph: GraphClient): Promise<string> {
  const results = await measureSearch(graph);
  const right = (c: SearchCase, id: string | null): boolean => (id === null ? c.expected.length === 0 : c.expected.includes(id));
  const cell = (c: SearchCase, id: string | null): string => `${id === null ? 'no hit' : `\`${id}\``} ${right(c, id) ? '✓' : '✗'}`;
  const rows = SEARCH_CASES.map((c, i) => {
    const r = results[i]!;
    const expected = c.expected.length === 0 ? 'no hit' : c.expected.length > 1 ? 'a `designated-*` group' : `\`${c.expected[0]}\``;
    return `| ${i + 1} | ${c.text} | ${c.kind} | ${expected} | ${cell(c, r.before)} | ${cell(c, r.after)} |`;
  });
  const score = (pick: (r: (typeof results)[number]) => string | null): number =>
    SEARCH_CASES.filter((c, i) => right(c, pick(results[i]!))).length;
  return [
    '## Search quality, measured',
    '',
    `Measured on the seed graph with the page (test/e2e/search-quality.e2e.test.ts fails when it is out of date).`,
    'Each query is one a researcher would type; "expected" is the actor they mean. **Before** is the search',
    'until issue 14 (names and aliases, no stemming, ranked by the index score alone); **after** is `Query.search`',
    'today (names, aliases and descriptions through the English analyzer, stop words dropped; exact names and aliases',
    'first, then how many of the words the names and description hold, then the score, then the kind).',
    '',
    `Right top hit: before ${score((r) => r.before)} of ${SEARCH_CASES.length}, after ${score((r) => r.after)} of ${SEARCH_CASES.length}.`,
    '',
    '| # | Query | Kind of query | Expected | Top hit before | Top hit after |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
