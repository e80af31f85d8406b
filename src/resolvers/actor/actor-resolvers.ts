import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { FULL_DETAIL } from '../../graph/model.js';
import { listActors, relationshipsOf, searchActors, searchConnection } from '../../services/actor-service.js';
import { relationshipsAsRecorded } from '../../services/curation/history-service.js';
import { edgeFilter } from '../../services/edge-filter.js';
import { inRange, LIMITS } from '../../services/validation.js';
import { groups } from '../aggregate-groups.js';
import { projectedFields } from '../lean-field.js';
import { requireFound } from '../require-found.js';
import { selectsField, traversalDetail, type TraversalShape } from '../selection.js';

const ROLE_TYPES = ['HOLDS_ROLE_IN', 'LEADS', 'SPEAKS_FOR'] as const;

/** Where a page of relationships holds relationships and actors; relationship ends are the other actors. */
export const RELATIONSHIPS_SHAPE: TraversalShape = {
  actors: [
    ['edges', 'other'],
    ['edges', 'node', 'from'],
    ['edges', 'node', 'to'],
  ],
  relationships: [['edges', 'node']],
  sanctions: [],
};

/** Resolvers of schema/actor.graphql. */
export const actorResolvers: Resolvers = {
  Query: {
    actor: async (_, { id, recordedAsOf }, { loaders, repo }) =>
      (recordedAsOf ? (await repo.history.actorsAsOf([id], recordedAsOf))[0] : await loaders.actor.load(id)) ?? null,
    actors: (_, args, { repo }) => listActors(repo, args),
    search: (_, args, { repo }) => searchActors(repo, args),
    searchConnection: (_, args, { repo }) => searchConnection(repo, args),
  },
  Actor: {
    // A federation gateway's references (`_entities`): one batched statement for all of them (docs/federation.md).
    __resolveReference: async ({ id }, { loaders }) => (await loaders.actor.load(id)) ?? null,
    // A lean actor (see TraversalDetail) lacks some of these: they come from the whole one then.
    ...projectedFields('actor', ['kind', 'name', 'country', 'aliases', 'description', 'degree']),
    mentions: (actor, { first }, { loaders }) => loaders.mentions(actor.id, inRange('first', first ?? 50, LIMITS.mentions)),
    roles: async (actor, args, { loaders }) => {
      const page = await loaders.relationships(actor.id, {
        types: [...ROLE_TYPES],
        direction: 'OUTGOING',
        asOf: args.asOf ?? null,
        limit: inRange('first', args.first ?? 50, LIMITS.roles),
        afterId: null,
        withTotal: false,
        detail: FULL_DETAIL,
        edges: edgeFilter(args),
      });
      return page.items.map((item) => item.relationship);
    },
    listEntries: async (actor, args, { loaders }) => {
      const limit = inRange('first', args.first ?? 100, LIMITS.listEntries);
      // Only a LIST has entries; a lean actor that does not hold its kind is loaded whole to tell.
      const kind = actor.lean === 'ref' ? (await loaders.whole('actor', actor)).kind : actor.kind;
      return kind === 'LIST' ? loaders.listEntries(actor.id, args.asOf ?? null, limit, edgeFilter(args)) : [];
    },
    relationships: (actor, { recordedAsOf, ...args }, { loaders, repo }, info) =>
      recordedAsOf
        ? relationshipsAsRecorded(repo, actor.id, { ...args, recordedAsOf })
        : relationshipsOf(loaders, actor.id, args, selectsField(info, 'totalCount'), traversalDetail(info, RELATIONSHIPS_SHAPE)),
    sanctionsImposed: (actor, { asOf, first }, { loaders }) =>
      loaders.sanctionsOf(actor.id, 'imposed', asOf ?? null, inRange('first', first ?? 50, LIMITS.actorSanctions)),
    sanctionsReceived: (actor, { asOf, first }, { loaders }) =>
      loaders.sanctionsOf(actor.id, 'received', asOf ?? null, inRange('first', first ?? 50, LIMITS.actorSanctions)),
  },
  ActorConnection: {
    totalCount: (connection) => connection.totalCount(),
    aggregate: (connection) => connection.aggregate(),
  },
  ActorAggregate: {
    byKind: (a, { first }) => groups(a.byKind, first, 20),
    byCountry: (a, { first }) => groups(a.byCountry, first, 50),
    byKindAndCountry: (a, { first }) => groups(a.byKindAndCountry, first, 100),
  },
  SearchHitConnection: {
    totalCount: (connection) => connection.totalCount(),
  },
  RelationshipConnection: {
    totalCount: (connection) => requireFound(connection.totalCount ?? undefined, 'a total that was asked for'),
  },
  Mention: {
    source: async (mention, _, { loaders }) => requireFound(await loaders.source.load(mention.sourceId), `source ${mention.sourceId}`),
  },
};
