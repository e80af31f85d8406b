import type { ActorRelationshipsArgs, QueryActorsArgs, QuerySearchArgs, QuerySearchConnectionArgs } from '../__generated__/schema-types.js';
import { once, type SearchHitConnectionModel } from '../graph/connection-model.js';
import { MAX_SEARCH_TEXT } from '../graph/fulltext-query.js';
import type {
  ActorListFilter,
  ActorListPosition,
  GraphRepository,
  RelationshipPage,
  RelationshipPageQuery,
} from '../graph/graph-repository.js';
import type { ActorConnectionModel, RelationshipConnectionModel, SearchHitModel } from '../graph/model.js';
import { FULL_DETAIL, type TraversalDetail } from '../graph/model.js';
import { isIdPosition, isOffsetPosition, pageOf } from './connection.js';
import { type CursorScope, decodeCursor, encodeCursor } from './cursor.js';
import { edgeFilter } from './edge-filter.js';
import type { Loaders } from './loaders.js';
import { boundedText, countryCode, inRange, LIMITS } from './validation.js';

const isPosition = (value: unknown): value is [string | number, string] =>
  Array.isArray(value) &&
  value.length === 2 &&
  (typeof value[0] === 'string' || typeof value[0] === 'number') &&
  typeof value[1] === 'string';

/**
 * The cursor scope of an actor page: its ordering and its filter, so a cursor is refused under another.
 *
 * @example
 * encodeCursor(actorListScope(filter, 'NAME', 'ASC'), ['Canada', 'canada']);
 */
export function actorListScope(filter: ActorListFilter, field: 'NAME' | 'DEGREE', direction: 'ASC' | 'DESC'): CursorScope {
  return { query: 'Query.actors', order: `${field} ${direction}`, filter };
}

/**
 * A page of actors as a Relay connection, keyset-paginated; the total and the aggregate are counted only
 * when asked for.
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
    kinds: where.kinds && where.kinds.length > 0 ? [...new Set(where.kinds)].sort() : null,
    country: where.country ? countryCode('where.country', where.country) : null,
    nameContains: where.nameContains ? boundedText('where.nameContains', where.nameContains, 200).toLowerCase() : null,
    nameStartsWith: where.nameStartsWith ? boundedText('where.nameStartsWith', where.nameStartsWith, 200).toLowerCase() : null,
    imposedSanctions: where.imposedSanctions ?? null,
    receivedSanctions: where.receivedSanctions ?? null,
  };
  const scope = actorListScope(filter, field, direction);
  let after: ActorListPosition | null = null;
  if (args.after) {
    // The scope holds the ordering, so a name cursor never reaches a degree page (nor the reverse).
    const [key, id] = decodeCursor('after', args.after, scope, isPosition);
    after = { key, id };
  }
  const rows = await repo.actors.list({ filter, field, direction, after, limit: first + 1 });
  return {
    ...pageOf(rows, first, after !== null, (r) => ({ cursor: encodeCursor(scope, [r.key, r.actor.id]), node: r.actor })),
    totalCount: once(() => repo.actors.count(filter)),
    aggregate: once(() => repo.actors.aggregate(filter)),
  };
}

/**
 * The page query, cursor scope and position of one actor's `relationships(args)`: shared by the resolver
 * path and the selection compiler, so a page the compiler fetched is the one the loader would ask for.
 *
 * @throws AppError BAD_USER_INPUT for a page size out of range or a cursor of another page.
 */
export function relationshipPageFor(
  actorId: string,
  args: ActorRelationshipsArgs,
  withTotal: boolean,
  detail: TraversalDetail = FULL_DETAIL,
): { first: number; scope: CursorScope; afterId: string | null; page: RelationshipPageQuery } {
  const first = inRange('first', args.first ?? 20, LIMITS.pageSize);
  const query = {
    types: args.types && args.types.length > 0 ? [...new Set(args.types)].sort() : null,
    direction: args.direction ?? 'BOTH',
    asOf: args.asOf ?? null,
    edges: edgeFilter(args),
  };
  // The actor is part of the scope: a cursor of one actor's page means nothing on another's.
  const scope: CursorScope = { query: 'Actor.relationships', order: 'ID ASC', filter: { actorId, ...query } };
  const afterId = args.after ? decodeCursor('after', args.after, scope, isIdPosition)[0] : null;
  return { first, scope, afterId, page: { ...query, limit: first + 1, afterId, withTotal, detail } };
}

