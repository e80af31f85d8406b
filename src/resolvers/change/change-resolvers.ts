import type { Resolvers } from '../../__generated__/resolvers-types.js';
import type { ChangeModel } from '../../graph/graph-repository.js';
import { changePage, recordedBetween } from '../../services/change-log.js';

/** A page of changes as a connection: cursors are seqs. */
function connection(
  changes: readonly ChangeModel[],
  first: number,
  after: number,
): {
  edges: { cursor: string; node: ChangeModel }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
} {
  const page = changes.slice(0, first);
  const edges = page.map((node) => ({ cursor: String(node.seq), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: changes.length > first,
      hasPreviousPage: after > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Resolvers of schema/change.graphql: the audit trail and its stream. */
export const changeResolvers: Resolvers = {
  Query: {
    changes: async (_, args, { repo }) => {
      const page = await changePage(repo, args);
      return connection(page.changes, page.first, page.after);
    },
    recordedBetween: async (_, args, { repo }) => {
      const page = await recordedBetween(repo, args);
      return { ...connection(page.changes, page.first, page.after), countsByMutation: page.counts, totalCount: page.total };
    },
  },
  Subscription: {
    graphChanged: {
      subscribe: (_, { after }, { changeFeed }) => changeFeed.stream(after ?? null),
      resolve: (change: ChangeModel) => change,
    },
  },
  Change: {
    principal: (change) => ({ ...change.principal, role: change.principal.role as 'VIEWER' | 'EDITOR' | 'ADMIN' | null }),
  },
};
