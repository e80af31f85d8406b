import type { ActorRelationshipsArgs, QueryActorsArgs, QuerySearchArgs } from '../__generated__/schema-types.js';
import { MAX_SEARCH_TEXT } from '../graph/fulltext-query.js';
import type { ActorListFilter, ActorListPosition, GraphRepository } from '../graph/graph-repository.js';
import type { ActorConnectionModel, RelationshipConnectionModel, SearchHitModel } from '../graph/model.js';
import { FULL_DETAIL, type TraversalDetail } from '../graph/model.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { edgeFilter } from './edge-filter.js';
import type { Loaders } from './loaders.js';
import { boundedText, countryCode, inRange, LIMITS } from './validation.js';

const isPosition = (value: unknown): value is [string | number, string] =>
  Array.isArray(value) &&
  value.length === 2 &&
  (typeof value[0] === 'string' || typeof value[0] === 'number') &&
  typeof value[1] === 'string';

/**
 * A page of actors as a Relay connection, keyset-paginated; the total is counted only when asked for.
 *
 * @example
 * const page = await listActors(repo, { first: 5 });
 */
export async function listActors(repo: GraphRepository, args: QueryActorsArgs): Promise<ActorConnectionModel> {
  const first = inRange('first', args.first ?? 20, LIMITS.pageSize);
  const field = args.orderBy?.field ?? 'NAME';
  const direction = args.orderBy?.direction ?? 'ASC';
  const where = args.where ?? {};
  const filter: ActorListFilter = {
    kinds: where.kinds ?? null,
    country: where.country ? countryCode('where.country', where.country) : null,
    nameContains: where.nameContains ? boundedText('where.nameContains', where.nameContains, 200).toLowerCase() : null,
    nameStartsWith: where.nameStartsWith ? boundedText('where.nameStartsWith', where.nameStartsWith, 200).toLowerCase() : null,
    imposedSanctions: where.imposedSanctions ?? null,
    receivedSanctions: where.receivedSanctions ?? null,
  };
  let after: ActorListPosition | null = null;
  if (args.after) {
    const [key, id] = decodeCursor('after', args.after, isPosition);
    after = { key, id };
  }
  const rows = await repo.actors.list({ filter, field, direction, after, limit: first + 1 });
  const page = rows.slice(0, first);
  const edges = page.map((r) => ({ cursor: encodeCursor([r.key, r.actor.id]), node: r.actor }));
  let total: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: () => (total ??= repo.actors.count(filter)),
  };
}

const isRelationshipPosition = (value: unknown): value is [string] =>
  Array.isArray(value) && value.length === 1 && typeof value[0] === 'string';

/**
 * One actor's relationships as a Relay connection; batched with its siblings by the loaders.
 */
export async function relationshipsOf(
  loaders: Loaders,
  actorId: string,
  args: ActorRelationshipsArgs,
  withTotal: boolean,
  detail: TraversalDetail = FULL_DETAIL,
): Promise<RelationshipConnectionModel> {
  const first = inRange('first', args.first ?? 20, LIMITS.pageSize);
  const afterId = args.after ? decodeCursor('after', args.after, isRelationshipPosition)[0] : null;
  const page = await loaders.relationships(actorId, {
    types: args.types && args.types.length > 0 ? [...new Set(args.types)].sort() : null,
    direction: args.direction ?? 'BOTH',
    asOf: args.asOf ?? null,
    limit: first + 1,
    afterId,
    withTotal,
    detail,
    edges: edgeFilter(args),
  });
  const edges = page.items.slice(0, first).map(({ relationship, other }) => ({
    cursor: encodeCursor([relationship.id]),
    node: relationship,
    direction: relationship.fromId === actorId ? ('OUTGOING' as const) : ('INCOMING' as const),
    other,
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.items.length > first,
      hasPreviousPage: afterId !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: page.total,
  };
}

/** Full-text search over actor names, aliases and descriptions. */
export function searchActors(repo: GraphRepository, args: QuerySearchArgs): Promise<SearchHitModel[]> {
  const text = boundedText('text', args.text, MAX_SEARCH_TEXT);
  const first = inRange('first', args.first ?? 10, LIMITS.searchHits);
  return repo.actors.search({ text, kinds: args.kinds && args.kinds.length > 0 ? args.kinds : null, limit: first });
}
