import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { neighbourhood, shortestPaths } from '../../services/research-service.js';
import { traversalDetail, type TraversalShape } from '../selection.js';

// Where each result holds actors and relationships; edge and hop ends are actors the result already has.
const PATH_SHAPE: TraversalShape = {
  actors: [['actors'], ['hops', 'relationship', 'from'], ['hops', 'relationship', 'to']],
  relationships: [['hops', 'relationship']],
  sanctions: [],
};
const NEIGHBOURHOOD_SHAPE: TraversalShape = {
  actors: [['nodes'], ['edges', 'from'], ['edges', 'to']],
  relationships: [['edges']],
  sanctions: [],
};

/** Resolvers of schema/path.graphql. */
export const pathResolvers: Resolvers = {
  Query: {
    paths: (_, args, { repo, loaders }, info) => shortestPaths(repo, loaders, args, traversalDetail(info, PATH_SHAPE)),
    neighbourhood: (_, args, { repo, loaders }, info) => neighbourhood(repo, loaders, args, traversalDetail(info, NEIGHBOURHOOD_SHAPE)),
  },
  Path: {
    length: (path) => path.hops.length,
  },
};
