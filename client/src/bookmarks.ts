/**
 * Read-your-writes across the API's replicas: the server answers a mutation with the bookmark of its
 * commit in the `Neo4j-Bookmark` header; a request that sends it back reads at least that state, on
 * whichever replica serves it. {@link bookmarkingFetch} does both for every request it makes.
 */

/** The header the API reads and writes bookmarks in. */
export const BOOKMARK_HEADER = 'Neo4j-Bookmark';

/** Where a {@link bookmarkingFetch} keeps the last bookmark it saw; share one between clients of a user. */
export interface BookmarkStore {
  /** The last bookmark seen (as the server sent it, possibly several comma-separated), if any. */
  get(): string | undefined;
  set(bookmark: string): void;
}

/** A store in memory: one per user session (per tab), never shared between users. */
export function memoryBookmarkStore(): BookmarkStore {
  let last: string | undefined;
  return {
    get: () => last,
    set: (bookmark) => {
      last = bookmark;
    },
  };
}

/** What a response must offer: its headers (the Fetch API's `Response` does). */
export interface ResponseLike {
  readonly headers: { get(name: string): string | null };
}

/** Request headers as the Fetch API takes them: a `Headers`, a list of pairs, or a record. */
export type HeadersInitLike =
  { forEach(callback: (value: string, name: string) => void): void } | readonly (readonly [string, string])[] | Record<string, string>;

/**
 * A fetch function: `fetch` itself, or any with its shape (the SDK needs no DOM types). Its parameters
 * are typed `never` so that every fetch fits; the wrapper keeps the wrapped function's own type.
 */
export type FetchLike = (input: never, init?: never) => Promise<ResponseLike>;

function headersOf(init: HeadersInitLike | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (init === undefined) return out;
  if ('forEach' in init && typeof init.forEach === 'function' && !Array.isArray(init)) {
    (init as { forEach(callback: (value: string, name: string) => void): void }).forEach((value, name) => {
      out[name] = value;
    });
  } else if (Array.isArray(init)) {
    for (const [name, value] of init as readonly (readonly [string, string])[]) out[name] = value;
  } else {
    Object.assign(out, init);
  }
  return out;
}

/**
 * Wraps `fetch` so that every request sends the last bookmark the server handed out (unless the caller
 * set the header itself) and every response carrying one replaces it. Use it as the `fetch` of Apollo
 * Client's HttpLink, graphql-request or urql: after a mutation, the next query sees it, whichever
 * replica answers. Bookmarks are not secrets, but they are per user: keep one store per session.
 *
 * @example
 * const link = new HttpLink({ uri: '/graphql', fetch: bookmarkingFetch(fetch) });
 */
export function bookmarkingFetch<F extends FetchLike>(fetchImpl: F, store: BookmarkStore = memoryBookmarkStore()): F {
  const wrapped = async (input: never, given?: never): Promise<ResponseLike> => {
    const init = (given ?? {}) as { headers?: HeadersInitLike };
    const headers = headersOf(init.headers);
    const last = store.get();
    const named = Object.keys(headers).some((name) => name.toLowerCase() === BOOKMARK_HEADER.toLowerCase());
    if (last !== undefined && !named) headers[BOOKMARK_HEADER] = last;
    const response = await fetchImpl(input, { ...init, headers } as never);
    const bookmark = response.headers.get(BOOKMARK_HEADER);
    if (bookmark !== null && bookmark !== '') store.set(bookmark);
    return response;
  };
  return wrapped as F;
}
