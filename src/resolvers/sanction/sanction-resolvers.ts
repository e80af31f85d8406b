import type { GraphQLResolveInfo } from 'graphql';

import type { Resolvers } from '../../__generated__/resolvers-types.js';
import type { TraversalDetail } from '../../graph/model.js';
import { listSanctions, sanctionFindings, sanctionFindingsConnection, sanctionsConnection } from '../../services/sanction-service.js';
import { inRange, LIMITS } from '../../services/validation.js';
import { groups } from '../aggregate-groups.js';
import { projectedFields } from '../lean-field.js';
import { requireAll, requireFound } from '../require-found.js';
import { fieldsAt, traversalDetail, type TraversalShape } from '../selection.js';

const FINDING_SHAPE: TraversalShape = {
  actors: [['authority'], ['imposedBy'], ['target'], ['targeted']],
  relationships: [['authorityChain'], ['targetChain']],
  sanctions: [['sanction']],
};

// The same shape below a connection's edges.
const at = (prefix: readonly string[], paths: TraversalShape[keyof TraversalShape]): string[][] => paths.map((p) => [...prefix, ...p]);
const EDGE_FINDING_SHAPE: TraversalShape = {
  actors: at(['edges', 'node'], FINDING_SHAPE.actors),
  relationships: at(['edges', 'node'], FINDING_SHAPE.relationships),
  sanctions: at(['edges', 'node'], FINDING_SHAPE.sanctions),
};

/** The findings' projection; chains nobody selected are left out (their being there is `indirect`). */
function findingDetail(info: GraphQLResolveInfo, inConnection = false): TraversalDetail {
  const detail = traversalDetail(info, inConnection ? EDGE_FINDING_SHAPE : FINDING_SHAPE);
  const fields = inConnection ? fieldsAt(info, ['edges', 'node']) : fieldsAt(info, []);
  return fields.has('authorityChain') || fields.has('targetChain') ? detail : { ...detail, relationships: 'none' };
}

/** Resolvers of schema/sanction.graphql. */
export const sanctionResolvers: Resolvers = {
  Query: {
    sanction: async (_, { id, recordedAsOf }, { loaders, repo }) =>
      (recordedAsOf ? (await repo.history.sanctionsAsOf([id], recordedAsOf))[0] : await loaders.sanction.load(id)) ?? null,
    sanctions: (_, args, { repo, loaders }) => listSanctions(repo, loaders, args),
    whoSanctioned: (_, args, { repo, loaders }, info) => sanctionFindings(repo, loaders, 'whoSanctioned', args, findingDetail(info)),
    sanctionedBy: (_, args, { repo, loaders }, info) => sanctionFindings(repo, loaders, 'sanctionedBy', args, findingDetail(info)),
    sanctionsConnection: (_, args, { repo, loaders }) => sanctionsConnection(repo, loaders, args),
    whoSanctionedConnection: (_, args, { repo, loaders }, info) =>
      sanctionFindingsConnection(repo, loaders, 'whoSanctioned', args, findingDetail(info, true)),
    sanctionedByConnection: (_, args, { repo, loaders }, info) =>
      sanctionFindingsConnection(repo, loaders, 'sanctionedBy', args, findingDetail(info, true)),
  },
  SanctionConnection: {
    totalCount: (connection) => connection.totalCount(),
    aggregate: (connection) => connection.aggregate(),
  },
  SanctionAggregate: {
    byMeasure: (a, { first }) => groups(a.byMeasure, first, 10),
    byAuthority: (a, { first }) => groups(a.byAuthority, first, 50),
    byTargetCountry: (a, { first }) => groups(a.byTargetCountry, first, 50),
    byMonth: (a, { first }) => groups(a.byMonth, first, 50),
  },
  SanctionAuthorityCount: {
    authority: async (g, _, { loaders }) => requireFound(await loaders.actor.load(g.authorityId), `actor ${g.authorityId}`),
  },
  SanctionFindingConnection: {
    totalCount: (connection) => connection.totalCount(),
  },
  Sanction: {
    // A federation gateway's references (`_entities`): one batched statement for all of them (docs/federation.md).
    __resolveReference: async ({ id }, { loaders }) => (await loaders.sanction.load(id)) ?? null,
    // A lean sanction (see TraversalDetail) holds its id only: every other field comes from the whole one.
    ...projectedFields('sanction', ['measure', 'program', 'date', 'reason', 'reasonStatus', 'note', 'joint', 'timeBasis', 'evidence']),
    parties: async (s, { first }, { loaders }) => {
      const limit = inRange('first', first ?? 200, LIMITS.sanctionParties);
      return (await loaders.whole('sanction', s)).parties.slice(0, limit);
    },
    list: async (lean, _, { loaders }) => {
      const s = await loaders.whole('sanction', lean);
      return s.listId ? ((await loaders.actor.load(s.listId)) ?? null) : null;
    },
    authorities: async (s, { first }, { loaders }) => {
      const ids = (await loaders.whole('sanction', s)).authorityIds.slice(0, inRange('first', first ?? 100, LIMITS.sanctionActors));
      return requireAll(loaders.actor.loadMany(ids), 'sanction authority');
    },
    targets: async (s, { first }, { loaders }) => {
      const ids = (await loaders.whole('sanction', s)).targetIds.slice(0, inRange('first', first ?? 100, LIMITS.sanctionActors));
      return requireAll(loaders.actor.loadMany(ids), 'sanction target');
    },
  },
  SanctionParty: {
    actor: async (p, _, { loaders }) => requireFound(await loaders.actor.load(p.actorId), `actor ${p.actorId}`),
  },
  SanctionFinding: {
    // The statement returned them (lean when the selection asked for little): no loader needed.
    sanction: (f) => f.sanction,
    authority: (f) => f.authority,
    imposedBy: (f) => f.imposedBy,
    target: (f) => f.target,
    targeted: (f) => f.targeted,
  },
};
