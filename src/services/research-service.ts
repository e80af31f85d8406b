import type { QueryNeighbourhoodArgs, QueryPathsArgs } from '../__generated__/schema-types.js';
import { notFound } from '../errors/app-error.js';
import { NEIGHBOURHOOD_HOPS, PATH_HOPS } from '../graph/cypher/path-cypher.js';
import type { GraphRepository } from '../graph/graph-repository.js';
import type { NeighbourhoodModel, PathModel } from '../graph/model.js';
import { FULL_DETAIL, type TraversalDetail } from '../graph/model.js';
import { edgeFilter } from './edge-filter.js';
import type { Loaders } from './loaders.js';
import { inRange, LIMITS } from './validation.js';

/**
 * The shortest paths between two actors; an empty list when there is none within `maxHops`, NOT_FOUND
 * when an id names no actor, and one path of length 0 from an actor to itself.
 *
 * @example
 * const paths = await shortestPaths(repo, { from: 'liu-pengyu', to: 'us-treasury' });
 */
export async function shortestPaths(
  repo: GraphRepository,
  loaders: Loaders,
  args: QueryPathsArgs,
  detail: TraversalDetail = FULL_DETAIL,
): Promise<PathModel[]> {
  const maxHops = inRange('maxHops', args.maxHops ?? 4, PATH_HOPS);
  const limit = inRange('limit', args.limit ?? 5, LIMITS.pathLimit);
  const types = args.types && args.types.length > 0 ? args.types : null;
  if (args.from === args.to) {
    const [actor] = await repo.actors.findByIds([args.from]);
    if (!actor) throw notFound('from', args.from, 'actor');
    return [{ actors: [actor], hops: [] }];
  }
  const { paths, fromFound, toFound } = await repo.paths.shortest({
    fromId: args.from,
    toId: args.to,
    maxHops,
    types,
    asOf: args.asOf ?? null,
    limit,
    detail,
    edges: edgeFilter(args),
  });
  // The statement says whether each end exists: an empty answer needs no second statement.
  if (!fromFound) throw notFound('from', args.from, 'actor');
  if (!toFound) throw notFound('to', args.to, 'actor');
  // Hops resolve their ends (`from`, `to`) through the actor loader: the path already holds them.
  loaders.prime({ actors: paths.flatMap((p) => p.actors) });
  return paths;
}

/** The neighbourhood of an actor; NOT_FOUND when the actor does not exist. */
export async function neighbourhood(
  repo: GraphRepository,
  loaders: Loaders,
  args: QueryNeighbourhoodArgs,
  detail: TraversalDetail = FULL_DETAIL,
): Promise<NeighbourhoodModel | null> {
  const hops = inRange('hops', args.hops ?? 1, NEIGHBOURHOOD_HOPS);
  const limit = inRange('limit', args.limit ?? 100, LIMITS.neighbourhoodLimit);
  const types = args.types && args.types.length > 0 ? args.types : null;
  const result = await repo.paths.neighbourhood({
    id: args.id,
    hops,
    types,
    asOf: args.asOf ?? null,
    limit,
    detail,
    edges: edgeFilter(args),
  });
  if (!result) throw notFound('id', args.id, 'actor');
  loaders.prime({ actors: result.nodes });
  return result;
}
