import type {
  QueryNeighbourhoodArgs,
  QueryPathsArgs,
  QuerySanctionedByArgs,
  QuerySanctionsArgs,
  QueryWhoSanctionedArgs,
} from '../__generated__/schema-types.js';
import { badUserInput, notFound } from '../errors/app-error.js';
import { NEIGHBOURHOOD_HOPS, PATH_HOPS } from '../graph/cypher/path-cypher.js';
import type { GraphRepository } from '../graph/graph-repository.js';
import type { NeighbourhoodModel, PathModel, SanctionFindingModel, SanctionModel } from '../graph/model.js';
import { FULL_DETAIL, type TraversalDetail } from '../graph/model.js';
import { edgeFilter } from './edge-filter.js';
import { requireActors } from './existence.js';
import type { Loaders } from './loaders.js';
import { countryCode, inRange, LIMITS } from './validation.js';

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
  const paths = await repo.paths.shortest({
    fromId: args.from,
    toId: args.to,
    maxHops,
    types,
    asOf: args.asOf ?? null,
    limit,
    detail,
    edges: edgeFilter(args),
  });
  if (paths.length === 0) await requireActors(loaders, { from: args.from, to: args.to });
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

/** Sanctions matching a filter, newest first. */
export async function listSanctions(repo: GraphRepository, loaders: Loaders, args: QuerySanctionsArgs): Promise<SanctionModel[]> {
  const first = inRange('first', args.first ?? 50, LIMITS.pageSize);
  const w = args.where ?? {};
  if (w.from && w.to && w.from > w.to) {
    throw badUserInput('where.from must be on or before where.to', { argument: 'where.from', from: w.from, to: w.to });
  }
  const sanctions = await repo.sanctions.list({
    filter: {
      authority: w.authority ?? null,
      target: w.target ?? null,
      measure: w.measure ?? null,
      program: w.program ?? null,
      targetCountry: w.targetCountry ? countryCode('where.targetCountry', w.targetCountry) : null,
      from: w.from ?? null,
      to: w.to ?? null,
    },
    limit: first,
  });
  if (sanctions.length === 0) await requireActors(loaders, { 'where.authority': w.authority, 'where.target': w.target });
  return sanctions;
}

/**
 * Who sanctioned an actor, or whom it sanctioned, with the chains that justify each finding. Each finding
 * carries its sanction and actors as projected; those holding more than an id are also primed into the
 * loaders for later fields.
 */
export async function sanctionFindings(
  repo: GraphRepository,
  loaders: Loaders,
  side: 'whoSanctioned' | 'sanctionedBy',
  args: QueryWhoSanctionedArgs | QuerySanctionedByArgs,
  detail: TraversalDetail = FULL_DETAIL,
): Promise<SanctionFindingModel[]> {
  const limit = inRange('first', args.first ?? 100, LIMITS.findings);
  const { findings, actors, sanctions } = await repo.sanctions.findings({
    side,
    actorId: args.actorId,
    indirect: args.includeIndirect ?? false,
    asOf: args.asOf ?? null,
    detail,
    limit,
    edges: edgeFilter(args),
  });
  if (findings.length === 0) await requireActors(loaders, { actorId: args.actorId });
  loaders.prime({ actors, sanctions });
  return findings;
}
