// What the explorer says when a request fails: decided by the API's error code, never by its message.
import { ErrorCode, errorCodeOf, TRUSTED_DOCUMENTS_MISMATCH_MESSAGES, trustedDocumentsMismatchOf } from '@sanctions-graph/client';

// Partial on purpose: a code added to the schema later still gets the generic words below.
const WORDS: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.BAD_USER_INPUT]: 'The server did not accept this request: check the dates, hops and names.',
  [ErrorCode.NOT_FOUND]: 'There is no such actor or record.',
  [ErrorCode.FORBIDDEN]: 'This server does not allow this request.',
  [ErrorCode.UNAUTHENTICATED]: 'This server needs you to sign in (an API key) first.',
  [ErrorCode.SERVICE_UNAVAILABLE]: 'The graph database is not answering right now. Try again in a moment.',
  [ErrorCode.TIMEOUT]: 'The question took too long to answer. Ask for fewer hops or a narrower filter.',
  [ErrorCode.INTERNAL_SERVER_ERROR]: 'Something went wrong on the server. It has been logged; try again later.',
  [ErrorCode.GRAPHQL_PARSE_FAILED]: 'This page sent a malformed query: reload it.',
  [ErrorCode.GRAPHQL_VALIDATION_FAILED]:
    'This page and the server do not agree on the schema, or the request is too large: reload the page.',
  [ErrorCode.PERSISTED_QUERY_NOT_FOUND]: 'The server does not know this page’s queries: reload the page.',
  [ErrorCode.OPERATION_RESOLUTION_FAILURE]: 'This page sent an ambiguous request: reload it.',
  [ErrorCode.BAD_REQUEST]: 'The server could not read the request.',
  [ErrorCode.OVERLOADED]: 'The server is busy. Try again in a few seconds.',
  [ErrorCode.RATE_LIMITED]: 'Too many requests in a short time. Wait a little and try again.',
  [ErrorCode.COST_LIMIT_EXCEEDED]: 'That question is too big to answer at once. Ask for fewer hops or items.',
  [ErrorCode.RESPONSE_TOO_LARGE]: 'The answer would be too large. Ask for fewer hops or items.',
  [ErrorCode.MEMORY_LIMIT_EXCEEDED]: 'The database needs too much memory for that. Ask for fewer hops or items.',
  [ErrorCode.CONFLICT]: 'The record changed meanwhile. Reload and try again.',
};

/**
 * Words for a failed request: a trusted-documents mismatch first (it says which side to fix), then the
 * error code, then "cannot be reached" when no GraphQL error came back at all.
 */
export function wordsForError(error: unknown): string {
  const mismatch = trustedDocumentsMismatchOf(error);
  if (mismatch) return TRUSTED_DOCUMENTS_MISMATCH_MESSAGES[mismatch];
  const code = errorCodeOf(error);
  if (code === undefined) return 'The server cannot be reached. Check your connection and try again.';
  return `${WORDS[code] ?? 'The server answered with an error.'} (${code})`;
}
