import manifest from '../../../client/src/__generated__/persisted-documents.json';

/** Variables that make each SDK operation answer something on the seed graph. */
const EXAMPLE_VARIABLES: Readonly<Record<string, Record<string, unknown>>> = {
  ActorById: { id: 'us-treasury', first: 10 },
  ActorsPage: { first: 10, where: { kinds: ['STATE'] } },
  Search: { text: 'sensetime', first: 5 },
  WhoSanctioned: { actorId: 'sensetime', includeIndirect: true },
  SanctionedBy: { actorId: 'united-states', includeIndirect: true },
  Paths: { from: 'liu-pengyu', to: 'us-treasury', maxHops: 4 },
  Neighbourhood: { id: 'myanmar', hops: 1, asOf: '2021-03-01' },
  Sanctions: { first: 10 },
  SanctionById: { id: 'sanction-2021-12-10-sensetime-investment-ban' },
  SourceById: { id: 'article-2021-12-10-sanctions' },
  Sources: {},
  ApiVersion: {},
};

/** One GraphiQL tab per SDK document: the exact text of the trusted-documents manifest. */
export interface ExampleTab {
  readonly operationName: string;
  readonly query: string;
  readonly variables: string;
}

/** The SDK's documents, sorted by operation name, each with example variables. */
export const exampleTabs: readonly ExampleTab[] = Object.values(manifest as Record<string, string>)
  .map((query) => {
    const operationName = /^\s*query\s+(\w+)/m.exec(query)?.[1] ?? 'Anonymous';
    return { operationName, query, variables: JSON.stringify(EXAMPLE_VARIABLES[operationName] ?? {}, null, 2) };
  })
  .sort((a, b) => a.operationName.localeCompare(b.operationName));
