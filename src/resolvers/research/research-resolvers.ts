import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { alignment, followers } from '../../services/alignment-service.js';
import { contested, disputesOf } from '../../services/dispute-service.js';
import { inRange, LIMITS } from '../../services/validation.js';
import { changesBetween, timeline } from '../../services/world-time-service.js';
import { groups } from '../aggregate-groups.js';
import { requireFound } from '../require-found.js';

/** Resolvers of schema/research.graphql: alignment, followers, changes between dates, timelines, disputes. */
export const researchResolvers: Resolvers = {
  Query: {
    alignment: (_, args, { repo, loaders }) => alignment(repo, loaders, args),
    followers: (_, args, { repo, loaders }) => followers(repo, loaders, args),
    changesBetween: (_, args, { repo, loaders }) => changesBetween(repo, loaders, args),
    contested: (_, args, { repo, loaders }) => contested(repo, loaders, args),
    timeline: (_, args, { repo, loaders }) => timeline(repo, loaders, args),
  },
  Sanction: {
    delisting: async (s, _, { loaders }) => (s.lean === undefined ? s : await loaders.whole('sanction', s)).delisting ?? null,
  },
  Alignment: {
    target: async (a, _, { loaders }) => requireFound(await loaders.actor.load(a.targetId), `actor ${a.targetId}`),
    authorityCount: (a) => a.listings.length,
    listings: (a, { first }) => a.listings.slice(0, inRange('first', first ?? 50, LIMITS.alignmentListings)),
  },
  AlignmentListing: {
    authority: async (l, _, { loaders }) => requireFound(await loaders.actor.load(l.authorityId), `actor ${l.authorityId}`),
  },
  Following: {
    leader: async (f, _, { loaders }) => requireFound(await loaders.actor.load(f.leaderId), `actor ${f.leaderId}`),
  },
  WorldEventConnection: {
    totalCount: (connection) => connection.totalCount(),
    countsByType: async (connection, { first }) => groups(await connection.countsByType(), first, 50),
  },
  Relationship: {
    disputedBy: (r, { first }, { loaders }) => disputesOf(loaders, r.id, 'disputed', first),
    disputes: (r, { first }, { loaders }) => disputesOf(loaders, r.id, 'disputing', first),
  },
};
