import { GraphQLScalarType, Kind } from 'graphql';

import { badUserInput } from '../errors/app-error.js';

/**
 * True for a real calendar date in `YYYY-MM-DD` form from 0001-01-01 to 9999-12-31 (no 2021-02-30, no
 * year 0000), by the proleptic Gregorian calendar. Plain arithmetic, not `Date`: `Date.UTC` and
 * `new Date(y, ...)` read years 0-99 as 1900-1999.
 */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw badUserInput('Date must be a calendar date in YYYY-MM-DD form, such as "2021-12-10"');
  }
  return value;
}

/** The `Date` scalar: ISO calendar dates as strings. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date in ISO 8601 form, `YYYY-MM-DD`.',
  serialize: (value) => parseDate(value),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badUserInput('Date must be a string such as "2021-12-10"');
    return parseDate(ast.value);
  },
});

/** ISO 8601 instants with an offset (`Z` or `+hh:mm`), to the millisecond at most. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || !DATE_TIME.test(value) || !isIsoDate(value.slice(0, 10)) || Number.isNaN(Date.parse(value))) {
    throw badUserInput('DateTime must be an ISO 8601 instant with an offset, such as "2026-12-01T12:00:00Z"');
  }
  return new Date(value).toISOString();
}

/** The `DateTime` scalar: instants as ISO strings, always answered in UTC. */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An instant in ISO 8601 form with its offset; answers are in UTC.',
  serialize: (value) => parseDateTime(value),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badUserInput('DateTime must be a string such as "2026-12-01T12:00:00Z"');
    return parseDateTime(ast.value);
  },
});
