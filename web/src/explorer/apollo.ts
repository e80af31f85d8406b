// Apollo Client for the explorer: the SDK's typed documents, a cache keyed by the API's ids, and each
// request carrying its trusted-document id beside the text (see ../shared/trusted-fetch.ts).
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

import { withDocumentId } from '../shared/trusted-fetch.js';

const addDocumentId: typeof fetch = (input, init) => {
  if (typeof init?.body !== 'string') return fetch(input, init);
  const body = JSON.parse(init.body) as { operationName?: string };
  return fetch(input, { ...init, body: JSON.stringify(withDocumentId(body)) });
};

/** The explorer's client, talking to the API at `uri` (same origin by default). */
export function createExplorerClient(uri = '/graphql'): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri, fetch: addDocumentId }),
    cache: new InMemoryCache({
      typePolicies: {
        Actor: { keyFields: ['id'] },
        Relationship: { keyFields: ['id'] },
        Sanction: { keyFields: ['id'] },
        Source: { keyFields: ['id'] },
        // Value objects without ids: merged into their parent, never normalised.
        Evidence: { merge: true },
        FuzzyDate: { merge: true },
      },
    }),
  });
}
