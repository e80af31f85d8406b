import type { Resolvers } from '../__generated__/resolvers-types.js';
import { accessResolvers } from './access/access-resolvers.js';
import { actorResolvers } from './actor/actor-resolvers.js';
import { changeResolvers } from './change/change-resolvers.js';
import { curationResolvers } from './curation/curation-resolvers.js';
import { pathResolvers } from './path/path-resolvers.js';
import { relationshipResolvers } from './relationship/relationship-resolvers.js';
import { researchResolvers } from './research/research-resolvers.js';
import { reviewResolvers } from './review/review-resolvers.js';
import { sanctionResolvers } from './sanction/sanction-resolvers.js';
import { DateScalar, DateTimeScalar } from './scalars.js';
import { sourceResolvers } from './source/source-resolvers.js';

/** The API version reported by `Query.apiVersion`; bumped with each CHANGELOG.md entry. */
export const API_VERSION = '0.1.0';

const domains: Resolvers[] = [
  actorResolvers,
  relationshipResolvers,
  sanctionResolvers,
  pathResolvers,
  sourceResolvers,
  researchResolvers,
  accessResolvers,
  changeResolvers,
  curationResolvers,
  reviewResolvers,
];

/** The resolvers of every type but the roots, merged field by field: a domain may extend another's type. */
function mergedTypes(all: readonly Resolvers[]): Omit<Resolvers, 'Query' | 'Mutation' | 'Subscription'> {
  const merged: Record<string, object> = {};
  for (const { Query: _query, Mutation: _mutation, Subscription: _subscription, ...types } of all) {
    for (const [name, fields] of Object.entries(types)) merged[name] = { ...merged[name], ...fields };
  }
  return merged;
}

/** All resolvers, merged per type. */
export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: Object.assign({ apiVersion: () => API_VERSION }, ...domains.map((d) => d.Query ?? {})) as Resolvers['Query'],
  Mutation: Object.assign({}, ...domains.map((d) => d.Mutation ?? {})) as Resolvers['Mutation'],
  Subscription: Object.assign({}, ...domains.map((d) => d.Subscription ?? {})) as Resolvers['Subscription'],
  ...mergedTypes(domains),
};
