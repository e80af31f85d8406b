import type { QueryRelationshipsArgs, RelationshipFilter } from '../__generated__/schema-types.js';
import { badUserInput } from '../errors/app-error.js';
import { once, type RelationshipListConnectionModel } from '../graph/connection-model.js';
import type { GraphRepository, RelationshipListFilter } from '../graph/graph-repository.js';
import { isIdPosition, pageOf } from './connection.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { requireActors, requireActorsAsOf, requireSources } from './existence.js';
import type { Loaders } from './loaders.js';
import { dateRange, inRange, LIMITS } from './validation.js';

const sortedSet = <T extends string>(values: readonly T[] | null | undefined): T[] | null =>
  values && values.length > 0 ? [...new Set(values)].sort() : null;

/**
 * The graph-layer filter of a `relationships` query, checked: a date range in order, a confidence from 0
 * to 1, a sentence only with its source. Naming INFERRED in `status` asks for INFERRED claims.
 *
 * @throws AppError BAD_USER_INPUT naming the offending `where.*` argument.
 * @example
 * relationshipListFilter({ status: ['ALLEGED'] }); // { statuses: ['ALLEGED'], edges: { includeInferred: false, ... }, ... }
 */
export function relationshipListFilter(where: RelationshipFilter): RelationshipListFilter {
  dateRange('where', where.from, where.to);
  const minConfidence = where.minConfidence ?? null;
  if (minConfidence !== null && !(minConfidence >= 0 && minConfidence <= 1)) {
    throw badUserInput('where.minConfidence must be between 0 and 1', { argument: 'where.minConfidence', min: 0, max: 1 });
  }
  const sentence =
    where.sentence === null || where.sentence === undefined ? null : inRange('where.sentence', where.sentence, LIMITS.sentences);
  if (sentence !== null && !where.source) {
    throw badUserInput('where.sentence numbers a sentence of where.source: give the source too', { argument: 'where.sentence' });
  }
  const statuses = sortedSet(where.status);
  return {
    types: sortedSet(where.types),
    statuses,
    minConfidence,
    from: where.from ?? null,
    to: where.to ?? null,
    asOf: where.asOf ?? null,
    timeBases: sortedSet(where.timeBasis),
    source: where.source ?? null,
    sentence,
    actor: where.actor ?? null,
    joint: where.joint ?? null,
    edges: {
      includeInferred: (where.includeInferred ?? false) || (statuses?.includes('INFERRED') ?? false),
      includeUndated: where.includeUndated ?? false,
    },
  };
}

/**
 * Relationships anywhere in the graph as a Relay connection, keyset-paginated by id. The total and the
 * aggregate are counted in the database, each only when selected; NOT_FOUND when an empty page comes from
 * an actor or source that does not exist.
 *
 * @example
 * const alleged = await listRelationships(repo, loaders, { where: { status: ['ALLEGED'] } });
 */
export async function listRelationships(
  repo: GraphRepository,
  loaders: Loaders,
  args: QueryRelationshipsArgs,
): Promise<RelationshipListConnectionModel> {
  const first = inRange('first', args.first ?? 20, LIMITS.pageSize);
  const filter = relationshipListFilter(args.where ?? {});
  const recordedAsOf = args.recordedAsOf ?? null;
  if (recordedAsOf !== null) return listRelationshipsAsRecorded(repo, loaders, args, first, filter, recordedAsOf);
  const scope = { query: 'Query.relationships', order: 'ID ASC', filter };
  const afterId = args.after ? decodeCursor('after', args.after, scope, isIdPosition)[0] : null;
  const rows = await repo.relationships.list({ filter, afterId, limit: first + 1 });
  if (rows.length === 0) {
    // Both lookups go out in one wave.
    await Promise.all([
      requireActors(loaders, { 'where.actor': filter.actor }),
      requireSources(loaders, { 'where.source': filter.source }),
    ]);
  }
  return {
    ...pageOf(rows, first, afterId !== null, (r) => ({ cursor: encodeCursor(scope, [r.id]), node: r })),
    totalCount: once(() => repo.relationships.count(filter)),
    aggregate: once(() => repo.relationships.aggregate(filter)),
  };
}

/**
 * `relationships(recordedAsOf)`: the same page, count and aggregate over the graph as recorded at that
 * instant, each from its own statement (the current ones never see WAS edges). A cursor is scoped to the
 * instant too; `where.actor` must name an actor that existed then (retracted or merged since, or not).
 */
async function listRelationshipsAsRecorded(
  repo: GraphRepository,
  loaders: Loaders,
  args: QueryRelationshipsArgs,
  first: number,
  filter: RelationshipListFilter,
  recordedAsOf: string,
): Promise<RelationshipListConnectionModel> {
  const scope = { query: 'Query.relationships', order: 'ID ASC', filter: { ...filter, recordedAsOf } };
  const afterId = args.after ? decodeCursor('after', args.after, scope, isIdPosition)[0] : null;
  const rows = await repo.relationships.listAsOf({ filter, afterId, limit: first + 1 }, recordedAsOf);
  if (rows.length === 0) {
    await Promise.all([
      requireActorsAsOf(repo, { 'where.actor': filter.actor }, recordedAsOf),
      requireSources(loaders, { 'where.source': filter.source }),
    ]);
  }
  return {
    ...pageOf(rows, first, afterId !== null, (r) => ({ cursor: encodeCursor(scope, [r.id]), node: r })),
    totalCount: once(() => repo.relationships.countAsOf(filter, recordedAsOf)),
    aggregate: once(() => repo.relationships.aggregateAsOf(filter, recordedAsOf)),
  };
}
