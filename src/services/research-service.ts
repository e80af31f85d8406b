import type { QueryNeighbourhoodArgs, QueryPathsArgs } from '../__generated__/schema-types.js';
import { notFound } from '../errors/app-error.js';
import { NEIGHBOURHOOD_HOPS, PATH_HOPS } from '../graph/cypher/path-cypher.js';
import type { GraphRepository } from '../graph/graph-repository.js';
import type { NeighbourhoodModel, PathModel } from '../graph/model.js';
import { FULL_DETAIL, type TraversalDetail } from '../graph/model.js';
import { edgeFilter } from './edge-filter.js';
import { requireActorsAsOf } from './existence.js';
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
  const recordedAsOf = args.recordedAsOf ?? null;
  if (args.from === args.to) {
    const [actor] = recordedAsOf ? await repo.history.actorsAsOf([args.from], recordedAsOf) : await repo.actors.findByIds([args.from]);
    if (!actor) throw notFound('from', args.from, 'actor');
    return [{ actors: [actor], hops: [] }];
  }
  const query = { fromId: args.from, toId: args.to, maxHops, types, asOf: args.asOf ?? null, limit, detail, edges: edgeFilter(args) };
  if (recordedAsOf) {
    // The graph as recorded then: its own statement. The hops carry their ends as they then stood, and
    // the actor loader is not primed with them (it serves the current graph to the rest of the operation).
    const then = await repo.paths.shortestAsOf(query, recordedAsOf);
    if (then.length === 0) await requireActorsAsOf(repo, { from: args.from, to: args.to }, recordedAsOf);
    return then;
  }
  const { paths, fromFound, toFound } = await repo.paths.shortest(query);
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
  const query = { id: args.id, hops, types, asOf: args.asOf ?? null, limit, detail, edges: edgeFilter(args) };
  if (args.recordedAsOf) {
    // As recorded then (see shortestPaths): NOT_FOUND when the actor did not exist at that instant.
    const then = await repo.paths.neighbourhoodAsOf(query, args.recordedAsOf);
    if (!then) throw notFound('id', args.id, 'actor');
    return then;
  }
  const result = await repo.paths.neighbourhood(query);
  if (!result) throw notFound('id', args.id, 'actor');
  loaders.prime({ actors: result.nodes });
  return result;
}
