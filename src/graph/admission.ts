import { AppError, withoutStack } from '../errors/app-error.js';
import { ErrorCode } from '../errors/error-code.js';

/** Bounds of the admission gate in front of every transaction. */
export interface AdmissionOptions {
  /** Transactions that may run at once (ADMISSION_MAX_CONCURRENT); kept below the driver's pool size. */
  readonly maxConcurrent: number;
  /** Transactions that may wait for a turn (ADMISSION_MAX_QUEUE); past it they are refused at once. */
  readonly maxQueue: number;
  /** How long a transaction may wait for a turn (ADMISSION_QUEUE_TIMEOUT_MS) before it is refused. */
  readonly queueTimeoutMs: number;
}

/** Timers of the gate; tests pass their own to step time without sleeping. */
export interface AdmissionTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_TIMERS: AdmissionTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface Waiter {
  readonly grant: (release: () => void) => void;
  readonly refuse: (error: AppError) => void;
  timer: unknown;
}

/** What the gate holds now, for metrics and tests. */
export interface AdmissionStats {
  readonly active: number;
  readonly queued: number;
}

/**
 * The error of a transaction the gate turns away. OVERLOADED, never SERVICE_UNAVAILABLE: the database is
 * healthy, this process is at its own bound. `retryAfterSeconds` becomes the Retry-After header.
 */
export function overloaded(retryAfterSeconds: number): AppError {
  return withoutStack(
    new AppError(ErrorCode.OVERLOADED, 'The server is busy; retry after the Retry-After seconds.', { retryAfterSeconds }),
  );
}

/**
 * A counting semaphore with a short FIFO queue and a queue deadline: at most `maxConcurrent` holders, at
 * most `maxQueue` waiters, each waiting at most `queueTimeoutMs`. Beyond either bound `acquire` fails with
 * OVERLOADED instead of letting work pile up behind Neo4j (where it would wait for a pooled connection and
 * surface as an outage).
 *
 * @example
 * const gate = new AdmissionGate({ maxConcurrent: 16, maxQueue: 64, queueTimeoutMs: 1000 });
 * const release = await gate.acquire();
 * try { await work(); } finally { release(); }
 */
export class AdmissionGate {
  private active = 0;
  private readonly queue: Waiter[] = [];
  /** Seconds a refused caller is told to wait: about one queue deadline, at least 1 s. */
  private readonly retryAfterSeconds: number;

  constructor(
    private readonly options: AdmissionOptions,
    private readonly timers: AdmissionTimers = REAL_TIMERS,
  ) {
    this.retryAfterSeconds = Math.max(1, Math.ceil(options.queueTimeoutMs / 1000));
  }

  /** Current holders and waiters. */
  stats(): AdmissionStats {
    return { active: this.active, queued: this.queue.length };
  }

  /**
   * Resolves with a release function once a turn is free; rejects with OVERLOADED when the queue is full or
   * the turn does not come within the queue deadline. The release function is idempotent.
   */
  acquire(): Promise<() => void> {
    if (this.active < this.options.maxConcurrent && this.queue.length === 0) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    if (this.queue.length >= this.options.maxQueue) return Promise.reject(overloaded(this.retryAfterSeconds));
    return new Promise((grant, refuse) => {
      const waiter: Waiter = { grant, refuse, timer: undefined };
      waiter.timer = this.timers.setTimeout(() => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        refuse(overloaded(this.retryAfterSeconds));
      }, this.options.queueTimeoutMs);
      this.queue.push(waiter);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) {
        // The turn passes straight to the next waiter: `active` stays the same.
        this.timers.clearTimeout(next.timer);
        next.grant(this.releaser());
      } else {
        this.active -= 1;
      }
    };
  }
}
