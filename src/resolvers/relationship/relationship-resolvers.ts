import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { requireFound } from '../require-found.js';

/** Resolvers of schema/relationship.graphql. */
export const relationshipResolvers: Resolvers = {
  Relationship: {
    from: async (r, _, { loaders }) => requireFound(await loaders.actor.load(r.fromId), `actor ${r.fromId}`),
    to: async (r, _, { loaders }) => requireFound(await loaders.actor.load(r.toId), `actor ${r.toId}`),
    // Everything but id, type and the ends may be missing from a lean relationship: read the whole one.
    role: async (r, _, { loaders }) => (await loaders.whole('relationship', r)).role,
    topics: async (r, _, { loaders }) => [...(await loaders.whole('relationship', r)).topics],
    date: async (r, _, { loaders }) => (await loaders.whole('relationship', r)).date,
    validFrom: async (r, _, { loaders }) => (await loaders.whole('relationship', r)).validFrom,
    validTo: async (r, _, { loaders }) => (await loaders.whole('relationship', r)).validTo,
    evidence: async (r, _, { loaders }) => (await loaders.whole('relationship', r)).evidence,
    sanction: async (lean, _, { loaders }) => {
      const r = await loaders.whole('relationship', lean);
      return r.sanctionId ? ((await loaders.sanction.load(r.sanctionId)) ?? null) : null;
    },
  },
  Evidence: {
    source: async (e, _, { loaders }) => requireFound(await loaders.source.load(e.sourceId), `source ${e.sourceId}`),
    quotes: async (e, _, { loaders }) => {
      const source = requireFound(await loaders.source.load(e.sourceId), `source ${e.sourceId}`);
      return e.sentences.map((n) => requireFound(source.sentences[n - 1], `sentence ${n} of ${e.sourceId}`));
    },
  },
};
