import fc from 'fast-check';

import { isIsoDate } from '../../../src/resolvers/scalars.js';

const DAY_MS = 86_400_000;
/** 0001-01-01T00:00:00Z; years 0-99 cannot be built with Date.UTC, which reads them as 1900-1999. */
const FIRST_DAY_MS = Date.parse('0001-01-01T00:00:00Z');
/** Days from 0001-01-01 to 9999-12-31 inclusive. */
const DAYS = (Date.parse('9999-12-31T00:00:00Z') - FIRST_DAY_MS) / DAY_MS + 1;

/** The oracle: the `YYYY-MM-DD` of day `n` counted from 0001-01-01, by the engine's proleptic calendar. */
const dayString = (n: number): string => new Date(FIRST_DAY_MS + n * DAY_MS).toISOString().slice(0, 10);

/** The oracle for any four-digit year, two-digit month and day: does the engine's calendar have that day? */
function oracle(year: number, month: number, day: number): boolean {
  if (year < 1) return false;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes years 0-99 as they are.
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

describe('isIsoDate', () => {
  it('knows how many days the range has', () => {
    expect(DAYS).toBe(3_652_059);
    expect([dayString(0), dayString(DAYS - 1)]).toEqual(['0001-01-01', '9999-12-31']);
  });

  it('accepts every day from 0001-01-01 to 9999-12-31 (property over the whole range)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: DAYS - 1 }), (n) => isIsoDate(dayString(n))),
      { numRuns: 20_000 },
    );
  });

  it('agrees with the calendar on any YYYY-MM-DD, valid or not (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (y, m, d) => {
        const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
        return isIsoDate(text) === oracle(y, m, d);
      }),
      { numRuns: 20_000 },
    );
  });

  it('gets the last day of every month of every year right', () => {
    const wrong: string[] = [];
    for (let year = 1; year <= 9999; year += 1) {
      for (let month = 1; month <= 12; month += 1) {
        const last = new Date(0);
        last.setUTCFullYear(year, month, 0);
        const days = last.getUTCDate();
        const prefix = `${pad(year, 4)}-${pad(month, 2)}-`;
        if (!isIsoDate(`${prefix}${pad(days, 2)}`)) wrong.push(`${prefix}${days}`);
        if (isIsoDate(`${prefix}${pad(days + 1, 2)}`)) wrong.push(`${prefix}${days + 1}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ['0050-06-15', true],
    ['0001-01-01', true],
    ['0099-12-31', true],
    ['0100-01-01', true],
    ['9999-12-31', true],
    ['0004-02-29', true],
    ['0400-02-29', true],
    ['0100-02-29', false],
    ['0000-01-01', false],
    ['0000-12-31', false],
    ['2021-00-10', false],
    ['2021-13-01', false],
    ['2021-01-00', false],
    ['10000-01-01', false],
    ['+002021-01-01', false],
    ['2021-01-01T00:00:00Z', false],
  ])('%s -> %s', (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });
});
