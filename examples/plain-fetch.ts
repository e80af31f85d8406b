/**
 * Example consumer: the SDK's typed documents with a plain fetch client (graphql-request). Every result
 * and variable below is typed from the schema; a typo in a field name fails `tsc`, not the user.
 *
 * Run against a server: `npx tsx examples/plain-fetch.ts http://127.0.0.1:4000/graphql [--trusted]`.
 * In an application, import from '@sanctions-graph/client' instead of the relative path.
 */
import { pathToFileURL } from 'node:url';

import { GraphQLClient, type RequestMiddleware } from 'graphql-request';

import {
  ActorByIdDocument,
  type ActorByIdQuery,
  documentIdForOperation,
  ErrorCode,
  errorCodeOf,
  SearchDocument,
  type SearchQuery,
  TRUSTED_DOCUMENTS_MISMATCH_MESSAGES,
  trustedDocumentsMismatchOf,
  WhoSanctionedDocument,
  type WhoSanctionedQuery,
} from '../client/src/index.js';

/**
 * A client for the API. With `trusted`, each request names the SDK's document by id instead of sending
 * its text, as a server in trusted-documents mode requires.
 */
export function createClient(url: string, options: { trusted?: boolean } = {}): GraphQLClient {
  return new GraphQLClient(url, options.trusted ? { requestMiddleware: sendDocumentIds } : {});
}

// Swaps the query text of each request for the trusted-document id of the SDK operation it runs.
const sendDocumentIds: RequestMiddleware = (request) => {
  const documentId = request.operationName ? documentIdForOperation(request.operationName) : undefined;
  if (!documentId || typeof request.body !== 'string') return request;
  const { query: _query, ...rest } = JSON.parse(request.body) as Record<string, unknown>;
  return { ...request, body: JSON.stringify({ ...rest, documentId }) };
};

/** An actor page with its first relationships; null when there is no such actor. */
export async function loadActor(client: GraphQLClient, id: string, first = 10): Promise<ActorByIdQuery['actor']> {
  const data = await client.request(ActorByIdDocument, { id, first });
  return data.actor;
}

/** Full-text search; hits best first. */
export async function searchActors(client: GraphQLClient, text: string): Promise<SearchQuery['search']> {
  const data = await client.request(SearchDocument, { text, first: 5 });
  return data.search;
}

/** Who sanctioned an actor, with indirect findings and their chains. */
export async function whoSanctioned(client: GraphQLClient, actorId: string): Promise<WhoSanctionedQuery['whoSanctioned']> {
  const data = await client.request(WhoSanctionedDocument, { actorId, includeIndirect: true });
  return data.whoSanctioned;
}

/**
 * What a user sees when a request fails: the error's code decides, never its message. A client and a
 * server that disagree about trusted documents (`--trusted` against a server not in that mode, say) are
 * told which side to fix.
 */
export function describeFailure(error: unknown): string {
  const mismatch = trustedDocumentsMismatchOf(error);
  if (mismatch) return TRUSTED_DOCUMENTS_MISMATCH_MESSAGES[mismatch];
  const code = errorCodeOf(error);
  switch (code) {
    case ErrorCode.BAD_USER_INPUT:
      return 'Check the search: it was not accepted.';
    case ErrorCode.SERVICE_UNAVAILABLE:
    case ErrorCode.TIMEOUT:
      return 'The service is busy; try again in a moment.';
    case ErrorCode.PERSISTED_QUERY_NOT_FOUND:
    case ErrorCode.FORBIDDEN:
      return 'This app is out of date; reload it.';
    case undefined:
      return 'The service cannot be reached.';
    default:
      return `Something went wrong (${code}).`;
  }
}

async function main(): Promise<void> {
  const url = process.argv[2] ?? 'http://127.0.0.1:4000/graphql';
  const client = createClient(url, { trusted: process.argv.includes('--trusted') });
  try {
    const treasury = await loadActor(client, 'us-treasury', 3);
    console.log(treasury?.name, '-', treasury?.relationships.totalCount, 'relationships');
    for (const hit of await searchActors(client, 'sensetime')) console.log(hit.actor.id, hit.score.toFixed(2));
    for (const finding of await whoSanctioned(client, 'sensetime')) console.log(finding.authority.name, finding.sanction.measure);
  } catch (error) {
    console.error(describeFailure(error));
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
