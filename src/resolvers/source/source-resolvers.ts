import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { inRange, LIMITS } from '../../services/validation.js';

/** Resolvers of schema/source.graphql. */
export const sourceResolvers: Resolvers = {
  Query: {
    sources: (_, { first }, { repo }) => repo.sources.list(inRange('first', first ?? 50, LIMITS.pageSize)),
    source: async (_, { id }, { loaders }) => (await loaders.source.load(id)) ?? null,
  },
  Source: {
    // A federation gateway's references (`_entities`): one batched statement for all of them (docs/federation.md).
    __resolveReference: async ({ id }, { loaders }) => (await loaders.source.load(id)) ?? null,
    // Sources written before imports store no kind: they are articles.
    kind: (source) => source.kind ?? 'ARTICLE',
    series: (source) => source.seriesId ?? null,
    edition: (source) => source.edition ?? null,
    sentences: (source, { first }) =>
      source.sentences.slice(0, inRange('first', first ?? 500, LIMITS.sentences)).map((text, i) => ({ number: i + 1, text })),
    relationships: (source, { types, first }, { loaders }) =>
      loaders.sourceRelationships(
        source.id,
        types && types.length > 0 ? [...new Set(types)].sort() : null,
        inRange('first', first ?? 100, LIMITS.sourceItems),
      ),
    sanctions: (source, { first }, { loaders }) => loaders.sourceSanctions(source.id, inRange('first', first ?? 100, LIMITS.sourceItems)),
  },
};
