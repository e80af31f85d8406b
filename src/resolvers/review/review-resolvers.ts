import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { matchReviewPage, resolveMatch } from '../../services/review/review-service.js';
import { inRange, LIMITS } from '../../services/validation.js';
import { announced, writer } from '../curation/curation-resolvers.js';

/**
 * Resolvers of schema/review.graphql: the match review queue and its decisions (issue 16). Reviews come
 * with their actors' records from one statement; only `ImportedEntity.source` goes through a loader.
 */
export const reviewResolvers: Resolvers = {
  Query: {
    matchCandidates: (_, args, { repo }) => matchReviewPage(repo, args),
  },
  Mutation: {
    resolveMatch: async (_, { input }, ctx) =>
      announced(ctx, await resolveMatch(ctx.repo.curation, writer(ctx, input.idempotencyKey), input)),
  },
  MatchReview: {
    candidates: (review, { first }) => review.candidates.slice(0, inRange('first', first ?? 10, LIMITS.reviewCandidates)),
    chosen: (review) => (review.chosenId === null ? null : (review.candidates.find((c) => c.actorId === review.chosenId)?.actor ?? null)),
  },
  ImportedEntity: {
    source: async (entity, _, { loaders }) => (await loaders.source.load(entity.sourceId)) ?? null,
  },
  ResolveMatchPayload: { review: (payload) => payload.record },
};
