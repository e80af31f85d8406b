/** A small bounded write load over HTTP (issue 15): what is acknowledged is exactly what the graph holds. */
import { randomUUID } from 'node:crypto';

import { runWriteLoad, type Send } from '../../scripts/lib/write-load.js';
import { cypher } from '../../src/graph/cypher/cypher-query.js';
import { authHeaders } from '../support/auth-headers.js';
import { useTestApp } from '../support/test-app.js';

const t = useTestApp({ captureLogs: true });

const CLEAN_UP = cypher(
  'testWriteLoadCleanUp',
  `
CALL () {
  MATCH (c:Change) WHERE c.idempotencyKey STARTS WITH $prefix OR any(id IN c.ids WHERE id STARTS WITH $prefix OR id = $source)
  OPTIONAL MATCH (k:IdempotencyRecord {changeSeq: c.seq})
  DETACH DELETE c, k
}
CALL () {
  MATCH (n) WHERE n.id STARTS WITH $prefix OR n.id = $source
  DETACH DELETE n
}`,
);

describe('a bounded write load', () => {
  it('acknowledges 120 mutations from 4 clients (10% retried with the same key), each present once with one change', async () => {
    const prefix = `wl-${randomUUID().slice(0, 8)}`;
    let source = '';
    const send: Send = async (query, variables) => {
      const res = await t.post({ query, variables }, await authHeaders('EDITOR'));
      const body = res.body as Awaited<ReturnType<Send>>;
      const added = (body.data as { addSource?: { source: { id: string } } } | undefined)?.addSource;
      if (added) source = added.source.id;
      return body;
    };
    try {
      const report = await runWriteLoad(send, t.graph, { mutations: 120, clients: 4, retryShare: 0.1, prefix });
      if (Object.keys(report.errors).length > 0) process.stderr.write(JSON.stringify(t.logs.filter((l) => l['level'] === 50).slice(0, 2)));
      expect(report.errors).toEqual({});
      expect(report).toMatchObject({
        mutations: 120,
        clients: 4,
        retried: 12,
        acknowledged: 120,
        replayed: 12,
        errors: {},
        present: 120,
        unacknowledgedPresent: 0,
        duplicates: 0,
        changes: 120,
      });
    } finally {
      await t.graph.write(CLEAN_UP, { prefix, source });
    }
  });
});
