import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { neighbourhood, shortestPaths } from '../../services/research-service.js';

/** Resolvers of schema/path.graphql. */
export const pathResolvers: Resolvers = {
  Query: {
    paths: (_, args, { repo }) => shortestPaths(repo, args),
    neighbourhood: (_, args, { repo }) => neighbourhood(repo, args),
  },
  Path: {
    length: (path) => path.hops.length,
  },
};
