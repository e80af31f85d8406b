import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { neighbourhood, shortestPaths } from '../../services/research-service.js';

/** Resolvers of schema/path.graphql. */
export const pathResolvers: Resolvers = {
  Query: {
    paths: (_, args, { repo, loaders }) => shortestPaths(repo, loaders, args),
    neighbourhood: (_, args, { repo, loaders }) => neighbourhood(repo, loaders, args),
  },
  Path: {
    length: (path) => path.hops.length,
  },
};
