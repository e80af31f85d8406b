import { useTestApp } from '../support/test-app.js';

const t = useTestApp();

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

  it('answers an unknown path with 404 and a stable code, like every error outside GraphQL', async () => {
    const res = await t.get('/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ errors: [{ message: 'Nothing is served at /nope', extensions: { code: 'NOT_FOUND' } }] });
  });

  it('answers a method a route does not serve with 405, allow, and BAD_REQUEST', async () => {
    const res = await fetch(`${t.app.url.replace(/\/graphql$/, '')}/healthz`, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(await res.json()).toEqual({ errors: [{ message: 'Use GET or HEAD', extensions: { code: 'BAD_REQUEST' } }] });
  });
});
