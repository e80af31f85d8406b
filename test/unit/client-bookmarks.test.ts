import { BOOKMARK_HEADER, bookmarkingFetch, memoryBookmarkStore } from '@sanctions-graph/client';

/** A fetch that records the headers it was given and answers with `bookmark` (when any). */
function fakeFetch(answers: (string | null)[]): { fetch: typeof fetch; sent: Record<string, string>[] } {
  const sent: Record<string, string>[] = [];
  const fake = async (_input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): Promise<Response> => {
    sent.push({ ...(init?.headers as Record<string, string>) });
    const bookmark = answers.shift() ?? null;
    return new Response('{}', { headers: bookmark === null ? {} : { [BOOKMARK_HEADER]: bookmark } });
  };
  return { fetch: fake, sent };
}

describe('bookmarkingFetch (the SDK forwards bookmarks)', () => {
  it('sends nothing before the first bookmark, then the last one the server handed out', async () => {
    const { fetch: inner, sent } = fakeFetch([null, 'FB:one', null, 'FB:two', null]);
    const wrapped = bookmarkingFetch(inner);
    for (let i = 0; i < 5; i += 1) await wrapped('http://api/graphql', { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(sent.map((h) => h[BOOKMARK_HEADER] ?? null)).toEqual([null, null, 'FB:one', 'FB:one', 'FB:two']);
    expect(sent.every((h) => h['content-type'] === 'application/json')).toBe(true);
  });

  it('keeps headers given as a Headers object or as pairs, and leaves a bookmark the caller set alone', async () => {
    const store = memoryBookmarkStore();
    store.set('FB:stored');
    const { fetch: inner, sent } = fakeFetch([]);
    const wrapped = bookmarkingFetch(inner, store);
    await wrapped('http://api/graphql', { headers: new Headers({ 'x-request-id': 'a' }) });
    await wrapped('http://api/graphql', { headers: [['x-request-id', 'b']] });
    await wrapped('http://api/graphql', { headers: { 'neo4j-bookmark': 'FB:mine' } });
    expect(sent).toEqual([
      { 'x-request-id': 'a', [BOOKMARK_HEADER]: 'FB:stored' },
      { 'x-request-id': 'b', [BOOKMARK_HEADER]: 'FB:stored' },
      { 'neo4j-bookmark': 'FB:mine' },
    ]);
  });

  it('shares a store between clients of one session', async () => {
    const store = memoryBookmarkStore();
    const first = fakeFetch(['FB:from-first']);
    const second = fakeFetch([]);
    await bookmarkingFetch(first.fetch, store)('http://api/graphql');
    await bookmarkingFetch(second.fetch, store)('http://api/graphql');
    expect(second.sent).toEqual([{ [BOOKMARK_HEADER]: 'FB:from-first' }]);
  });
});
