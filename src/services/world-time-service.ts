import type { QueryChangesBetweenArgs, QueryTimelineArgs } from '../__generated__/schema-types.js';
import { notFound } from '../errors/app-error.js';
import { once } from '../graph/connection-model.js';
import type { GraphRepository } from '../graph/graph-repository.js';
import type { TimelineEntryModel, WorldEventConnectionModel } from '../graph/research-model.js';
import { windowInOrder } from './alignment-service.js';
import { isOffsetPosition, pageOf } from './connection.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Loaders } from './loaders.js';
import { inRange, LIMITS } from './validation.js';

/**
 * What changed in world time between two days (both included), as a connection in date order. Pages are
 * positions in that order (the order keys are computed per event); a cursor is bound to its dates.
 *
 * @throws AppError BAD_USER_INPUT when `from` is after `to`, or `after` was made for other dates.
 * @example
 * const december = await changesBetween(repo, loaders, { from: '2021-12-01', to: '2021-12-31' });
 */
export async function changesBetween(
  repo: GraphRepository,
  loaders: Loaders,
  args: QueryChangesBetweenArgs,
): Promise<WorldEventConnectionModel> {
  const first = inRange('first', args.first ?? 20, LIMITS.pageSize);
  windowInOrder(args.from, args.to);
  const window = { from: args.from, to: args.to };
  const scope = { query: 'Query.changesBetween', order: 'DATE ASC', filter: window };
  const skip = args.after ? decodeCursor('after', args.after, scope, isOffsetPosition)[0] : 0;
  const events = await repo.worldTime.changesBetween({ ...window, skip, limit: first + 1 });
  loaders.prime({ sanctions: events.flatMap((e) => (e.sanction ? [e.sanction] : [])) });
  const counts = once(() => repo.worldTime.countChangesBetween(window));
  return {
    ...pageOf(events, first, skip > 0, (e, i) => ({ cursor: encodeCursor(scope, [skip + i + 1]), node: e })),
    totalCount: async () => (await counts()).reduce((n, g) => n + g.count, 0),
    countsByType: counts,
  };
}

/**
 * Every dated event around an actor, in date order; NOT_FOUND when `actorId` names no actor (checked only
 * when the answer is empty).
 *
 * @example
 * const events = await timeline(repo, loaders, { actorId: 'myanmar' });
 */
export async function timeline(repo: GraphRepository, loaders: Loaders, args: QueryTimelineArgs): Promise<TimelineEntryModel[]> {
  const first = inRange('first', args.first ?? 100, LIMITS.timelineEvents);
  windowInOrder(args.from, args.to);
  const rows = await repo.worldTime.timeline({ actorId: args.actorId, from: args.from ?? null, to: args.to ?? null, limit: first });
  if (rows.length === 0 && (await loaders.actor.load(args.actorId)) === undefined) throw notFound('actorId', args.actorId, 'actor');
  loaders.prime({ sanctions: rows.flatMap((r) => (r.event.sanction ? [r.event.sanction] : [])) });
  const others = await loaders.actor.loadMany(rows.flatMap((r) => (r.otherId ? [r.otherId] : [])));
  const byId = new Map(others.flatMap((a) => (a && !(a instanceof Error) ? [[a.id, a] as const] : [])));
  return rows.map((r) => ({ event: r.event, role: r.role, other: r.otherId ? (byId.get(r.otherId) ?? null) : null }));
}
