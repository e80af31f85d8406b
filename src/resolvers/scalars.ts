import { GraphQLScalarType, Kind } from 'graphql';

import { badUserInput } from '../errors/app-error.js';

/** True for a real calendar date in `YYYY-MM-DD` form (no 2021-02-30). */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
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
