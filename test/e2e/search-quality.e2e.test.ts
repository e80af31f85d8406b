import { readFile } from 'node:fs/promises';

import { measureSearch, renderSearchQuality, SEARCH_CASES } from '../../scripts/lib/search-quality.js';
import { useTestApp } from '../support/test-app.js';

const t = useTestApp();

describe('the search-quality section of docs/queries.md', () => {
  it('shows exactly what the search answers today, and before (regenerate with npm run docs:queries)', async () => {
    const page = await readFile('docs/queries.md', 'utf8');
    expect(page.endsWith(await renderSearchQuality(t.graph))).toBe(true);
  });

  it('finds the right actor first for every query today', async () => {
    const results = await measureSearch(t.graph);
    const wrong = results.filter((r, i) => {
      const expected = SEARCH_CASES[i]!.expected;
      return r.after === null ? expected.length > 0 : !expected.includes(r.after);
    });
    expect(wrong).toEqual([]);
  });
});
