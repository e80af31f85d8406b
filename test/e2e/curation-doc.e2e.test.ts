import { readFile } from 'node:fs/promises';

import { EXAMPLE_RELATION, EXAMPLE_SOURCE, REMOVE_EXAMPLE, renderCurationDoc } from '../../scripts/lib/curation-doc.js';
import { authHeaders } from '../support/auth-headers.js';
import { useTestApp } from '../support/test-app.js';

const t = useTestApp();

describe('docs/curation.md', () => {
  it('shows exactly what the server answers today (regenerate with npm run docs:curation)', async () => {
    const params = { relation: EXAMPLE_RELATION, source: EXAMPLE_SOURCE };
    await t.graph.write(REMOVE_EXAMPLE, params);
    try {
      const fresh = await renderCurationDoc(
        async (query, variables) => (await t.post({ query, variables }, await authHeaders('EDITOR'))).body,
      );
      expect(await readFile('docs/curation.md', 'utf8')).toBe(fresh);
    } finally {
      await t.graph.write(REMOVE_EXAMPLE, params);
    }
  });
});
