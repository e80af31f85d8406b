import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('HTTP surface', () => {
  it('answers the first slice: actors(first: 5) from the seed graph, in name order', async () => {
    const res = await t.gql<{ actors: { totalCount: number; edges: { node: { id: string; name: string } }[] } }>(
      '{ actors(first: 5) { totalCount edges { node { id name } } } }',
    );
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data?.actors.totalCount).toBe(32);
    expect(res.data?.actors.edges.map((e) => e.node.id)).toEqual([
      'aung-san-suu-kyi',
      'bangladesh',
      'biden-administration',
      'canada',
      'china',
    ]);
  });

  it('reports liveness and readiness', async () => {
    const health = await t.get('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await t.get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('answers an unknown path with 404', async () => {
    expect((await t.get('/nope')).status).toBe(404);
  });
});
