import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { requireFound } from '../require-found.js';

/** Resolvers of schema/relationship.graphql. */
export const relationshipResolvers: Resolvers = {
  Relationship: {
    from: async (r, _, { loaders }) => requireFound(await loaders.actor.load(r.fromId), `actor ${r.fromId}`),
    to: async (r, _, { loaders }) => requireFound(await loaders.actor.load(r.toId), `actor ${r.toId}`),
    sanction: async (r, _, { loaders }) => (r.sanctionId ? ((await loaders.sanction.load(r.sanctionId)) ?? null) : null),
  },
  Evidence: {
    source: async (e, _, { loaders }) => requireFound(await loaders.source.load(e.sourceId), `source ${e.sourceId}`),
    quotes: async (e, _, { loaders }) => {
      const source = requireFound(await loaders.source.load(e.sourceId), `source ${e.sourceId}`);
      return e.sentences.map((n) => requireFound(source.sentences[n - 1], `sentence ${n} of ${e.sourceId}`));
    },
  },
};
