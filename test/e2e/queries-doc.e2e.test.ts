import { readFile } from 'node:fs/promises';

import { renderQueriesDoc } from '../../scripts/lib/queries-doc.js';
import { renderSearchQuality } from '../../scripts/lib/search-quality.js';
import { useTestApp } from '../support/test-app.js';

const t = useTestApp();

describe('docs/queries.md', () => {
  it('shows exactly what the server answers today (regenerate with npm run docs:queries)', async () => {
    const fresh = await renderQueriesDoc(
      async (query) => {
        const { status: _status, ...body } = await t.gql(query);
        return body;
      },
      await renderSearchQuality(t.graph),
    );
    expect(await readFile('docs/queries.md', 'utf8')).toBe(fresh);
  });
});
