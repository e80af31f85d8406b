import { badUserInput } from '../errors/app-error.js';

/** Page sizes and other bounded integer arguments. */
export const LIMITS = {
  pageSize: { min: 1, max: 100 },
  searchHits: { min: 1, max: 100 },
  pathLimit: { min: 1, max: 25 },
  neighbourhoodLimit: { min: 1, max: 500 },
  // Every list field is bounded (issue 12): the defaults are in the schema, the maxima here.
  findings: { min: 1, max: 500 },
  mentions: { min: 1, max: 200 },
  roles: { min: 1, max: 100 },
  listEntries: { min: 1, max: 500 },
  actorSanctions: { min: 1, max: 100 },
  sanctionActors: { min: 1, max: 500 },
  sanctionParties: { min: 1, max: 1000 },
  sentences: { min: 1, max: 1000 },
  sourceItems: { min: 1, max: 500 },
  // Groups of an aggregate (by type, kind, country, month, ...): what a client may ask for of one list.
  aggregateGroups: { min: 1, max: 500 },
  // Issue 20: listings of one target in an alignment, events of one actor's timeline.
  alignmentListings: { min: 1, max: 500 },
  timelineEvents: { min: 1, max: 500 },
  // Pages of the audit trail (changes, recordedBetween) and the admins' key list.
  changes: { min: 1, max: 500 },
  apiKeys: { min: 1, max: 1000 },
  // Issue 16: the candidates of one match review (the importer stores a handful).
  reviewCandidates: { min: 1, max: 20 },
} as const;

/**
 * Checks that an integer argument lies in its range.
 *
 * @throws AppError BAD_USER_INPUT naming the argument and the range.
 * @example
 * const first = inRange('first', args.first, LIMITS.pageSize);
 */
export function inRange(argument: string, value: number, range: { min: number; max: number }): number {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw badUserInput(`${argument} must be between ${range.min} and ${range.max}`, {
      argument,
      min: range.min,
      max: range.max,
    });
  }
  return value;
}

/** Checks a free-text argument: trimmed, non-empty and at most `max` characters. */
export function boundedText(argument: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > max) {
    throw badUserInput(`${argument} must be 1 to ${max} characters`, { argument, min: 1, max });
  }
  return trimmed;
}

/** Normalises an ISO 3166-1 alpha-2 country argument to upper case. */
export function countryCode(argument: string, value: string): string {
  if (!/^[A-Za-z]{2}$/.test(value)) {
    throw badUserInput(`${argument} must be an ISO 3166-1 alpha-2 code such as "MM"`, { argument });
  }
  return value.toUpperCase();
}

/**
 * Checks that a date range is not inverted (either end may be open): an inverted range would answer
 * nothing, indistinguishable from "nothing in that range".
 *
 * @throws AppError BAD_USER_INPUT naming the `from` argument.
 * @example
 * dateRange('where', w.from, w.to); // throws for { from: '2021-12-11', to: '2021-12-01' }
 */
export function dateRange(prefix: string, from: string | null | undefined, to: string | null | undefined): void {
  if (from && to && from > to) {
    throw badUserInput(`${prefix}.from must be on or before ${prefix}.to`, { argument: `${prefix}.from`, from, to });
  }
}
