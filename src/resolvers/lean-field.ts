import type { LeanKinds } from '../services/loaders.js';
import type { GraphQLContext } from './context.js';
import { DETAIL_FIELDS } from './selection.js';

/** How much of a record a traversal projected; a whole record is `full`. */
type Level = 'ref' | 'summary' | 'full';

const RANK: Readonly<Record<Level, number>> = { ref: 0, summary: 1, full: 2 };

/** The level of DETAIL_FIELDS that holds `field` of `kind`. */
function levelOf(kind: keyof LeanKinds, field: string): Level {
  const levels = DETAIL_FIELDS[kind] as Partial<Record<Level, readonly string[]>>;
  const level = (Object.keys(RANK) as Level[]).find((l) => levels[l]?.includes(field));
  if (!level) throw new Error(`${kind}.${field} is in no level of DETAIL_FIELDS`);
  return level;
}

/** A resolver of one projected field: the record's own value, or the whole record's. */
type ProjectedResolver<K extends keyof LeanKinds, P extends keyof LeanKinds[K]['whole']> = (
  record: LeanKinds[K]['record'],
  args: unknown,
  context: GraphQLContext,
) => LeanKinds[K]['whole'][P] | Promise<LeanKinds[K]['whole'][P]>;

/**
 * Resolvers for fields of `kind` that are properties of its model, derived from the level table
 * (DETAIL_FIELDS): a record projected at a level that holds the field answers from itself
 * (synchronously, so the common path allocates no promise); a leaner one answers from the whole record,
 * loaded in one batch with the other lean records of the same wave. Moving a field to another level in
 * DETAIL_FIELDS is the only change its resolver needs.
 *
 * @example
 * Actor: { ...projectedFields('actor', ['kind', 'name', 'country', 'aliases', 'description', 'degree']) }
 */
export function projectedFields<K extends keyof LeanKinds, F extends keyof LeanKinds[K]['whole'] & string>(
  kind: K,
  fields: readonly F[],
): { [P in F]: ProjectedResolver<K, P> } {
  const resolvers = {} as { [P in F]: ProjectedResolver<K, P> };
  for (const field of fields) {
    const needed = RANK[levelOf(kind, field)];
    const resolve: ProjectedResolver<K, typeof field> = (record, _, { loaders }) => {
      const level: Level = record.lean ?? 'full';
      if (RANK[level] >= needed) return (record as LeanKinds[K]['whole'])[field];
      return loaders.whole(kind, record).then((whole) => whole[field]);
    };
    resolvers[field] = resolve;
  }
  return resolvers;
}
