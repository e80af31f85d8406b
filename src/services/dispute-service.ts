import type { QueryContestedArgs } from '../__generated__/schema-types.js';
import type { GraphRepository } from '../graph/graph-repository.js';
import type { DisputeModel } from '../graph/research-model.js';
import { requireActors } from './existence.js';
import type { Loaders } from './loaders.js';
import { inRange, LIMITS } from './validation.js';

/**
 * Disputes over claims of an actor (or anywhere), where either claim has `type`, by dispute id; NOT_FOUND
 * when `actor` names no actor (checked only when the answer is empty).
 *
 * @example
 * const disputes = await contested(repo, loaders, { actor: 'myanmar-military' });
 */
export async function contested(repo: GraphRepository, loaders: Loaders, args: QueryContestedArgs): Promise<DisputeModel[]> {
  const first = inRange('first', args.first ?? 20, LIMITS.pageSize);
  const disputes = await repo.disputes.contested({ actor: args.actor ?? null, type: args.type ?? null, limit: first });
  if (disputes.length === 0) await requireActors(loaders, { actor: args.actor });
  return disputes;
}

/**
 * The disputes of a relationship on one side (`disputed`: other claims dispute it; `disputing`: it
 * disputes others), batched with every relationship of the same wave.
 */
export function disputesOf(
  loaders: Loaders,
  relationshipId: string,
  side: 'disputed' | 'disputing',
  first: number | null | undefined,
): Promise<DisputeModel[]> {
  return loaders.disputes(relationshipId, side, inRange('first', first ?? 20, LIMITS.pageSize));
}
