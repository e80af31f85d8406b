import type { GraphRepository } from '../../graph/graph-repository.js';
import type { RelationshipConnectionModel, RelationshipType } from '../../graph/model.js';
import { isIdPosition } from '../connection.js';
import { type CursorScope, decodeCursor, encodeCursor } from '../cursor.js';
import { edgeFilter } from '../edge-filter.js';
import { inRange, LIMITS } from '../validation.js';

/** Arguments of `Actor.relationships` with `recordedAsOf`. */
export interface RelationshipsAsRecordedArgs {
  readonly types?: readonly RelationshipType[] | null;
  readonly direction?: 'OUTGOING' | 'INCOMING' | 'BOTH' | null;
  readonly asOf?: string | null;
  readonly first?: number | null;
  readonly after?: string | null;
  readonly includeInferred?: boolean | null;
  readonly includeUndated?: boolean | null;
  readonly recordedAsOf: string;
}

/**
 * A page of an actor's relationships as the graph recorded them at `recordedAsOf`: one statement (the
 * historical one; the current reads never see WAS edges), the total included.
 *
 * @example
 * const page = await relationshipsAsRecorded(repo, 'liu-pengyu', { recordedAsOf: '2026-12-01T12:00:00Z' });
 */
export async function relationshipsAsRecorded(
  repo: GraphRepository,
  actorId: string,
  args: RelationshipsAsRecordedArgs,
): Promise<RelationshipConnectionModel> {
  const first = inRange('first', args.first ?? 20, LIMITS.pageSize);
  const query = {
    types: args.types && args.types.length > 0 ? [...new Set(args.types)].sort() : null,
    direction: args.direction ?? 'BOTH',
    asOf: args.asOf ?? null,
    edges: edgeFilter(args),
  };
  const scope: CursorScope = {
    query: 'Actor.relationships',
    order: 'ID ASC',
    filter: { actorId, recordedAsOf: args.recordedAsOf, ...query },
  };
  const afterId = args.after ? decodeCursor('after', args.after, scope, isIdPosition)[0] : null;
  const page = await repo.history.relationshipsAsOf({ actorId, recordedAsOf: args.recordedAsOf, ...query, afterId, limit: first + 1 });
  const items = page?.items ?? [];
  const edges = items.slice(0, first).map(({ relationship, other }) => ({
    cursor: encodeCursor(scope, [relationship.id]),
    node: relationship,
    direction: relationship.fromId === actorId ? ('OUTGOING' as const) : ('INCOMING' as const),
    other,
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: items.length > first,
      hasPreviousPage: afterId !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: page?.total ?? 0,
  };
}
