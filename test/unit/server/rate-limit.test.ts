import { ANONYMOUS } from '../../../src/auth/principal.js';
import { callerKey, CostRateLimiter } from '../../../src/server/rate-limit.js';

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe('CostRateLimiter', () => {
  it('lets a caller spend its window budget, refuses the next operation with the seconds until it fits, and refills', () => {
    const clock = manualClock();
    const limiter = new CostRateLimiter({ points: 1000, windowMs: 60_000, maxCallers: 10 }, clock.now);
    expect(limiter.charge('a', 600)).toMatchObject({ allowed: true, limit: 1000, remaining: 400 });
    // Full again after 600 points' worth of the window: 36 s.
    expect(limiter.charge('a', 0)).toMatchObject({ allowed: true, remaining: 400, resetAtMs: clock.now() + 36_000 });
    // 500 do not fit in 400: 100 points come back in 6 s. Nothing is taken.
    expect(limiter.charge('a', 500)).toEqual({
      allowed: false,
      retryAfterSeconds: 6,
      limit: 1000,
      remaining: 400,
      resetAtMs: clock.now() + 36_000,
    });
    clock.advance(5_999);
    expect(limiter.charge('a', 500).allowed).toBe(false);
    clock.advance(1);
    expect(limiter.charge('a', 500)).toMatchObject({ allowed: true, remaining: 0 });
    // Idle for a whole window: back to the full budget, never more.
    clock.advance(600_000);
    expect(limiter.charge('a', 0)).toMatchObject({ remaining: 1000 });
  });

  it('keeps callers apart', () => {
    const limiter = new CostRateLimiter({ points: 100, windowMs: 1000, maxCallers: 10 }, manualClock().now);
    expect(limiter.charge('a', 100).allowed).toBe(true);
    expect(limiter.charge('a', 1).allowed).toBe(false);
    expect(limiter.charge('b', 100).allowed).toBe(true);
  });

  it('remembers at most maxCallers, forgetting the least recently seen first', () => {
    const limiter = new CostRateLimiter({ points: 100, windowMs: 1000, maxCallers: 3 }, manualClock().now);
    for (const caller of ['a', 'b', 'c']) limiter.charge(caller, 100);
    limiter.charge('a', 0); // a is now the most recent; b the oldest
    limiter.charge('d', 100);
    expect(limiter.size).toBe(3);
    expect(limiter.charge('b', 100).allowed).toBe(true); // forgotten, so full again (and c is now forgotten)
    expect(limiter.charge('a', 1).allowed).toBe(false); // still remembered, still empty
    for (let i = 0; i < 10_000; i += 1) limiter.charge(`flood-${i}`, 1);
    expect(limiter.size).toBe(3);
  });
});

describe('callerKey', () => {
  const curator = { name: 'curator', role: 'EDITOR', via: 'api-key' } as const;

  it('keys a verified key by a hash of its name, wherever it calls from', () => {
    const key = callerKey(curator, '10.0.0.1');
    expect(key).toMatch(/^api-key:[0-9a-f]{32}$/);
    expect(key).not.toContain('curator');
    expect(callerKey(curator, '10.0.0.2')).toBe(key);
    expect(callerKey({ ...curator, name: 'other' }, '10.0.0.1')).not.toBe(key);
    // A token subject of the same name is another caller.
    expect(callerKey({ ...curator, via: 'jwt' }, '10.0.0.1')).toMatch(/^jwt:[0-9a-f]{32}$/);
  });

  it('keys anonymous callers (and the system) by address', () => {
    expect(callerKey(ANONYMOUS, '::ffff:10.0.0.1')).toBe('addr:10.0.0.1');
    expect(callerKey(ANONYMOUS, '::1')).toBe('addr:::1');
    expect(callerKey(ANONYMOUS, undefined)).toBe('addr:unknown');
  });
});
