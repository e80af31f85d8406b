import type { Resolvers } from '../../__generated__/resolvers-types.js';

/** Resolvers of schema/source.graphql. */
export const sourceResolvers: Resolvers = {
  Query: {
    sources: (_, __, { repo }) => repo.listSources(),
    source: async (_, { id }, { loaders }) => (await loaders.source.load(id)) ?? null,
  },
  Source: {
    sentences: (source) => source.sentences.map((text, i) => ({ number: i + 1, text })),
    relationships: (source, { types }, { loaders }) =>
      loaders.sourceRelationships(source.id, types && types.length > 0 ? [...new Set(types)].sort() : null),
    sanctions: (source, _, { loaders }) => loaders.sourceSanctions.load(source.id),
  },
};
