import type { ApolloServerPlugin } from '@apollo/server';

import { OperationTrace } from '../graph/operation-trace.js';
import type { GraphQLContext } from '../resolvers/context.js';

/**
 * The header of read-your-writes across replicas: a mutation's response names the bookmarks of its
 * commits in it (and in `extensions.bookmark`); a request that sends it back reads at least that state,
 * on whichever replica and cluster member serves it (see docs/scaling.md).
 */
export const BOOKMARK_HEADER = 'neo4j-bookmark';

/** Bookmarks one request may send: a client merging a few writes' bookmarks needs no more. */
export const MAX_BOOKMARKS = 8;
/** Longest bookmark accepted (Neo4j 5's are about 30 characters: `FB:` and base64). */
export const MAX_BOOKMARK_LENGTH = 256;
/** Neo4j's bookmark alphabet: a prefix, a colon, base64 or base64url. */
const BOOKMARK = /^[A-Za-z0-9+/=:_-]+$/;

/** What the header said: its bookmarks, or why it is refused (BAD_REQUEST). */
export type ParsedBookmarks =
  { readonly ok: true; readonly bookmarks: readonly string[] } | { readonly ok: false; readonly message: string };

/**
 * Parses a `Neo4j-Bookmark` request header: one bookmark or several, comma-separated (HTTP's list
 * syntax; repeated headers arrive joined by commas). Absent or empty: no bookmarks. Duplicates count once.
 *
 * @example
 * parseBookmarkHeader('FB:kcwQOBI5oLa6St2kB52nbnpqvFKQ'); // { ok: true, bookmarks: ['FB:kcwQ...'] }
 */
export function parseBookmarkHeader(value: string | string[] | undefined): ParsedBookmarks {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  // Bounded before it is split, so a huge header costs no more than its length.
  if (joined.length > MAX_BOOKMARKS * (MAX_BOOKMARK_LENGTH + 2)) {
    return { ok: false, message: `The Neo4j-Bookmark header is too long: at most ${MAX_BOOKMARKS} bookmarks.` };
  }
  const items = joined
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const bookmarks = [...new Set(items)];
  if (bookmarks.length > MAX_BOOKMARKS) {
    return { ok: false, message: `The Neo4j-Bookmark header names ${bookmarks.length} bookmarks: at most ${MAX_BOOKMARKS}.` };
  }
  const bad = bookmarks.some((bookmark) => bookmark.length > MAX_BOOKMARK_LENGTH || !BOOKMARK.test(bookmark));
  if (bad) return { ok: false, message: 'The Neo4j-Bookmark header holds a value that is not a bookmark.' };
  return { ok: true, bookmarks };
}

/**
 * Hands the bookmarks of an operation's committed writes to the client: the `Neo4j-Bookmark` response
 * header and `extensions.bookmark` (the same comma-separated value, to send back as it is). An
 * operation that wrote nothing adds neither.
 */
export function bookmarkPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const trace = contextValue.repo.counter;
          if (!(trace instanceof OperationTrace) || trace.writeBookmarks.length === 0) return;
          const value = trace.writeBookmarks.join(', ');
          response.http.headers.set(BOOKMARK_HEADER, value);
          if (response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, bookmark: value };
          }
        },
      };
    },
  };
}
