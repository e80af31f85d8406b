import { AppError } from '../../../src/errors/app-error.js';
import { isIsoDate } from '../../../src/resolvers/scalars.js';
import { decodeCursor, encodeCursor, filterHash } from '../../../src/services/cursor.js';
import { boundedText, countryCode, dateRange, inRange, LIMITS } from '../../../src/services/validation.js';

const codeOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.extensions : error;
  }
  return undefined;
};

describe('argument validation', () => {
  it('accepts page sizes 1..100 and rejects others with the range', () => {
    expect(inRange('first', 100, LIMITS.pageSize)).toBe(100);
    expect(codeOf(() => inRange('first', 99999999, LIMITS.pageSize))).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'first',
      min: 1,
      max: 100,
    });
    expect(codeOf(() => inRange('first', 0, LIMITS.pageSize))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('bounds free text and normalises country codes', () => {
    expect(boundedText('text', '  suu kyi ', 200)).toBe('suu kyi');
    expect(codeOf(() => boundedText('text', '   ', 200))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'text' });
    expect(countryCode('country', 'mm')).toBe('MM');
    expect(codeOf(() => countryCode('country', 'Myanmar'))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('round-trips cursors and rejects forged ones', () => {
    const isPair = (v: unknown): v is [string, string] => Array.isArray(v) && v.length === 2;
    const scope = { query: 'Query.actors', order: 'NAME ASC', filter: { country: 'MM', kinds: null } };
    expect(decodeCursor('after', encodeCursor(scope, ['Canada', 'canada']), scope, isPair)).toEqual(['Canada', 'canada']);
    expect(codeOf(() => decodeCursor('after', 'not-a-cursor', scope, isPair))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    expect(codeOf(() => decodeCursor('after', encodeCursor(scope, { a: 1 }), scope, isPair))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('refuses a cursor under another query, ordering or filter, and hashes filters whatever their key order', () => {
    const isPair = (v: unknown): v is [string, string] => Array.isArray(v) && v.length === 2;
    const scope = { query: 'Query.actors', order: 'NAME ASC', filter: { country: 'MM', kinds: null } };
    const cursor = encodeCursor(scope, ['Canada', 'canada']);
    expect(decodeCursor('after', cursor, { ...scope, filter: { kinds: null, country: 'MM' } }, isPair)).toEqual(['Canada', 'canada']);
    expect(codeOf(() => decodeCursor('after', cursor, { ...scope, query: 'Query.sanctionsConnection' }, isPair))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'query',
    });
    expect(codeOf(() => decodeCursor('after', cursor, { ...scope, order: 'DEGREE DESC' }, isPair))).toMatchObject({ reason: 'ordering' });
    expect(codeOf(() => decodeCursor('after', cursor, { ...scope, filter: { country: 'CN', kinds: null } }, isPair))).toMatchObject({
      reason: 'filter',
    });
    expect(filterHash({ a: [1, { c: 2, b: null }] })).toBe(filterHash({ a: [1, { b: null, c: 2 }] }));
    expect(filterHash({ a: 1 })).not.toBe(filterHash({ a: 2 }));
  });

  it('encodes every cursor of a scope as the whole JSON would, its filter hashed once per scope object', () => {
    const scope = { query: 'Actor.relationships', order: 'ID ASC', filter: { types: ['SANCTIONED'], asOf: null } };
    const whole = (position: unknown): string =>
      Buffer.from(JSON.stringify([scope.query, scope.order, filterHash(scope.filter), position]), 'utf8').toString('base64url');
    for (const position of [['rel-1'], ['rel-"2"'], [3, 'x'], [{ a: 1 }]]) expect(encodeCursor(scope, position)).toBe(whole(position));
    // Two scope objects of different filters never share a prefix, even one after the other.
    const other = { ...scope, filter: { types: ['LISTED'], asOf: null } };
    expect(encodeCursor(other, ['rel-1'])).not.toBe(encodeCursor(scope, ['rel-1']));
  });

  it('refuses an inverted date range and accepts open or equal ends', () => {
    expect(codeOf(() => dateRange('where', '2021-12-11', '2021-12-01'))).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'where.from',
      from: '2021-12-11',
      to: '2021-12-01',
    });
    expect(dateRange('where', '2021-12-10', '2021-12-10')).toBeUndefined();
    expect(dateRange('where', null, '2021-12-01')).toBeUndefined();
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2021-02-01')).toBe(true);
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2021-02-29')).toBe(false);
    expect(isIsoDate('2021-2-1')).toBe(false);
    expect(isIsoDate("2021-02-01' OR 1=1")).toBe(false);
  });
});
