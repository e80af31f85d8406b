import { inRange, LIMITS } from '../services/validation.js';

/**
 * The first `first` groups of an aggregate (`fallback` when omitted: the schema default), within
 * LIMITS.aggregateGroups. The aggregate statement computed every group once; each group field slices it.
 *
 * @example
 * byType: (aggregate, { first }) => groups(aggregate.byType, first, 50),
 */
export function groups<T>(all: readonly T[], first: number | null | undefined, fallback: number): T[] {
  return all.slice(0, inRange('first', first ?? fallback, LIMITS.aggregateGroups));
}