/**
 * One actor's relationships as a Relay connection; batched with its siblings by the loaders. A page a
 * compiled statement already returned is answered at once, without a promise: graphql-js then completes
 * the whole subtree synchronously, where a promise per page made it wait a microtask per level and build
 * the lists of every level asynchronously.
 */
export function relationshipsOf(
  loaders: Loaders,
  actorId: string,
  args: ActorRelationshipsArgs,
  withTotal: boolean,
  detail: TraversalDetail = FULL_DETAIL,
): RelationshipConnectionModel | Promise<RelationshipConnectionModel> {
  const { first, scope, afterId, page: pageQuery } = relationshipPageFor(actorId, args, withTotal, detail);
  const connection = (page: RelationshipPage): RelationshipConnectionModel => {
    // Cursors are encoded when read (getters): a nested selection rarely asks for them, and encoding one
    // per edge (hashing its scope) was 4% of the server's busy time on the nested bench workload.
    const edges = page.items.slice(0, first).map(({ relationship, other }) => ({
      get cursor(): string {
        return encodeCursor(scope, [relationship.id]);
      },
      node: relationship,
      direction: relationship.fromId === actorId ? ('OUTGOING' as const) : ('INCOMING' as const),
      other,
    }));
    return {
      edges,
      pageInfo: {
        hasNextPage: page.items.length > first,
        hasPreviousPage: afterId !== null,
        get startCursor(): string | null {
          return edges[0]?.cursor ?? null;
        },
        get endCursor(): string | null {
          return edges.at(-1)?.cursor ?? null;
        },
      },
      totalCount: page.total,
    };
  };
  const primed = loaders.primedRelationships(actorId, pageQuery);
  return primed ? connection(primed) : loaders.relationships(actorId, pageQuery).then(connection);
}

/** Full-text search over actor names, aliases and descriptions. */
export function searchActors(repo: GraphRepository, args: QuerySearchArgs): Promise<SearchHitModel[]> {
  const text = boundedText('text', args.text, MAX_SEARCH_TEXT);
  const first = inRange('first', args.first ?? 10, LIMITS.searchHits);
  return repo.actors.search({ text, kinds: args.kinds && args.kinds.length > 0 ? args.kinds : null, limit: first });
}

/**
 * Full-text search as a Relay connection: the ranking of {@link searchActors}, paged by position (the
 * ranking keys are computed per hit from a bounded candidate list, so there is no stored key to seek).
 *
 * @example
 * const page = await searchConnection(repo, { text: 'sanctioned', first: 2 });
 */
export async function searchConnection(repo: GraphRepository, args: QuerySearchConnectionArgs): Promise<SearchHitConnectionModel> {
  const text = boundedText('text', args.text, MAX_SEARCH_TEXT);
  const first = inRange('first', args.first ?? 10, LIMITS.searchHits);
  const kinds = args.kinds && args.kinds.length > 0 ? [...new Set(args.kinds)].sort() : null;
  const scope: CursorScope = { query: 'Query.searchConnection', order: 'RANK', filter: { text, kinds } };
  const skip = args.after ? decodeCursor('after', args.after, scope, isOffsetPosition)[0] : 0;
  const hits = await repo.actors.search({ text, kinds, limit: first + 1, skip });
  return {
    ...pageOf(hits, first, skip > 0, (hit, i) => ({ cursor: encodeCursor(scope, [skip + i + 1]), node: hit })),
    totalCount: once(() => repo.actors.countSearch({ text, kinds })),
  };
}
