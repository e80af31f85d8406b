import type { EdgeFilter } from '../graph/model.js';

/**
 * What a traversal follows besides asserted or alleged relationships known to hold, from its
 * `includeInferred` and `includeUndated` arguments (both false when omitted).
 *
 * @example
 * edgeFilter({ includeInferred: true }); // { includeInferred: true, includeUndated: false }
 */
export function edgeFilter(args: { includeInferred?: boolean | null; includeUndated?: boolean | null }): EdgeFilter {
  return { includeInferred: args.includeInferred ?? false, includeUndated: args.includeUndated ?? false };
}
