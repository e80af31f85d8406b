import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { listSanctions, sanctionFindings } from '../../services/research-service.js';
import { requireAll, requireFound } from '../require-found.js';

/** Resolvers of schema/sanction.graphql. */
export const sanctionResolvers: Resolvers = {
  Query: {
    sanction: async (_, { id }, { loaders }) => (await loaders.sanction.load(id)) ?? null,
    sanctions: (_, args, { repo }) => listSanctions(repo, args),
    whoSanctioned: (_, args, { repo, loaders }) => sanctionFindings(repo, loaders, 'whoSanctioned', args),
    sanctionedBy: (_, args, { repo, loaders }) => sanctionFindings(repo, loaders, 'sanctionedBy', args),
  },
  Sanction: {
    list: async (s, _, { loaders }) => (s.listId ? ((await loaders.actor.load(s.listId)) ?? null) : null),
    authorities: (s, _, { loaders }) => requireAll(loaders.actor.loadMany(s.authorityIds), 'sanction authority'),
    targets: (s, _, { loaders }) => requireAll(loaders.actor.loadMany(s.targetIds), 'sanction target'),
  },
  SanctionFinding: {
    sanction: async (f, _, { loaders }) => requireFound(await loaders.sanction.load(f.sanctionId), `sanction ${f.sanctionId}`),
    authority: async (f, _, { loaders }) => requireFound(await loaders.actor.load(f.authorityId), `actor ${f.authorityId}`),
    imposedBy: async (f, _, { loaders }) => requireFound(await loaders.actor.load(f.imposedById), `actor ${f.imposedById}`),
    target: async (f, _, { loaders }) => requireFound(await loaders.actor.load(f.targetId), `actor ${f.targetId}`),
    targeted: async (f, _, { loaders }) => requireFound(await loaders.actor.load(f.targetedId), `actor ${f.targetedId}`),
    indirect: (f) => f.authorityChain.length > 0 || f.targetChain.length > 0,
  },
};
