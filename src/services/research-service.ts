import { NEIGHBOURHOOD_HOPS, PATH_HOPS } from '../graph/cypher/path-cypher.js';
import type {
  NeighbourhoodModel,
  PathModel,
  RelationshipType,
  SanctionFindingModel,
  SanctionMeasure,
  SanctionModel,
} from '../graph/model.js';
import { FULL_DETAIL, type TraversalDetail } from '../graph/model.js';
import type { GraphRepository } from '../graph/repositories.js';
import { edgeFilter } from './edge-filter.js';
import type { Loaders } from './loaders.js';
import { countryCode, inRange, LIMITS } from './validation.js';

/**
 * The shortest paths between two actors; an empty list when there is none within `maxHops` (or an id
 * is unknown), and one path of length 0 from an actor to itself.
 *
 * @example
 * const paths = await shortestPaths(repo, { from: 'liu-pengyu', to: 'us-treasury' });
 */
export async function shortestPaths(
  repo: GraphRepository,
  loaders: Loaders,
  args: {
    from: string;
    to: string;
    maxHops?: number | null;
    types?: RelationshipType[] | null;
    asOf?: string | null;
    limit?: number | null;
    includeInferred?: boolean | null;
    includeUndated?: boolean | null;
  },
  detail: TraversalDetail = FULL_DETAIL,
): Promise<PathModel[]> {
  const maxHops = inRange('maxHops', args.maxHops ?? 4, PATH_HOPS);
  const limit = inRange('limit', args.limit ?? 5, LIMITS.pathLimit);
  const types = args.types && args.types.length > 0 ? args.types : null;
  if (args.from === args.to) {
    const [actor] = await repo.findActorsByIds([args.from]);
    return actor ? [{ actors: [actor], hops: [] }] : [];
  }
  const paths = await repo.shortestPaths(args.from, args.to, maxHops, types, args.asOf ?? null, limit, detail, edgeFilter(args));
  // Hops resolve their ends (`from`, `to`) through the actor loader: the path already holds them.
  loaders.prime({ actors: paths.flatMap((p) => p.actors) });
  return paths;
}

/** The neighbourhood of an actor; null when the actor does not exist. */
export async function neighbourhood(
  repo: GraphRepository,
  loaders: Loaders,
  args: {
    id: string;
    hops?: number | null;
    types?: RelationshipType[] | null;
    asOf?: string | null;
    limit?: number | null;
    includeInferred?: boolean | null;
    includeUndated?: boolean | null;
  },
  detail: TraversalDetail = FULL_DETAIL,
): Promise<NeighbourhoodModel | null> {
  const hops = inRange('hops', args.hops ?? 1, NEIGHBOURHOOD_HOPS);
  const limit = inRange('limit', args.limit ?? 100, LIMITS.neighbourhoodLimit);
  const types = args.types && args.types.length > 0 ? args.types : null;
  const result = await repo.neighbourhood(args.id, hops, types, args.asOf ?? null, limit, detail, edgeFilter(args));
  if (result) loaders.prime({ actors: result.nodes });
  return result;
}

/** Arguments of `Query.sanctions`. */
export interface SanctionListArgs {
  readonly where?: {
    authority?: string | null;
    target?: string | null;
    measure?: SanctionMeasure | null;
    program?: string | null;
    targetCountry?: string | null;
    from?: string | null;
    to?: string | null;
  } | null;
  readonly first?: number | null;
}

/** Sanctions matching a filter, newest first. */
export function listSanctions(repo: GraphRepository, args: SanctionListArgs): Promise<SanctionModel[]> {
  const first = inRange('first', args.first ?? 50, LIMITS.pageSize);
  const w = args.where ?? {};
  return repo.listSanctions(
    {
      authority: w.authority ?? null,
      target: w.target ?? null,
      measure: w.measure ?? null,
      program: w.program ?? null,
      targetCountry: w.targetCountry ? countryCode('where.targetCountry', w.targetCountry) : null,
      from: w.from ?? null,
      to: w.to ?? null,
    },
    first,
  );
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
  args: {
    actorId: string;
    includeIndirect?: boolean | null;
    asOf?: string | null;
    includeInferred?: boolean | null;
    includeUndated?: boolean | null;
  },
  detail: TraversalDetail = FULL_DETAIL,
): Promise<SanctionFindingModel[]> {
  const { findings, actors, sanctions } = await repo.sanctionFindings(
    side,
    args.actorId,
    args.includeIndirect ?? false,
    args.asOf ?? null,
    detail,
    edgeFilter(args),
  );
  loaders.prime({ actors, sanctions });
  return findings;
}
