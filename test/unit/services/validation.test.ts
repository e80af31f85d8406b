import { AppError } from '../../../src/errors/app-error.js';
import { isIsoDate } from '../../../src/resolvers/scalars.js';
import { decodeCursor, encodeCursor } from '../../../src/services/cursor.js';
import { boundedText, countryCode, inRange, LIMITS } from '../../../src/services/validation.js';

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
    expect(decodeCursor('after', encodeCursor(['Canada', 'canada']), isPair)).toEqual(['Canada', 'canada']);
    expect(codeOf(() => decodeCursor('after', 'not-a-cursor', isPair))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    expect(codeOf(() => decodeCursor('after', encodeCursor({ a: 1 }), isPair))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2021-02-01')).toBe(true);
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2021-02-29')).toBe(false);
    expect(isIsoDate('2021-2-1')).toBe(false);
    expect(isIsoDate("2021-02-01' OR 1=1")).toBe(false);
  });
});
