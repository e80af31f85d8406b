import { createHash } from 'node:crypto';

import type { Principal } from '../auth/principal.js';

/** Settings of the per-caller cost budget (the `rateLimit` section of the config). */
export interface RateLimitOptions {
  /** Size of each caller's bucket, in cost points; also the points restored per window. */
  readonly points: number;
  /** How long an empty bucket takes to fill again, in milliseconds. */
  readonly windowMs: number;
  /** Callers remembered at once; the least recently seen is forgotten first. */
  readonly maxCallers: number;
}

/** The state of a caller's bucket after an operation was charged (or refused). */
export interface BucketStatus {
  /** The bucket's size. */
  readonly limit: number;
  /** Points left now. */
  readonly remaining: number;
  /** When the bucket is full again, if nothing more is spent (epoch milliseconds). */
  readonly resetAtMs: number;
}

/** The verdict of {@link CostRateLimiter.charge}. */
export type ChargeResult =
  ({ readonly allowed: true } & BucketStatus) | ({ readonly allowed: false; readonly retryAfterSeconds: number } & BucketStatus);

interface Bucket {
  tokens: number;
  updatedAtMs: number;
}

/**
 * Per-caller cost budgets over a time window: a token bucket of `points` per caller that refills at
 * `points / windowMs`, so a caller may burst up to a window's worth and then sustain the refill rate. An
 * operation is charged its computed cost before it runs; one that does not fit is refused and charged
 * nothing. The table of callers is bounded: past `maxCallers` the least recently seen caller is dropped
 * (it comes back with a full bucket, the state it would reach anyway once idle for a window).
 *
 * @example
 * const limiter = new CostRateLimiter({ points: 250_000, windowMs: 60_000, maxCallers: 10_000 });
 * const verdict = limiter.charge('addr:127.0.0.1', 42);
 */
export class CostRateLimiter {
  /** Map order is recency order: a caller is re-inserted on every charge, the oldest is first. */
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.refillPerMs = options.points / options.windowMs;
  }

  /** Callers remembered now. */
  get size(): number {
    return this.buckets.size;
  }

  /** Takes `cost` points from the caller's bucket if they are there; otherwise refuses and takes nothing. */
  charge(caller: string, cost: number): ChargeResult {
    const now = this.now();
    const bucket = this.buckets.get(caller) ?? { tokens: this.options.points, updatedAtMs: now };
    bucket.tokens = Math.min(this.options.points, bucket.tokens + Math.max(0, now - bucket.updatedAtMs) * this.refillPerMs);
    bucket.updatedAtMs = now;
    this.buckets.delete(caller);
    this.buckets.set(caller, bucket);
    this.evict();
    const allowed = cost <= bucket.tokens;
    if (allowed) bucket.tokens -= cost;
    const status: BucketStatus = {
      limit: this.options.points,
      remaining: Math.floor(bucket.tokens),
      resetAtMs: now + Math.ceil((this.options.points - bucket.tokens) / this.refillPerMs),
    };
    if (allowed) return { allowed, ...status };
    const retryAfterSeconds = Math.max(1, Math.ceil((cost - bucket.tokens) / this.refillPerMs / 1000));
    return { allowed, retryAfterSeconds, ...status };
  }

  private evict(): void {
    while (this.buckets.size > this.options.maxCallers) {
      const oldest = this.buckets.keys().next();
      if (oldest.done === true) return;
      this.buckets.delete(oldest.value);
    }
  }
}

/**
 * Who pays for an operation: the verified caller (an API key by its name, a token by its subject), else
 * the client address. Only verified principals get a bucket of their own: a request with a made-up key is
 * refused with UNAUTHENTICATED before it is costed, so clients cannot mint buckets. Names are hashed so
 * the table holds no identifiers in the clear and no name can collide with an address.
 *
 * @example
 * callerKey({ name: 'curator', role: 'EDITOR', via: 'api-key' }, '127.0.0.1'); // 'api-key:3b6c…'
 * callerKey(ANONYMOUS, '::ffff:127.0.0.1'); // 'addr:127.0.0.1'
 */
export function callerKey(principal: Principal, address: string | undefined): string {
  if (principal.via === 'api-key' || principal.via === 'jwt') {
    return `${principal.via}:${createHash('sha256').update(principal.name).digest('hex').slice(0, 32)}`;
  }
  // IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d.
  return `addr:${(address ?? 'unknown').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '')}`;
}
