import type { QueryChangesArgs, QueryRecordedBetweenArgs } from '../__generated__/schema-types.js';
import { badUserInput } from '../errors/app-error.js';
import type { ChangeModel, GraphRepository, MutationCount } from '../graph/graph-repository.js';
import { inRange, LIMITS } from './validation.js';

/** A page of the audit trail, one more than asked for (so the caller knows whether more follow). */
export interface ChangePage {
  readonly changes: readonly ChangeModel[];
  readonly first: number;
  readonly after: number;
}

function afterOf(after: number | null | undefined): number {
  if (after === null || after === undefined) return 0;
  if (!Number.isInteger(after) || after < 0) throw badUserInput('after must be a change seq, 0 or more', { argument: 'after' });
  return after;
}

/**
 * `changes(after, first, target, author)`: one statement, `first + 1` records to tell whether more follow.
 *
 * @example
 * const page = await changePage(repo, { after: 10, first: 50 });
 */
export async function changePage(repo: GraphRepository, args: QueryChangesArgs): Promise<ChangePage> {
  const first = inRange('first', args.first ?? 50, LIMITS.changes);
  const after = afterOf(args.after);
  const changes = await repo.changes.after(after, first + 1, { target: args.target ?? null, author: args.author ?? null });
  return { changes, first, after };
}

/**
 * `recordedBetween(from, to, first, after)`: the page and the counts by mutation over the whole period, two
 * statements (sent together by the resolver's one call).
 */
export async function recordedBetween(
  repo: GraphRepository,
  args: QueryRecordedBetweenArgs,
): Promise<ChangePage & { readonly counts: readonly MutationCount[]; readonly total: number }> {
  const first = inRange('first', args.first ?? 50, LIMITS.changes);
  const after = afterOf(args.after);
  if (Date.parse(args.from) >= Date.parse(args.to)) throw badUserInput('from must be before to', { argument: 'to' });
  const [changes, counts] = await Promise.all([
    repo.changes.recordedBetween(args.from, args.to, after, first + 1),
    repo.changes.countsBetween(args.from, args.to),
  ]);
  return { changes, first, after, counts, total: counts.reduce((sum, c) => sum + c.count, 0) };
}
