import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { timeBasisOf } from '../../graph/model.js';
import { listRelationships } from '../../services/relationship-service.js';
import { groups } from '../aggregate-groups.js';
import { projectedFields } from '../lean-field.js';
import { requireFound } from '../require-found.js';

/** Resolvers of schema/relationship.graphql. */
export const relationshipResolvers: Resolvers = {
  Query: {
    relationships: (_, args, { repo, loaders }) => listRelationships(repo, loaders, args),
  },
  RelationshipListConnection: {
    totalCount: (connection) => connection.totalCount(),
    aggregate: (connection) => connection.aggregate(),
  },
  RelationshipAggregate: {
    byType: (a, { first }) => groups(a.byType, first, 50),
    byStatus: (a, { first }) => groups(a.byStatus, first, 10),
    byTypeAndStatus: (a, { first }) => groups(a.byTypeAndStatus, first, 100),
  },
  Relationship: {
    // A federation gateway's references (`_entities`): one batched statement for all of them (docs/federation.md).
    __resolveReference: async ({ id }, { loaders }) => (await loaders.relationship.load(id)) ?? null,
    // A historical read (`recordedAsOf`) holds its ends as they then stood; the others are looked up.
    from: async (r, _, { loaders }) =>
      r.lean === undefined && r.ends ? r.ends.from : requireFound(await loaders.actor.load(r.fromId), `actor ${r.fromId}`),
    to: async (r, _, { loaders }) =>
      r.lean === undefined && r.ends ? r.ends.to : requireFound(await loaders.actor.load(r.toId), `actor ${r.toId}`),
    // A lean relationship (see TraversalDetail) holds id, type and ends only: the rest comes from the whole one.
    ...projectedFields('relationship', ['role', 'topics', 'date', 'validFrom', 'validTo', 'noLaterThan', 'evidence']),
    // Derived from the dates, which only the whole relationship holds.
    timeBasis: (r, _, { loaders }) => (r.lean === undefined ? timeBasisOf(r) : loaders.whole('relationship', r).then(timeBasisOf)),
    sanction: async (lean, _, { loaders }) => {
      const r = await loaders.whole('relationship', lean);
      return r.sanctionId ? ((await loaders.sanction.load(r.sanctionId)) ?? null) : null;
    },
  },
  Evidence: {
    source: async (e, _, { loaders }) => requireFound(await loaders.source.load(e.sourceId), `source ${e.sourceId}`),
    quotes: async (e, _, { loaders }) => {
      const source = requireFound(await loaders.source.load(e.sourceId), `source ${e.sourceId}`);
      return e.sentences.map((n) => requireFound(source.sentences[n - 1], `sentence ${n} of ${e.sourceId}`));
    },
    records: (e) => [...(e.records ?? [])],
  },
};
