import type { QueryAlignmentArgs, QueryFollowersArgs } from '../__generated__/schema-types.js';
import { badUserInput, notFound } from '../errors/app-error.js';
import type { GraphRepository } from '../graph/graph-repository.js';
import type { FuzzyDate, TimeBasis } from '../graph/model.js';
import { periodEnd } from '../graph/relationship-properties.js';
import type { AlignmentListingModel, AlignmentModel, FollowingModel, LagModel, ListingRow } from '../graph/research-model.js';
import { requireActors } from './existence.js';
import type { Loaders } from './loaders.js';
import { boundedText, inRange, LIMITS } from './validation.js';

const DAY_MS = 86_400_000;

/**
 * Refuses an inverted window of root arguments `from` and `to` (either may be open): it would answer
 * nothing, indistinguishable from "nothing in that window".
 *
 * @throws AppError BAD_USER_INPUT naming `from`.
 * @example
 * windowInOrder('2021-12-11', '2021-12-01'); // throws
 */
export function windowInOrder(from: string | null | undefined, to: string | null | undefined): void {
  if (from && to && from > to) throw badUserInput('from must be on or before to', { argument: 'from', from, to });
}

/** Whole days from ISO day `a` to ISO day `b` (negative when `b` is earlier). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** A listing date as an interval of days: from its earliest day (null for a bound: unknown) to its latest. */
function interval(d: FuzzyDate, basis: Exclude<TimeBasis, 'UNDATED'>): { earliest: string | null; latest: string } {
  return { earliest: basis === 'BOUNDED' ? null : d.date, latest: periodEnd(d) };
}

/** Why a date cannot give an exact lag, or null when it can. */
function inexact(d: FuzzyDate, basis: Exclude<TimeBasis, 'UNDATED'>, whose: string): string | null {
  if (basis === 'BOUNDED') return `${whose} is BOUNDED: only the latest day it can have been (${d.date}) is known`;
  if (d.precision !== 'DAY')
    return `${whose} is only known to the ${d.precision.toLowerCase()} (${d.date.slice(0, d.precision === 'MONTH' ? 7 : 4)})`;
  return null;
}

/**
 * The lag of a listing behind the first listing of the same target (docs/model.md, "Alignment and lag"):
 * exact in days when both dates are DAY and DATED (or both are the same sanction, which is one action);
 * otherwise the range the dates allow, with the reason.
 *
 * @example
 * lagBehind({ date: '2022-03-15', precision: 'DAY', derivation: null }, 'DATED', { date: '2022-03-01', precision: 'DAY', derivation: null }, 'DATED', false);
 * // { days: 14, minDays: 14, maxDays: 14, reason: null }
 */
export function lagBehind(
  listed: FuzzyDate,
  basis: Exclude<TimeBasis, 'UNDATED'>,
  first: FuzzyDate,
  firstBasis: Exclude<TimeBasis, 'UNDATED'>,
  sameAction: boolean,
): LagModel {
  if (sameAction) return { days: 0, minDays: 0, maxDays: 0, reason: null };
  const mine = interval(listed, basis);
  const theirs = interval(first, firstBasis);
  const minDays = mine.earliest === null ? null : daysBetween(theirs.latest, mine.earliest);
  const maxDays = theirs.earliest === null ? null : daysBetween(theirs.earliest, mine.latest);
  const reasons = [inexact(listed, basis, 'this listing'), inexact(first, firstBasis, 'the first listing')].filter((r) => r !== null);
  if (reasons.length === 0) return { days: minDays, minDays, maxDays, reason: null };
  return { days: null, minDays, maxDays, reason: reasons.join('; ') };
}

/** One target's listings with their lags behind the first (the first listing of the statement's order). */
export function alignTarget(targetId: string, rows: readonly ListingRow[]): AlignmentModel {
  const [head] = rows;
  if (!head) throw new Error(`target ${targetId} without listings`);
  const first = head.sanction;
  const listings = rows.map((row, i): AlignmentListingModel => ({
    authorityId: row.authorityId,
    sanction: row.sanction,
    listed: row.sanction.date,
    timeBasis: row.sanction.timeBasis,
    delisted: row.sanction.delisting ?? null,
    lag: lagBehind(row.sanction.date, row.sanction.timeBasis, first.date, first.timeBasis, row.sanction.id === first.id),
    first: i === 0,
    joint: row.sanction.joint,
    sameActionAsFirst: row.sanction.id === first.id,
    status: row.status,
    evidence: row.sanction.evidence,
  }));
  return { targetId, firstListed: first.date, listings };
}

/**
 * Who listed each target of the request, in order, with each authority's lag behind the first; NOT_FOUND
 * when `target` names no actor or `sanction` no sanction (checked only when the answer is empty).
 *
 * @example
 * const [myanmar] = await alignment(repo, loaders, { sanction: 'sanction-2021-12-10-myanmar-human-rights' });
 */
export async function alignment(repo: GraphRepository, loaders: Loaders, args: QueryAlignmentArgs): Promise<AlignmentModel[]> {
  const first = inRange('first', args.first ?? 20, LIMITS.pageSize);
  windowInOrder(args.from, args.to);
  const program = args.program === null || args.program === undefined ? null : boundedText('program', args.program, 200);
  const rows = await repo.worldTime.alignment({
    target: args.target ?? null,
    program,
    sanction: args.sanction ?? null,
    from: args.from ?? null,
    to: args.to ?? null,
    limit: first,
  });
  if (rows.length === 0) {
    await requireActors(loaders, { target: args.target });
    if (args.sanction && (await loaders.sanction.load(args.sanction)) === undefined) {
      throw notFound('sanction', args.sanction, 'sanction');
    }
  }
  const aligned = rows.map((r) => alignTarget(r.targetId, r.listings));
  loaders.prime({ sanctions: aligned.flatMap((a) => a.listings.map((l) => l.sanction)) });
  return aligned;
}

/** The median of a non-empty list of numbers. */
function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Whom an authority followed: every other authority whose first listing of one of its targets is dated on
 * or before its own, with counts and the median of the exact lags; NOT_FOUND when `authority` names no actor.
 *
 * @example
 * const [us] = await followers(repo, loaders, { authority: 'united-kingdom' });
 */
export async function followers(repo: GraphRepository, loaders: Loaders, args: QueryFollowersArgs): Promise<FollowingModel[]> {
  const first = inRange('first', args.first ?? 20, LIMITS.pageSize);
  const leaders = await repo.worldTime.followed(args.authority, first);
  if (leaders.length === 0) await requireActors(loaders, { authority: args.authority });
  return leaders.map(({ leaderId, pairs }) => {
    const lags = pairs.map((p) => lagBehind(p.follower, p.followerBasis, p.leader, p.leaderBasis, p.sameSanction));
    const exact = lags.map((l) => l.days).filter((d): d is number => d !== null);
    return {
      leaderId,
      targetCount: pairs.length,
      sameDayCount: exact.filter((d) => d === 0).length,
      jointCount: pairs.filter((p) => p.joint).length,
      exactCount: exact.length,
      medianLagDays: median(exact),
    };
  });
}
