import type { ActorModel, RelationshipModel, SanctionModel } from '../graph/model.js';
import type { Loaders } from '../services/loaders.js';

type Entity = { actor: ActorModel; relationship: RelationshipModel; sanction: SanctionModel };

/**
 * Reads a field of a record that a traversal may have projected lean (see TraversalDetail): from the
 * record itself when `holds` (synchronously, so the common path allocates no promise), else from the
 * whole record, loaded in one batch with the other lean records of the same level.
 *
 * @example
 * name: (actor, _, { loaders }) => leanField(loaders, 'actor', actor, actor.lean !== 'ref', (a) => a.name),
 */
export function leanField<K extends keyof Entity, R>(
  loaders: Loaders,
  kind: K,
  record: Entity[K],
  holds: boolean,
  pick: (whole: Entity[K]) => R,
): R | Promise<R> {
  return holds ? pick(record) : loaders.whole(kind, record).then(pick);
}
