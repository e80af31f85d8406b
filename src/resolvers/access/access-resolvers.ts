import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { inRange, LIMITS } from '../../services/validation.js';

/** Resolvers of schema/access.graphql: key management for admins (the role is checked before they run). */
export const accessResolvers: Resolvers = {
  Query: {
    apiKeys: async (_, { first }, { apiKeys }) => (await apiKeys.list()).slice(0, inRange('first', first ?? 100, LIMITS.apiKeys)),
  },
  Mutation: {
    createApiKey: async (_, { name, role, reason }, { apiKeys, principal, idempotencyKey }) => {
      const created = await apiKeys.create(name, role, principal, { reason, idempotencyKey });
      return { key: created.key, token: created.token, changeSeq: created.change.seq };
    },
    revokeApiKey: async (_, { name, reason }, { apiKeys, principal, idempotencyKey }) => {
      const revoked = await apiKeys.revoke(name, principal, { reason, idempotencyKey });
      return { key: revoked.key, changeSeq: revoked.change?.seq ?? null };
    },
  },
  ApiKey: {
    role: (key) => key.role as 'VIEWER' | 'EDITOR' | 'ADMIN',
  },
};
