import type { Resolvers } from '../../__generated__/resolvers-types.js';
import type { RecordedPeriod } from '../../graph/model.js';
import {
  addAlias,
  addSource,
  assertRelation,
  correctActor,
  correctRelation,
  correctSanction,
  mergeActors,
  recordSanction,
  retractActor,
  retractRelation,
  retractSanction,
  upsertActor,
  type WriteOptions,
} from '../../services/curation/curation-service.js';
import { inRange } from '../../services/validation.js';
import type { GraphQLContext } from '../context.js';

/** Bounds of the history lists. */
const HISTORY = { min: 1, max: 100 } as const;

/** Who writes, and the idempotency key: the mutation's own, else the `Idempotency-Key` header's. */
export function writer(ctx: GraphQLContext, key: string | null | undefined): WriteOptions {
  return { principal: ctx.principal, idempotencyKey: key ?? ctx.idempotencyKey ?? null };
}

/**
 * Wakes this process's change-feed streams at once for a change just committed (other replicas see it at
 * their next poll of the change log); a replayed or empty answer committed nothing new.
 */
export function announced<P extends { readonly seq: number | null; readonly changed: boolean }>(ctx: GraphQLContext, payload: P): P {
  if (payload.changed && payload.seq !== null) ctx.changeFeed.committed(payload.seq);
  return payload;
}

const NEVER_RECORDED: RecordedPeriod = { version: 1, from: null, to: null, changeSeq: null, endReason: null };

/**
 * The recorded period of a record: its own, or the whole record's when a traversal projected it lean
 * (actors of traversals never carry it: they are loaded by id, in one batch).
 */
async function recordedOf<K extends 'actor' | 'relationship' | 'sanction'>(
  kind: K,
  record: { id: string; lean?: string; recorded?: RecordedPeriod },
  ctx: GraphQLContext,
): Promise<RecordedPeriod> {
  if (record.recorded) return record.recorded;
  if (kind === 'actor') return (await ctx.loaders.actorRecord(record.id))?.recorded ?? NEVER_RECORDED;
  const whole = (await ctx.loaders.whole(kind, record as never)) as { recorded?: RecordedPeriod };
  return whole.recorded ?? NEVER_RECORDED;
}

/** Resolvers of schema/curation.graphql: the mutations and the recorded-period fields of records. */
export const curationResolvers: Resolvers = {
  Mutation: {
    addSource: async (_, { input }, ctx) => announced(ctx, await addSource(ctx.repo.curation, writer(ctx, input.idempotencyKey), input)),
    upsertActor: async (_, { input }, ctx) =>
      announced(ctx, await upsertActor(ctx.repo.curation, writer(ctx, input.idempotencyKey), input)),
    addAlias: async (_, { input }, ctx) => announced(ctx, await addAlias(ctx.repo.curation, writer(ctx, input.idempotencyKey), input)),
    assertRelation: async (_, { input }, ctx) =>
      announced(ctx, await assertRelation(ctx.repo.curation, writer(ctx, input.idempotencyKey), input)),
    recordSanction: async (_, { input }, ctx) =>
      announced(ctx, await recordSanction(ctx.repo.curation, writer(ctx, input.idempotencyKey), input)),
    correctRelation: async (_, args, ctx) =>
      announced(ctx, await correctRelation(ctx.repo.curation, writer(ctx, args.idempotencyKey), args)),
    retractRelation: async (_, args, ctx) =>
      announced(ctx, await retractRelation(ctx.repo.curation, writer(ctx, args.idempotencyKey), args)),
    correctSanction: async (_, args, ctx) =>
      announced(ctx, await correctSanction(ctx.repo.curation, writer(ctx, args.idempotencyKey), args)),
    retractSanction: async (_, args, ctx) =>
      announced(ctx, await retractSanction(ctx.repo.curation, writer(ctx, args.idempotencyKey), args)),
    correctActor: async (_, args, ctx) => announced(ctx, await correctActor(ctx.repo.curation, writer(ctx, args.idempotencyKey), args)),
    retractActor: async (_, args, ctx) => announced(ctx, await retractActor(ctx.repo.curation, writer(ctx, args.idempotencyKey), args)),
    mergeActors: async (_, args, ctx) => announced(ctx, await mergeActors(ctx.repo.curation, writer(ctx, args.idempotencyKey), args)),
  },
  SourcePayload: { source: (p) => p.record },
  ActorPayload: { actor: (p) => p.record },
  RelationshipPayload: { relationship: (p) => p.record },
  SanctionPayload: { sanction: (p) => p.record },
  Relationship: {
    version: async (r, _, ctx) => (await recordedOf('relationship', r, ctx)).version,
    recordedFrom: async (r, _, ctx) => (await recordedOf('relationship', r, ctx)).from,
    recordedTo: async (r, _, ctx) => (await recordedOf('relationship', r, ctx)).to,
    endReason: async (r, _, ctx) => (await recordedOf('relationship', r, ctx)).endReason,
    changeSeq: async (r, _, ctx) => (await recordedOf('relationship', r, ctx)).changeSeq,
    history: async (r, { first }, { repo }) =>
      (await repo.history.relationshipVersions([r.id], inRange('first', first ?? 20, HISTORY)))[0] ?? [],
  },
  Sanction: {
    version: async (s, _, ctx) => (await recordedOf('sanction', s, ctx)).version,
    recordedFrom: async (s, _, ctx) => (await recordedOf('sanction', s, ctx)).from,
    recordedTo: async (s, _, ctx) => (await recordedOf('sanction', s, ctx)).to,
    endReason: async (s, _, ctx) => (await recordedOf('sanction', s, ctx)).endReason,
    changeSeq: async (s, _, ctx) => (await recordedOf('sanction', s, ctx)).changeSeq,
    history: async (s, { first }, { repo }) =>
      (await repo.history.sanctionVersions([s.id], inRange('first', first ?? 20, HISTORY)))[0] ?? [],
  },
  Actor: {
    version: async (a, _, ctx) => (await recordedOf('actor', a, ctx)).version,
    recordedFrom: async (a, _, ctx) => (await recordedOf('actor', a, ctx)).from,
    mergedIds: async (a, { first }, ctx) => {
      const ids = (a.lean === undefined ? a.mergedIds : undefined) ?? (await ctx.loaders.actorRecord(a.id))?.mergedIds ?? [];
      return ids.slice(0, inRange('first', first ?? 20, HISTORY));
    },
    history: async (a, { first }, { repo }) => (await repo.history.actorVersions([a.id], inRange('first', first ?? 20, HISTORY)))[0] ?? [],
  },
  ActorVersion: {
    version: (v) => v.recorded.version,
    aliases: (v, { first }) => v.aliases.slice(0, inRange('first', first ?? 50, HISTORY)),
    recordedFrom: (v) => v.recorded.from,
    recordedTo: (v) => v.recorded.to,
    endReason: (v) => v.recorded.endReason,
  },
};
