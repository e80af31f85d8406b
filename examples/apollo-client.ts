/**
 * Example consumer: the SDK's typed documents with Apollo Client 4 (core, no React). The cache keys every
 * Actor by its id, so an actor fetched by one query is the same cache entry in all others.
 *
 * Run against a server: `npx tsx examples/apollo-client.ts http://127.0.0.1:4000/graphql [--trusted]`.
 * In an application, import from '@sanctions-graph/client' instead of the relative path.
 */
import { pathToFileURL } from 'node:url';

import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';

import {
  ActorByIdDocument,
  type ActorByIdQuery,
  ActorsPageDocument,
  type ActorsPageQuery,
  ErrorCode,
  isErrorCode,
  NeighbourhoodDocument,
  type NeighbourhoodQuery,
  sha256HashOf,
} from '../client/src/index.js';

/**
 * An Apollo Client for the API. With `trusted`, requests carry only the SDK's document hash (Apollo's
 * persisted-query protocol), as a server in trusted-documents mode requires; the hashes come from the
 * SDK, so no document is ever hashed (or sent) at run time.
 */
export function createApolloClient(url: string, options: { trusted?: boolean } = {}): ApolloClient {
  const http = new HttpLink({ uri: url });
  const persisted = new PersistedQueryLink({
    generateHash: (document) => sha256HashOf(document),
    // The server has the full list; sending the text again after PERSISTED_QUERY_NOT_FOUND cannot help.
    retry: () => false,
  });
  return new ApolloClient({
    link: options.trusted ? ApolloLink.from([persisted, http]) : http,
    cache: new InMemoryCache({ typePolicies: { Actor: { keyFields: ['id'] } } }),
  });
}

/** One actor with its first relationships; null when there is no such actor. */
export async function loadActor(client: ApolloClient, id: string, first = 5): Promise<ActorByIdQuery['actor']> {
  const { data } = await client.query({ query: ActorByIdDocument, variables: { id, first } });
  return data?.actor ?? null;
}

/** A page of the actors that imposed sanctions, by degree. */
export async function loadSanctioningActors(client: ApolloClient, first = 5): Promise<ActorsPageQuery['actors'] | undefined> {
  const { data } = await client.query({
    query: ActorsPageDocument,
    variables: { where: { imposedSanctions: true }, orderBy: { field: 'DEGREE', direction: 'DESC' }, first },
  });
  return data?.actors;
}

/** The neighbourhood of an actor for a graph view; null when the actor does not exist. */
export async function loadNeighbourhood(client: ApolloClient, id: string): Promise<NeighbourhoodQuery['neighbourhood'] | undefined> {
  try {
    const { data } = await client.query({ query: NeighbourhoodDocument, variables: { id, hops: 1, limit: 50 } });
    return data?.neighbourhood;
  } catch (error) {
    // A bad argument is the caller's mistake: report it as such; anything else propagates.
    if (isErrorCode(error, ErrorCode.BAD_USER_INPUT)) throw new RangeError(`Bad neighbourhood request for '${id}'`, { cause: error });
    throw error;
  }
}

async function main(): Promise<void> {
  const url = process.argv[2] ?? 'http://127.0.0.1:4000/graphql';
  const client = createApolloClient(url, { trusted: process.argv.includes('--trusted') });
  const treasury = await loadActor(client, 'us-treasury');
  console.log(treasury?.name);
  const page = await loadSanctioningActors(client);
  for (const edge of page?.edges ?? []) console.log(edge.node.id, edge.node.degree);
  const around = await loadNeighbourhood(client, 'sensetime');
  console.log(around?.nodes.length, 'actors around sensetime');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
