import { GraphQLScalarType } from 'graphql';

import type { Resolvers } from '../__generated__/resolvers-types.js';
import { actorResolvers } from './actor/actor-resolvers.js';
import { curationResolvers } from './curation/curation-resolvers.js';
import { pathResolvers } from './path/path-resolvers.js';
import { relationshipResolvers } from './relationship/relationship-resolvers.js';
import { sanctionResolvers } from './sanction/sanction-resolvers.js';
import { DateScalar, DateTimeScalar } from './scalars.js';
import { sourceResolvers } from './source/source-resolvers.js';

/** The API version reported by `Query.apiVersion`; bumped with each CHANGELOG.md entry. */
export const API_VERSION = '0.1.0';

const domains: Resolvers[] = [actorResolvers, relationshipResolvers, sanctionResolvers, pathResolvers, sourceResolvers, curationResolvers];

/** All resolvers, merged per type. */
export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: Object.assign({ apiVersion: () => API_VERSION }, ...domains.map((d) => d.Query ?? {})) as Resolvers['Query'],
  ...mergeTypes(domains.map(({ Query: _query, ...types }) => types)),
};

/** Merges the resolvers of each type across domains (curation adds fields to Actor, Relationship, Sanction). */
function mergeTypes(parts: readonly Omit<Resolvers, 'Query'>[]): Omit<Resolvers, 'Query'> {
  const merged: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part)) {
      const known = merged[type];
      merged[type] = known && typeof known === 'object' && !(fields instanceof GraphQLScalarType) ? { ...known, ...fields } : fields;
    }
  }
  return merged;
}
