/**
 * Read-your-writes over HTTP (issue 19): the bookmarks of an operation's writes come back in the
 * `Neo4j-Bookmark` header and `extensions.bookmark`; a request sending them back reads from them, on
 * another server too; a malformed or unknown bookmark is BAD_REQUEST. No mutation exists yet on this
 * branch, so the write inside an operation is made by a repository wrapper (the TEST ONLY hook), the
 * way a mutation's service writes through the operation's trace.
 */
import { bookmarkingFetch } from '@sanctions-graph/client';

import { OperationTrace } from '../../src/graph/operation-trace.js';
import { writeSeed } from '../../src/graph/seed-repository.js';
import { BOOKMARK_HEADER, MAX_BOOKMARKS } from '../../src/server/bookmarks.js';
import { graphFixture } from '../support/graph-fixture.js';
import { firstCode, startTestApp, type TestApp } from '../support/test-app.js';

const ACTOR = 'query Actor($id: ID!) { actor(id: $id) { id name } }';

describe('bookmarks over HTTP', () => {
  const written = graphFixture('bookmark-op').actor('written', 'PERSON', 'Written In The Operation');
  const direct = graphFixture('bookmark-direct').actor('direct', 'PERSON', 'Written Directly');
  let writer: TestApp;
  let reader: TestApp;
  beforeAll(async () => {
    writer = await startTestApp({
      env: { CORS_ORIGINS: 'https://app.example.org' },
      // Stands for a mutation: the operation writes through its own trace before it reads.
      wrapRepository: (repo) => {
        const find = repo.actors.findByIds.bind(repo.actors);
        repo.actors.findByIds = async (ids) => {
          if (ids.includes(written.id('written'))) await writeSeed(writer.graph, written.data(), repo.counter);
          return find(ids);
        };
        return repo;
      },
    });
    // A second server: another replica of the same database.
    reader = await startTestApp();
  });
  afterAll(async () => {
    await written.remove(writer.graph);
    await direct.remove(writer.graph);
    await writer.close();
    await reader.close();
  });

  it('answers an operation that wrote with the bookmark of its commit, in the header and in extensions, and exposes it to browsers', async () => {
    const res = await writer.post({ query: ACTOR, variables: { id: written.id('written') } }, { origin: 'https://app.example.org' });
    expect(res.status).toBe(200);
    // The operation's read after its write saw the write: its reads start from the write's bookmark.
    expect(res.body['data']).toEqual({ actor: { id: written.id('written'), name: 'Written In The Operation' } });
    const header = res.headers.get(BOOKMARK_HEADER);
    expect(header).toMatch(/^[A-Za-z0-9+/=:_-]{8,256}$/);
    expect((res.body['extensions'] as Record<string, unknown>)['bookmark']).toBe(header);
    expect(res.headers.get('access-control-expose-headers')?.split(', ')).toContain('neo4j-bookmark');

    // Sent back to the other server, it reads from that state.
    const again = await reader.post({ query: ACTOR, variables: { id: written.id('written') } }, { [BOOKMARK_HEADER]: header ?? '' });
    expect(again.status).toBe(200);
    expect(again.body['data']).toEqual({ actor: { id: written.id('written'), name: 'Written In The Operation' } });
    // An operation that writes nothing hands out no bookmark.
    expect(again.headers.get(BOOKMARK_HEADER)).toBeNull();
    expect(again.body['extensions']).not.toHaveProperty('bookmark');
  });

  it('reads a write made outside the server from its bookmark, several bookmarks comma-separated', async () => {
    const trace = new OperationTrace();
    await writeSeed(reader.graph, direct.data(), trace);
    const [bookmark] = trace.writeBookmarks;
    expect(trace.writeBookmarks).toHaveLength(1);
    const res = await reader.post(
      { query: ACTOR, variables: { id: direct.id('direct') } },
      { [BOOKMARK_HEADER]: `${bookmark}, ${bookmark}` },
    );
    expect(res.status).toBe(200);
    expect(res.body['data']).toEqual({ actor: { id: direct.id('direct'), name: 'Written Directly' } });
  });

  it.each([
    ['not a bookmark', 'FB:abc def'],
    ['quotes', '"FB:abc"'],
    ['too many', Array.from({ length: MAX_BOOKMARKS + 1 }, (_, i) => `FB:b${i}`).join(',')],
    ['too long', `FB:${'a'.repeat(300)}`],
    ['far too long', 'FB:a,'.repeat(2000)],
  ])('refuses a Neo4j-Bookmark header holding %s with 400 BAD_REQUEST before anything runs', async (_, value) => {
    const sent = await reader.statementsDuring(async () => {
      const res = await reader.post({ query: ACTOR, variables: { id: 'china' } }, { [BOOKMARK_HEADER]: value });
      expect(res.status).toBe(400);
      expect(firstCode(res.body)).toBe('BAD_REQUEST');
    });
    expect(sent).toBe(0);
  });

  it('answers a well-formed bookmark the database does not know with BAD_REQUEST, not a masked error', async () => {
    const res = await reader.post({ query: ACTOR, variables: { id: 'china' } }, { [BOOKMARK_HEADER]: 'FB:kcwQAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(res.status).toBe(200);
    expect(res.body['data']).toEqual({ actor: null });
    expect(firstCode(res.body)).toBe('BAD_REQUEST');
  });

  it('is forwarded by the SDK: its fetch wrapper sends the bookmark of a write to the next request, on another server', async () => {
    const sent: (string | null)[] = [];
    const spy: typeof fetch = async (input, init) => {
      sent.push(new Headers(init?.headers).get(BOOKMARK_HEADER));
      return fetch(input, init);
    };
    const sdkFetch = bookmarkingFetch(spy);
    const ask = async (url: string, id: string): Promise<{ headers: Headers; body: unknown }> => {
      const res = await sdkFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: ACTOR, variables: { id } }),
      });
      return { headers: res.headers, body: await res.json() };
    };
    const wrote = await ask(writer.url, written.id('written'));
    const read = await ask(reader.url, written.id('written'));
    expect(sent[0]).toBeNull();
    expect(sent[1]).toBe(wrote.headers.get(BOOKMARK_HEADER));
    expect(sent[1]).toMatch(/^FB:/);
    expect(read.body).toMatchObject({ data: { actor: { id: written.id('written') } } });
  });

  it('lets browsers send the header cross-origin (preflight)', async () => {
    const res = await fetch(writer.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'neo4j-bookmark',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')?.split(', ')).toContain('neo4j-bookmark');
  });
});
